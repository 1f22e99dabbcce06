import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsImport from 'ajv-formats'
import type { SyncEntity } from '../../shared/sync/entity.js'

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

import type { Actor } from '../accounts/actor.js'

export type { Actor }

export interface WriteAttempt {
  op: 'put' | 'patch' | 'delete'
  scope: string
  current: Record<string, unknown> | null
  next: Record<string, unknown> | null
}

/**
 * What a policy answers when nobody is signed in but a signed-in person might be allowed: the
 * device keeps the change waiting until its author signs in again, instead of refusing it.
 */
export const SIGN_IN_REQUIRED: unique symbol = Symbol('sign in required')

export interface SyncPolicy {
  canRead(actor: Actor, scope: string, data: Record<string, unknown> | null): boolean
  /** true, SIGN_IN_REQUIRED, or the reason (in plain English) why this actor may not make this write. */
  canWrite(actor: Actor, attempt: WriteAttempt): true | string | typeof SIGN_IN_REQUIRED
}

export interface RegisteredEntity {
  entity: SyncEntity
  policy: SyncPolicy
  validate: ValidateFunction
}

/** The features' entities, each registered once at start-up beside its schema. */
export class SyncRegistry {
  private readonly entities = new Map<string, RegisteredEntity>()
  // Strict like request bodies: a wrong type is an error, never silently coerced.
  private readonly ajv = addFormats(new Ajv({ allErrors: false, coerceTypes: false, strict: false }))

  register<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, policy: SyncPolicy): void {
    if (this.entities.has(entity.name)) throw new Error(`Sync entity "${entity.name}" is registered twice.`)
    this.entities.set(entity.name, {
      entity: entity as unknown as SyncEntity,
      policy,
      validate: this.ajv.compile(entity.schema),
    })
  }

  get(name: string): RegisteredEntity | undefined {
    return this.entities.get(name)
  }

  names(): string[] {
    return [...this.entities.keys()]
  }
}
