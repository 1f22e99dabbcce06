import { shallowRef, type Component, type ShallowRef } from 'vue'

export interface LazySection {
  /** The component once its chunk is here; null until then. */
  component: ShallowRef<Component | null>
  /** Fetches the chunk (once; again after a failure). */
  load(): Promise<void>
}

/**
 * A part of a page only some people see, in a chunk of its own. Unlike defineAsyncComponent, it
 * can be loaded before the page renders (a route guard), so the page's first render has it and
 * nothing below it moves when it arrives.
 */
export function lazySection(fetchChunk: () => Promise<{ default: Component }>): LazySection {
  const component = shallowRef<Component | null>(null)
  let loading: Promise<void> | null = null
  const load = () =>
    (loading ??= fetchChunk().then(
      (chunk) => {
        component.value = chunk.default
      },
      (error: unknown) => {
        loading = null
        throw error
      },
    ))
  return { component, load }
}
