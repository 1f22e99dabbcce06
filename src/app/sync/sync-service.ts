import type { Pinia } from 'pinia'
import { COUNCILS_SCOPE, councilScope } from '../../shared/accounts/entities'
import { useSessionStore } from '../accounts/session-store'
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
  const session = useSessionStore(pinia)
  // Every device follows the council list; a person also the councils they belong to or
  // administer, a kiosk its one council. Meetings add the councils a person chose to keep offline.
  const scopes = (): string[] => {
    const me = session.me
    const councils = me.kind === 'person' ? [...new Set([...me.councilIds, ...me.staffCouncilIds])] : me.kind === 'kiosk' ? [me.councilId] : []
    return [COUNCILS_SCOPE, ...councils.map(councilScope)]
  }
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
