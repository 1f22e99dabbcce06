import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Me } from '../../shared/accounts/model'

export const SESSION_STORAGE_KEY = 'brugerstemme.session.v1'
const STORAGE_KEY = SESSION_STORAGE_KEY

/** The session this device last knew of; anonymous when there is none or it cannot be read. */
export function cachedSession(): Me {
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    if (raw) return JSON.parse(raw) as Me
  } catch {
    // A broken cache is treated as signed out; the server tells the truth when it is next asked.
  }
  return { kind: 'anonymous' }
}

/**
 * Who is signed in on this device. Kept in localStorage so the app knows it offline. Only
 * accounts/identity.ts calls `set`: a change of person must hand the local data over with it.
 * Holds no domain data.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me>(cachedSession())

  function set(next: Me): void {
    me.value = next
    if (next.kind === 'anonymous') localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  }

  const person = computed(() => (me.value.kind === 'person' ? me.value : null))
  const kiosk = computed(() => (me.value.kind === 'kiosk' ? me.value : null))
  const isStaff = computed(() => person.value?.staffRole != null)

  return { me, set, person, kiosk, isStaff }
})
