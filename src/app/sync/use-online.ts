import { onScopeDispose, ref, watch, type Ref } from 'vue'

/** The browser's own view of the connection; the sync engine will refine it with real requests. */
export function useOnline(): Ref<boolean> {
  // A page rendered by the server is rendered as online: it came over the network.
  if (__SERVER_RENDER__) return ref(true)
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

/** How long a lost connection must last before it is announced: a short blip is not news. */
export const OFFLINE_GRACE_MS = 3000

/**
 * Like useOnline, but "offline" only once the connection has been gone for `graceMs`: a phone
 * that drops Wi-Fi for a second in a meeting room should not tell its owner the network is lost.
 * Coming back online is shown at once.
 */
export function useSteadyOnline(graceMs = OFFLINE_GRACE_MS): Ref<boolean> {
  const raw = useOnline()
  const steady = ref(raw.value)
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(raw, (online) => {
    clearTimeout(timer)
    if (online) steady.value = true
    else timer = setTimeout(() => (steady.value = false), graceMs)
  })
  onScopeDispose(() => clearTimeout(timer))
  return steady
}
