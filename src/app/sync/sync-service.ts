import type { Pinia } from 'pinia'
import type { Poke } from '../../shared/sync/protocol'
import { endsCurrentSession, sessionEpoch } from '../session-epoch'
import { refusing } from '../ssr/refusing'
import { SyncEngine } from './engine'
import { createLocalDb, type LocalDb } from './local-db'
import { convertLegacyMedia } from './media-store'
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

type ScopeSource = () => readonly string[]
const scopeSources = new Set<ScopeSource>()

/**
 * Features tell the engine what this device follows (the councils a person belongs to, the ones
 * they chose to keep, an election's scope…); the engine pulls the union. Returns an unregister.
 */
export function registerScopes(source: ScopeSource): () => void {
  scopeSources.add(source)
  scopesChanged()
  return () => {
    scopeSources.delete(source)
    scopesChanged()
  }
}

/** A feature's scopes changed: pull at once and open or close the poke stream. */
export function scopesChanged(): void {
  service?.scheduler.refreshEvents()
  service?.scheduler.request(0)
}

let signedInCheck: () => boolean = () => false

/** Accounts tells the engine whether someone is signed in (unsent work of nobody waits for a sign-in). */
export function setSignedInCheck(check: () => boolean): void {
  signedInCheck = check
}

export function isSignedIn(): boolean {
  return signedInCheck()
}

/**
 * The app's single sync engine; `scheduler.start()` begins syncing. Features write through `writer` and read `db` with
 * useLiveQuery; they never talk to the server themselves.
 */
export function startSync(pinia: Pinia): SyncService {
  if (service) return service
  const db = createLocalDb()
  const store = useSyncStore(pinia)
  const scopes = (): string[] => [...new Set([...scopeSources].flatMap((source) => source()))].sort()
  const engine = new SyncEngine(db, httpTransport(), scopes)
  // Unsent work from an older app version gets its photos as media before anything is sent
  // (at the first sync, not before the first paint).
  let converting: Promise<unknown> | null = null
  const converted = () => (converting ??= convertLegacyMedia(db).catch((error: unknown) => console.error('old photos could not be converted', error)))
  const scheduler = new SyncScheduler({
    syncOnce: async () => {
      await converted()
      if (beforeSync && !(await beforeSync())) throw new TransportError('network', 'the sign-out could not reach the server yet')
      const epoch = sessionEpoch()
      try {
        await engine.syncOnce()
      } catch (error) {
        if (error instanceof TransportError && error.status === 401 && error.code === 'session_ended' && endsCurrentSession(epoch)) {
          for (const listener of sessionEndedListeners) listener()
        }
        throw error
      }
    },
    onPhase: store.setPhase,
    eventsUrl: () => (scopes().length > 0 ? '/api/sync/events' : null),
    // A poke's changes are the public's view, sent only on a stream nobody is signed in to: a
    // device someone signed in to since the stream opened pulls its own view instead.
    applyPoke: async (data) => {
      await converted()
      if (isSignedIn() || (beforeSync && !(await beforeSync()))) return false
      return engine.applyPoke(parsePoke(data))
    },
  })
  const writer = new SyncWriter(db)
  writer.onWrite(() => {
    scheduler.afterWrite()
    void askForPersistentStorage()
  })
  // Not started here: main.ts starts the scheduler after the first paint, so the first pull and
  // its IndexedDB writes do not compete with the page's first render. Requests made before
  // (features registering what they follow) wait for it.
  service = { db, writer, scheduler, engine }
  return service
}

/** The poke's data; one that does not parse carries no changes, so the device pulls. */
function parsePoke(data: string): Poke {
  try {
    const value = JSON.parse(data) as Poke
    return typeof value?.version === 'number' && Number.isInteger(value.version) ? value : { version: 0 }
  } catch {
    return { version: 0 }
  }
}

export function useSync(): SyncService {
  if (__SERVER_RENDER__) return refusing<SyncService>("The device's database and sync")
  if (!service) throw new Error('startSync() has not run.')
  return service
}
