import { Type, type Static } from 'typebox'
import { defineSyncCommand } from './entity.js'
import { UUID_PATTERN } from './uuidv7.js'

export const ConflictResolvedPayload = Type.Object({ mutationId: Type.String({ pattern: UUID_PATTERN }) }, { additionalProperties: false })
export type ConflictResolvedPayload = Static<typeof ConflictResolvedPayload>

/**
 * The author has decided about a conflict on their own words (kept theirs, or took the other
 * text): the server then forgets both sides it kept for them.
 */
export const ConflictResolved = defineSyncCommand<ConflictResolvedPayload>({ name: 'sync-conflict-resolved', schema: ConflictResolvedPayload })
