import { onScopeDispose, ref, type Ref } from 'vue'

/** The browser's own view of the connection; the sync engine will refine it with real requests. */
export function useOnline(): Ref<boolean> {
  const online = ref(navigator.onLine)
  const setOnline = () => (online.value = true)
  const setOffline = () => (online.value = false)
  window.addEventListener('online', setOnline)
  window.addEventListener('offline', setOffline)
  onScopeDispose(() => {
    window.removeEventListener('online', setOnline)
    window.removeEventListener('offline', setOffline)
  })
  return online
}
