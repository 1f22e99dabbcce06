import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie'

/** A synced record as the device keeps it: the server's data with this device's edits on top. */
export interface LocalRecord {
  entity: string
  id: string
  scope: string
  data: Record<string, unknown>
  /** The server's data as last pulled (null: not on the server yet), to undo a discarded edit. */
  base: Record<string, unknown> | null
  /** The server version whose data this record shows; 0 for a record the server has not seen yet. */
  version: number
  /**
   * Versions the server answered this device's own changes of the record with since it last
   * pulled it. They do not raise `version`: the device has not seen what others changed up to
   * them, and an edit written now must still conflict with that (see Mutation.ownVersions).
   */
  ownVersions?: number[]
  /** 1 while this device has changes to it that the server has not confirmed (indexable). */
  pending: 0 | 1
}

export type OutboxState = 'pending' | 'rejected' | 'conflict'

/**
 * What is not yet on the server. The outbox, not the records table, is the source of truth for
 * unsent work: an entry leaves only when the server has answered it, or the person discards it.
 */
export interface OutboxEntry {
  seq?: number
  mutationId: string
  entity: string
  entityId: string
  op: 'put' | 'patch' | 'delete'
  patch: Record<string, unknown>
  baseVersion: number | null
  /** See LocalRecord.ownVersions: those known when it was written, and those answered since. */
  ownVersions?: number[]
  createdAt: number
  state: OutboxState
  code?: string
  reason?: string
  fields?: string[]
  /** For a delete: the record as it was, so discarding the delete can bring it back. */
  removed?: LocalRecord
}

/** `meta` key of whose data the database holds (set by accounts when the device changes hands). */
export const OWNER_META_KEY = 'owner'
/** The owner of a database no one has signed in to, or one never handed over. */
export const ANONYMOUS_OWNER = 'anonymous'

/** Whose data `db` holds now; read inside a transaction to know it cannot change meanwhile. */
export async function dataOwner(db: LocalDb): Promise<string> {
  const stored = await db.meta.get(OWNER_META_KEY)
  return typeof stored?.value === 'string' ? stored.value : ANONYMOUS_OWNER
}

/**
 * Unsent work of a person who signed out before it could be sent. It waits here, out of the
 * outbox, so it is never pushed under the next person's session; it goes back into the outbox
 * when the same person signs in on this device again. `owner` is a hash, not the person's id.
 * A person's work is sealed with their hold key (accounts/held-seal.ts), all of one sign-out in
 * one row; a kiosk's, or one from an app before hold keys, is one plain row per change.
 */
export type HeldEntry = { seq?: number; owner: string } & (PlainHeld | SealedHeld)

export interface PlainHeld {
  entry: OutboxEntry
  /** The record as this device showed it, so the person sees their edit again at once. */
  record?: LocalRecord
}

export interface SealedHeld {
  /** accounts/held-seal.ts: the entries, their records and the media they name. */
  sealed: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }
  /** How many changes it holds (said at sign-out and on Mig without opening it). */
  count: number
}

/** How many changes `rows` of the held table hold. */
export const heldChanges = (rows: HeldEntry[]): number => rows.reduce((sum, row) => sum + ('sealed' in row ? row.count : 1), 0)

/**
 * A photo or recording on this device, named by the SHA-256 of its bytes. `uploaded` is 0 until
 * the server has it; the outbox uploads it before the first change that names it.
 */
export interface LocalMedium {
  sha256: string
  type: string
  bytes: number
  blob: Blob
  uploaded: 0 | 1
}

export interface MetaEntry {
  key: string
  value: unknown
}

export type LocalDb = Dexie & {
  records: Table<LocalRecord, [string, string]>
  outbox: EntityTable<OutboxEntry, 'seq'>
  meta: EntityTable<MetaEntry, 'key'>
  held: EntityTable<HeldEntry, 'seq'>
  media: EntityTable<LocalMedium, 'sha256'>
}

export const LOCAL_DB_NAME = 'brugerstemme'

/**
 * Versioned schema: a new Dexie version is added below the last one, never edited in place,
 * so a device that skipped releases upgrades step by step without losing its outbox.
 */
export function createLocalDb(name = LOCAL_DB_NAME, options?: DexieOptions): LocalDb {
  // Dexie 4's live-query cache now and then kept a screen on a result older than the data: the
  // common-room TV went on showing an open question that IndexedDB already held as closed. The
  // app's queries are small, so every live query reads IndexedDB again after a change.
  const db = new Dexie(name, { cache: 'disabled', ...options }) as LocalDb
  db.version(1).stores({
    records: '[entity+id], entity, [entity+scope], pending',
    outbox: '++seq, mutationId, [entity+entityId], state',
    meta: 'key',
  })
  db.version(2).stores({ held: '++seq, owner' })
  db.version(3).stores({ media: 'sha256, uploaded' })
  return db
}
