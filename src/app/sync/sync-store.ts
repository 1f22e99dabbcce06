import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SyncPhase } from './status'

/** UI state of sync only; the data itself lives in IndexedDB and is read with useLiveQuery. */
export const useSyncStore = defineStore('sync', () => {
  const phase = ref<SyncPhase>(navigator.onLine ? 'idle' : 'offline')
  function setPhase(next: SyncPhase) {
    phase.value = next
  }
  return { phase, setPhase }
})
