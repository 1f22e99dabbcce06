import type { TObject } from 'typebox'

/**
 * What a feature tells the sync engine about one kind of record. The same definition is used by
 * the app (local table, scope of a new record) and the server (validation, scope, conflicts);
 * who may read or write it is the server's part (see src/server/sync/registry.ts).
 */
export interface SyncEntity<Data extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable name on the wire and in the database, e.g. "agenda-item". */
  name: string
  /** The whole record as stored, without id and version. Validated after every merge. */
  schema: TObject
  /** The scope a record belongs to, derived from its data (e.g. its council). */
  scopeOf(data: Data): string
  /** Fields holding a person's own words: never overwritten by a writer who had not seen them. */
  protectedFields: readonly string[]
}

export function defineSyncEntity<Data extends Record<string, unknown>>(entity: SyncEntity<Data>): SyncEntity<Data> {
  return entity
}
