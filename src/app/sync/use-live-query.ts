import { liveQuery, type Subscription } from 'dexie'
import { inject, onScopeDispose, shallowRef, watch, type InjectionKey, type ShallowRef, type WatchSource } from 'vue'

/** A live query's answer read before its screen was mounted, and the key its query names. */
export interface PrimedAnswer {
  key: string
  answer: unknown
}

/** The page's answer when the server renders it (src/app/ssr/render-page.ts provides it). */
export const SERVER_ANSWER: InjectionKey<PrimedAnswer> = Symbol('server answer')

/** The answer primed for the mount in progress (withPrimedAnswer), as JSON to compare with. */
let primed: (PrimedAnswer & { json: string }) | null = null

/**
 * Mounts the first screen with its data already read (src/app/main.ts), so its first render
 * shows it. Without this the screen renders empty, Dexie starts its live query on a timer after
 * the first paint, and the content comes in a second render (a meeting's agenda about 230 ms
 * after the header at 4× CPU slowdown). Only during `mount`: a screen opened later reads its own.
 */
export function withPrimedAnswer(answer: PrimedAnswer | null, mount: () => void): void {
  primed = answer && { ...answer, json: JSON.stringify(answer.answer) }
  try {
    mount()
  } finally {
    primed = null
  }
}

/**
 * Domain data for components, straight from IndexedDB. Updates by itself when the data changes:
 * a local write, a pulled change, or a write in another tab. Dexie cannot see Vue's reactivity,
 * so a query that depends on reactive values (a route parameter) names them in `deps` and is
 * run again when they change; the same component is reused when only the route's id changes.
 * `primedBy` names the key of the answer it starts from when one was read for it (withPrimedAnswer).
 */
export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T, deps: WatchSource[] = [], primedBy?: string): ShallowRef<T> {
  // The server renders a page as the device's first render shows it (src/app/ssr/render-page.ts):
  // with the primed answer and every other query still unanswered. It has no IndexedDB to ask,
  // and renders pages side by side, so its answer comes with the app being rendered.
  if (__SERVER_RENDER__) {
    const served = inject(SERVER_ANSWER, null)
    return shallowRef(served && primedBy === served.key ? (served.answer as T) : initial) as ShallowRef<T>
  }
  const start = primed && primedBy === primed.key ? primed : null
  let primedJson = start?.json
  const result = shallowRef(start ? (start.answer as T) : initial) as ShallowRef<T>
  let subscription: Subscription | undefined
  const subscribe = () => {
    subscription?.unsubscribe()
    subscription = liveQuery(query).subscribe({
      next: (value) => {
        // The query's first answer equals the primed one unless the data changed in between:
        // rendering the same thing again would only cost the phone another render.
        const same = primedJson !== undefined && JSON.stringify(value) === primedJson
        primedJson = undefined
        if (!same) result.value = value
      },
      error: (error: unknown) => console.error('live query failed', error),
    })
  }
  if (deps.length > 0) watch(deps, subscribe, { immediate: true })
  else subscribe()
  onScopeDispose(() => subscription?.unsubscribe())
  return result
}
