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
  /**
   * Records that belong to one person, for export and erasure (GDPR art. 15, 17, 20). The record
   * is the person's when `data[ownerField]` is their person id. On erasure it is either deleted,
   * or kept with `ownerField` and every `personalFields` entry set to null, so a contribution
   * still counts in the minutes but no longer says who made it. The schema must therefore allow
   * null in those fields when onErasure is 'anonymise'. Entities without it hold no one's data.
   */
  personal?: PersonalData
  /**
   * Who wrote a record, stamped by the server from the session when the record is created and
   * never taken from the device: the author's person id, whether they are a relative (the app
   * labels their words "pårørende"), and the resident they acted for, if any. The fields must be
   * in the schema (string or null; boolean).
   */
  authorship?: Authorship
}

export interface Authorship {
  personField: string
  relativeField: string
  onBehalfOfField: string
}

export interface PersonalData {
  ownerField: string
  onErasure: 'delete' | 'anonymise'
  /** Further fields that could identify the person (a signature, a free-text "who I am"). */
  personalFields?: readonly string[]
}

export function defineSyncEntity<Data extends Record<string, unknown>>(entity: SyncEntity<Data>): SyncEntity<Data> {
  return entity
}

/**
 * Something a device sends through the outbox that the server hands to a feature instead of
 * storing as a record (a sealed ballot, say): sent once, offline-safe, never kept on the device
 * after the server has answered. The feature registers its handler on the server.
 */
export interface SyncCommandDefinition<Payload extends Record<string, unknown> = Record<string, unknown>> {
  name: string
  schema: TObject
  /** Only for the type of the payload. */
  readonly payload?: Payload
}

export function defineSyncCommand<Payload extends Record<string, unknown>>(command: { name: string; schema: TObject }): SyncCommandDefinition<Payload> {
  return command
}
