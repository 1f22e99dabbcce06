import type { Pinia } from 'pinia'
import { ref } from 'vue'
import { COUNCILS_SCOPE, councilScope } from '../../shared/accounts/entities'
import { useSessionStore } from '../accounts/session-store'
import { SyncEngine } from './engine'
import { createLocalDb, type LocalDb } from './local-db'
import { SyncScheduler } from './scheduler'
import { askForPersistentStorage } from './storage'
import { useSyncStore } from './sync-store'
import { httpTransport, TransportError } from './transport'
import { SyncWriter } from './write'

export interface SyncService {
  db: LocalDb
  writer: SyncWriter
  scheduler: SyncScheduler
  engine: SyncEngine
}

let service: SyncService | undefined

const sessionEndedListeners = new Set<() => void>()

/** The server ended this device's session (card revoked, signed out elsewhere); accounts wipes. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener)
  return () => sessionEndedListeners.delete(listener)
}

let beforeSync: (() => Promise<boolean>) | null = null

/**
 * Runs before every sync; a false answer skips it. Accounts uses it so that a device signed out
 * while offline tells the server first: until then the browser still holds the old session
 * cookie, and a sync would fetch that person's data again for whoever uses the device next.
 */
export function setBeforeSync(check: () => Promise<boolean>): void {
  beforeSync = check
}

const FOLLOWS_KEY = 'brugerstemme.follows.v1'

function storedFollows(): string[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(FOLLOWS_KEY) ?? '[]')
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

/** Councils the person chose to keep on this device (kept across visits). */
export const followedCouncils = ref<string[]>(storedFollows())
/** Councils whose page is open right now; followed only while it is open. */
const viewedCouncils = ref<string[]>([])

function followsChanged(): void {
  localStorage.setItem(FOLLOWS_KEY, JSON.stringify(followedCouncils.value))
  service?.scheduler.refreshEvents()
  service?.scheduler.request(0)
}

export function followCouncil(id: string): void {
  if (followedCouncils.value.includes(id)) return
  followedCouncils.value = [...followedCouncils.value, id]
  followsChanged()
}

export function unfollowCouncil(id: string): void {
  followedCouncils.value = followedCouncils.value.filter((other) => other !== id)
  followsChanged()
}

/** Follows a council while its page is open; call the returned function when it closes. */
export function viewCouncil(id: string): () => void {
  viewedCouncils.value = [...viewedCouncils.value, id]
  service?.scheduler.request(0)
  return () => {
    // Two open pages of the same council each hold their own place in the list.
    const at = viewedCouncils.value.indexOf(id)
    if (at >= 0) viewedCouncils.value = viewedCouncils.value.filter((_, i) => i !== at)
  }
}

/**
 * The app's single sync engine. Features write through `writer` and read `db` with
 * useLiveQuery; they never talk to the server themselves.
 */
export function startSync(pinia: Pinia): SyncService {
  if (service) return service
  const db = createLocalDb()
  const store = useSyncStore(pinia)
  const session = useSessionStore(pinia)
  // Every device follows the council list; a person also the councils they belong to or
  // administer, a kiosk its one council; anyone also the councils they follow or have open.
  const scopes = (): string[] => {
    const me = session.me
    const own = me.kind === 'person' ? [...me.councilIds, ...me.staffCouncilIds] : me.kind === 'kiosk' ? [me.councilId] : []
    const councils = new Set([...own, ...followedCouncils.value, ...viewedCouncils.value])
    return [COUNCILS_SCOPE, ...[...councils].map(councilScope)]
  }
  const engine = new SyncEngine(db, httpTransport(), scopes)
  const scheduler = new SyncScheduler({
    syncOnce: async () => {
      if (beforeSync && !(await beforeSync())) throw new TransportError('network', 'the sign-out could not reach the server yet')
      try {
        await engine.syncOnce()
      } catch (error) {
        if (error instanceof TransportError && error.status === 401 && error.code === 'session_ended') {
          for (const listener of sessionEndedListeners) listener()
        }
        throw error
      }
    },
    onPhase: store.setPhase,
    eventsUrl: () => (scopes().length > 0 ? '/api/sync/events' : null),
  })
  const writer = new SyncWriter(db)
  writer.onWrite(() => {
    scheduler.afterWrite()
    void askForPersistentStorage()
  })
  scheduler.start()
  service = { db, writer, scheduler, engine }
  return service
}

export function useSync(): SyncService {
  if (!service) throw new Error('startSync() has not run.')
  return service
}
