import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SyncPhase } from './status'

/** UI state of sync only; the data itself lives in IndexedDB and is read with useLiveQuery. */
export const useSyncStore = defineStore('sync', () => {
  // A page the server renders is rendered as online: it came over the network.
  const phase = ref<SyncPhase>(__SERVER_RENDER__ || navigator.onLine ? 'idle' : 'offline')
  function setPhase(next: SyncPhase) {
    phase.value = next
  }
  // The scheduler says what sync is doing, but it starts after the first paint and may not start
  // at all when its chunk cannot be fetched: the connection itself is followed from the start, so
  // nobody offline is told that everything is sent. Once running, the scheduler's next phase
  // (syncing, on `online`) follows these.
  if (!__SERVER_RENDER__) {
    window.addEventListener('offline', () => setPhase('offline'))
    window.addEventListener('online', () => {
      if (phase.value === 'offline') setPhase('idle')
    })
  }
  return { phase, setPhase }
})
