import type { Change } from '../../shared/sync/protocol'
import type { LocalDb, LocalRecord } from './local-db'

/** What a screen's first answer reads: a record by key, the records of a kind in a scope. */
export interface RecordReader {
  get(entity: string, id: string): Promise<LocalRecord | undefined>
  inScope(entity: string, scope: string): Promise<LocalRecord[]>
}

/** The device's own records (IndexedDB). */
export function deviceRecords(db: LocalDb): RecordReader {
  return {
    get: (entity, id) => db.records.get([entity, id]),
    inScope: (entity, scope) => db.records.where('[entity+scope]').equals([entity, scope]).toArray(),
  }
}

/**
 * The records a device holds after storing `changes` as its first pull (SyncEngine.applyChanges
 * on an empty device: each change puts its record, a later one of the same record wins, a
 * deletion removes it). The server renders a page from these (src/app/ssr/render-page.ts), so it
 * reads exactly what the device will read from IndexedDB when it takes the page over.
 */
export function pulledRecords(changes: readonly Change[]): RecordReader {
  const records = new Map<string, LocalRecord>()
  const deleted: string[] = []
  const key = (entity: string, id: string) => `${entity}\u0000${id}`
  for (const change of changes) {
    if (change.data === null) deleted.push(key(change.entity, change.entityId))
    else records.set(key(change.entity, change.entityId), { entity: change.entity, id: change.entityId, scope: change.scope, data: change.data, base: change.data, version: change.version, pending: 0 })
  }
  for (const gone of deleted) records.delete(gone)
  // Sorted by id, as IndexedDB returns an index's matches ([entity+scope], then the primary key).
  const all = [...records.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    get: async (entity, id) => records.get(key(entity, id)),
    inScope: async (entity, scope) => all.filter((r) => r.entity === entity && r.scope === scope),
  }
}
