import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'

/**
 * Domain data for components, straight from IndexedDB. Updates by itself when the data changes:
 * a local write, a pulled change, or a write in another tab. Dexie cannot see Vue's reactivity,
 * so a query that depends on reactive values (a route parameter) names them in `deps` and is
 * run again when they change; the same component is reused when only the route's id changes.
 */
export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T, deps: WatchSource[] = []): ShallowRef<T> {
  const result = shallowRef(initial) as ShallowRef<T>
  let subscription: Subscription | undefined
  const subscribe = () => {
    subscription?.unsubscribe()
    subscription = liveQuery(query).subscribe({
      next: (value) => (result.value = value),
      error: (error: unknown) => console.error('live query failed', error),
    })
  }
  if (deps.length > 0) watch(deps, subscribe, { immediate: true })
  else subscribe()
  onScopeDispose(() => subscription?.unsubscribe())
  return result
}
