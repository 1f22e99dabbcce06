import type { Pinia } from 'pinia'
import { SyncEngine } from './engine'
import { createLocalDb, type LocalDb } from './local-db'
import { SyncScheduler } from './scheduler'
import { askForPersistentStorage } from './storage'
import { useSyncStore } from './sync-store'
import { httpTransport } from './transport'
import { SyncWriter } from './write'

export interface SyncService {
  db: LocalDb
  writer: SyncWriter
  scheduler: SyncScheduler
}

let service: SyncService | undefined

/**
 * The app's single sync engine. Features write through `writer` and read `db` with
 * useLiveQuery; they never talk to the server themselves.
 */
export function startSync(pinia: Pinia): SyncService {
  if (service) return service
  const db = createLocalDb()
  const store = useSyncStore(pinia)
  // Features will add the councils, elections and workshops a device follows (issue 4 onward).
  const scopes = (): string[] => []
  const engine = new SyncEngine(db, httpTransport(), scopes)
  const scheduler = new SyncScheduler({
    syncOnce: () => engine.syncOnce(),
    onPhase: store.setPhase,
    eventsUrl: () => (scopes().length > 0 ? '/api/sync/events' : null),
  })
  const writer = new SyncWriter(db)
  writer.onWrite(() => {
    scheduler.afterWrite()
    void askForPersistentStorage()
  })
  scheduler.start()
  service = { db, writer, scheduler }
  return service
}

export function useSync(): SyncService {
  if (!service) throw new Error('startSync() has not run.')
  return service
}
