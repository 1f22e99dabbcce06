import { Type } from 'typebox'
import { defineSyncEntity } from '../../src/shared/sync/entity.js'
import { PUBLIC } from '../../src/server/sync/audience.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { AudioRef } from '../../src/shared/sync/media.js'
import type { SyncRegistry } from '../../src/server/sync/registry.js'

/**
 * A stand-in for a feature's entity (an idea in a workshop, say): the engine is generic, so its
 * tests register an entity exactly as a feature will.
 */
export const TestNote = defineSyncEntity({
  name: 'test-note',
  schema: Type.Object(
    {
      councilId: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      text: Type.String({ maxLength: 2000 }),
      votes: Type.Optional(Type.Integer({ minimum: 0 })),
      /** A photo or a recording, named by reference like every feature's media. */
      media: Type.Optional(Type.Union([AudioRef, Type.Null()])),
    },
    { additionalProperties: false },
  ),
  scopeOf: (data) => `council:${String(data.councilId)}`,
  protectedFields: ['text'],
})

export const LOCKED_COUNCIL = 'locked'

export function testRegistry(): SyncRegistry {
  const registry = createSyncRegistry()
  registry.register(TestNote, {
    audience: (data) => (data.councilId === 'secret' ? [] : [PUBLIC]),
    canWrite: (_actor, attempt) =>
      attempt.scope === `council:${LOCKED_COUNCIL}` ? 'This council does not take changes from this device.' : true,
  })
  return registry
}

/**
 * A contribution that belongs to a person (a workshop idea, say): erasure keeps the idea but
 * removes who wrote it and the signature that could name them.
 */
export const TestIdea = defineSyncEntity({
  name: 'test-idea',
  schema: Type.Object(
    {
      councilId: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
      authorId: Type.Union([Type.String(), Type.Null()]),
      signature: Type.Union([Type.String({ maxLength: 120 }), Type.Null()]),
      text: Type.String({ maxLength: 2000 }),
    },
    { additionalProperties: false },
  ),
  scopeOf: (data) => `council:${String(data.councilId)}`,
  protectedFields: ['text'],
  personal: { ownerField: 'authorId', onErasure: 'anonymise', personalFields: ['signature'] },
})

/** A private note of one person: erasure deletes it. */
export const TestDiary = defineSyncEntity({
  name: 'test-diary',
  schema: Type.Object({ ownerId: Type.String(), text: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
  scopeOf: () => 'public:diary',
  protectedFields: ['text'],
  personal: { ownerField: 'ownerId', onErasure: 'delete' },
})

/** testRegistry() plus the two entities that hold a person's own data. */
export function personalTestRegistry(): SyncRegistry {
  const registry = testRegistry()
  const open = { audience: () => [PUBLIC], canWrite: () => true as const }
  registry.register(TestIdea, open)
  registry.register(TestDiary, open)
  return registry
}

/** A viewpoint in a consultation: the server stamps who wrote it and for whom. */
export const TestViewpoint = defineSyncEntity({
  name: 'test-viewpoint',
  schema: Type.Object(
    {
      councilId: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
      text: Type.String({ maxLength: 2000 }),
      authorId: Type.Union([Type.String(), Type.Null()]),
      byRelative: Type.Boolean(),
      onBehalfOf: Type.Union([Type.String(), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  scopeOf: (data) => `council:${String(data.councilId)}`,
  protectedFields: ['text'],
  authorship: { personField: 'authorId', relativeField: 'byRelative', onBehalfOfField: 'onBehalfOf' },
})

export function authorshipTestRegistry(): SyncRegistry {
  const registry = createSyncRegistry()
  registry.register(TestViewpoint, { audience: () => [PUBLIC], canWrite: (actor) => (actor.kind === 'person' ? true : 'Sign in to give your view.') })
  return registry
}
