import { Ajv } from 'ajv'
import addFormatsImport from 'ajv-formats'
import type { TObject } from 'typebox'
import type { SyncEntity } from '../../shared/sync/entity.js'
import type { Actor } from '../accounts/actor.js'
import type { Db } from '../db/database.js'
import { lazyValidator, type Validator } from '../http/lazy-compile.js'
import type { Tx } from './server-write.js'
import { basePrincipals } from './audience.js'

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

/**
 * Strict like request bodies: a wrong type is an error, never silently coerced. One for every
 * registry, so a schema is compiled once per process (Ajv keeps it by the schema object), and
 * only when a record of its kind is first checked (see lazyValidator).
 */
const ajv = addFormats(new Ajv({ allErrors: false, coerceTypes: false, strict: false }))

export type { Actor }

export interface WriteAttempt<Data = Record<string, unknown>> {
  op: 'put' | 'patch' | 'delete'
  scope: string
  current: Data | null
  next: Data | null
}

/**
 * What a policy answers when nobody is signed in but a signed-in person might be allowed: the
 * device keeps the change waiting until its author signs in again, instead of refusing it.
 */
export const SIGN_IN_REQUIRED: unique symbol = Symbol('sign in required')

/** A record a decision depends on: `data[field]` holds the id of a record of `entity`. */
export interface RelatedSpec {
  entity: string
  field: string
}

/** The related records of one record, by the names its policy gave them; null when missing or deleted. */
export type Related = Readonly<Record<string, Record<string, unknown> | null>>

export interface SyncPolicy<Data = Record<string, unknown>> {
  /**
   * Records the policy reads to decide, e.g. `{ meeting: { entity: 'meeting', field: 'meetingId' } }`
   * for an agenda item whose visibility follows its meeting. When such a record changes, the
   * records depending on it get their audience computed again (and a new version when it moved).
   */
  related?: Record<string, RelatedSpec>
  /** The principals that may read the record (see audience.ts); [] for nobody but the server. */
  audience(data: Data, related: Related): string[]
  /** What a caller sees who reads the record only as the public (fields linking people left out). */
  publicView?(data: Data): Record<string, unknown>
  /** true, SIGN_IN_REQUIRED, or the reason (in plain English) why this actor may not make this write. */
  canWrite(actor: Actor, attempt: WriteAttempt<Data>, related: Related): true | string | typeof SIGN_IN_REQUIRED
  /**
   * What a write that canWrite allowed would break in records it does not name (a workshop
   * question that contributions point at, say), read from the database: true, or the reason.
   * Called only for policies that have it, after canWrite; it reads what earlier pushes stored.
   */
  keeps?(tx: Tx, id: string, attempt: WriteAttempt<Data>): Promise<true | string>
}

export interface RegisteredEntity {
  entity: SyncEntity
  policy: SyncPolicy
  validate: Validator
}

export interface CommandResult {
  status: 'applied' | 'rejected'
  /** The push's version, when the command also stored synced records (through storeRecord). */
  version?: number
  code?: string
  reason?: string
  /** What the feature tells the device back (a receipt, say); small and never personal. */
  data?: Record<string, unknown>
}

/**
 * A mutation the server hands to a feature instead of storing it as a record: a sealed ballot,
 * say. The outbox carries it like any change (offline, retried, sent once per device), but no
 * answer is remembered for it on the server, so nothing links the device or the time to it;
 * the handler must therefore be idempotent on its own (the same payload gives the same answer).
 */
export interface SyncCommand {
  name: string
  schema: TObject
  handle(tx: Tx, actor: Actor, payload: Record<string, unknown>, ctx: { now: Date; version: number }): Promise<CommandResult>
  /**
   * The command writes no sync record and needs no other push to wait for it (its own writes
   * keep their order, as an upsert per person does). A push of only such commands does not take
   * the sync version lock, and its handler gets version 0.
   */
  unversioned?: true
}

export interface RegisteredCommand {
  command: SyncCommand
  validate: Validator
}

export type PrincipalSource = (db: Db, actor: Actor) => Promise<string[]>

/** The features' entities and commands, each registered once at start-up beside its schema. */
export class SyncRegistry {
  private readonly entities = new Map<string, RegisteredEntity>()
  private readonly commands = new Map<string, RegisteredCommand>()
  private readonly principalSources: PrincipalSource[] = []

  register<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, policy: SyncPolicy<Data>): void {
    this.claim(entity.name)
    this.entities.set(entity.name, {
      entity: entity as unknown as SyncEntity,
      policy: policy as unknown as SyncPolicy,
      validate: lazyValidator(ajv, entity.schema),
    })
  }

  registerCommand(command: SyncCommand): void {
    this.claim(command.name)
    this.commands.set(command.name, { command, validate: lazyValidator(ajv, command.schema) })
  }

  /** A feature's own principals (a workshop's participants, say), added to every actor's. */
  addPrincipals(source: PrincipalSource): void {
    this.principalSources.push(source)
  }

  async principalsOf(db: Db, actor: Actor): Promise<string[]> {
    const extra = await Promise.all(this.principalSources.map((source) => source(db, actor)))
    return [...new Set([...basePrincipals(actor), ...extra.flat()])]
  }

  get(name: string): RegisteredEntity | undefined {
    return this.entities.get(name)
  }

  command(name: string): RegisteredCommand | undefined {
    return this.commands.get(name)
  }

  names(): string[] {
    return [...this.entities.keys()]
  }

  /** Entities whose policy reads records of `entity`, with the field that points at them. */
  dependentsOf(entity: string): { name: string; field: string }[] {
    const found: { name: string; field: string }[] = []
    for (const [name, registered] of this.entities) {
      for (const spec of Object.values(registered.policy.related ?? {})) {
        if (spec.entity === entity) found.push({ name, field: spec.field })
      }
    }
    return found
  }

  private claim(name: string): void {
    if (this.entities.has(name) || this.commands.has(name)) throw new Error(`Sync entity or command "${name}" is registered twice.`)
  }
}
