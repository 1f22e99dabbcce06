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
  return { phase, setPhase }
})
