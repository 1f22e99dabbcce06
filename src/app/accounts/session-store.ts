import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Me } from '../../shared/accounts/model'
import { api, ApiError } from '../api'

export const SESSION_STORAGE_KEY = 'brugerstemme.session.v1'
const STORAGE_KEY = SESSION_STORAGE_KEY

function cached(): Me {
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    if (raw) return JSON.parse(raw) as Me
  } catch {
    // A broken cache is treated as signed out; the server tells the truth at the next refresh.
  }
  return { kind: 'anonymous' }
}

/**
 * Who is signed in on this device. Kept in localStorage so the app knows it offline; the
 * server is asked again whenever there is a connection. Holds no domain data.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me>(cached())

  function set(next: Me): void {
    me.value = next
    if (next.kind === 'anonymous') localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  }

  async function refresh(): Promise<void> {
    try {
      set(await api<Me>('GET', '/api/me'))
    } catch (error) {
      if (!(error instanceof ApiError && error.offline)) throw error
    }
  }

  const person = computed(() => (me.value.kind === 'person' ? me.value : null))
  const kiosk = computed(() => (me.value.kind === 'kiosk' ? me.value : null))
  const isStaff = computed(() => person.value?.staffRole != null)

  return { me, set, refresh, person, kiosk, isStaff }
})
