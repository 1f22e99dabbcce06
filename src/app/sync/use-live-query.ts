import { liveQuery } from 'dexie'
import { onScopeDispose, shallowRef, type ShallowRef } from 'vue'

/**
 * Domain data for components, straight from IndexedDB. Updates by itself when the data changes:
 * a local write, a pulled change, or a write in another tab.
 */
export function useLiveQuery<T>(query: () => T | Promise<T>, initial: T): ShallowRef<T> {
  const result = shallowRef(initial) as ShallowRef<T>
  const subscription = liveQuery(query).subscribe({
    next: (value) => (result.value = value),
    error: (error: unknown) => console.error('live query failed', error),
  })
  onScopeDispose(() => subscription.unsubscribe())
  return result
}
