import { and, eq } from 'drizzle-orm'
import { ConflictResolved, type ConflictResolvedPayload } from '../../shared/sync/conflict-resolution.js'
import { syncConflicts } from '../db/schema.js'
import type { SyncRegistry } from './registry.js'

/** Both sides of a conflict are the author's words: kept only until the author has decided. */
export function registerConflictResolution(registry: SyncRegistry): void {
  registry.registerCommand({
    name: ConflictResolved.name,
    schema: ConflictResolved.schema,
    unversioned: true,
    async handle(tx, actor, payload) {
      if (actor.kind !== 'person') return { status: 'rejected', code: 'not_signed_in', reason: 'Sign in again to send this.' }
      const { mutationId } = payload as ConflictResolvedPayload
      // Someone else's conflict, or one already cleared: nothing to do, and nothing told.
      await tx.delete(syncConflicts).where(and(eq(syncConflicts.mutationId, mutationId), eq(syncConflicts.authorId, actor.personId)))
      return { status: 'applied' }
    },
  })
}
