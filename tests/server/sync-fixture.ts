import { Type } from 'typebox'
import { defineSyncEntity } from '../../src/shared/sync/entity.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
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
    canRead: (_actor, scope) => scope !== 'council:secret',
    canWrite: (_actor, attempt) =>
      attempt.scope === `council:${LOCKED_COUNCIL}` ? 'This council does not take changes from this device.' : true,
  })
  return registry
}
