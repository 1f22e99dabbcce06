import { and, eq } from 'drizzle-orm'
import { mergePatch } from '../../shared/sync/conflict.js'
import type { Authorship } from '../../shared/sync/entity.js'
import { mediaRefsIn } from '../../shared/sync/media.js'
import { patchProblem } from '../../shared/sync/patch-limits.js'
import { isScope, PUSH_BATCH_LIMIT, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../shared/sync/protocol.js'
import type { Db } from '../db/database.js'
import { syncConflicts, syncMutations, syncRecords, syncState } from '../db/schema.js'
import { SIGN_IN_REQUIRED, type Actor, type SyncRegistry } from './registry.js'
import type { Tx } from './server-write.js'
import { loadRelated, missingMedia, storeRecord } from './store.js'

/** Answers the device keeps waiting on instead of showing as refused: never remembered. */
const TRANSIENT = new Set(['not_signed_in', 'media_missing'])

const rejected = (m: Mutation, code: string, reason: string): MutationResult => ({
  mutationId: m.id,
  status: 'rejected',
  code,
  reason,
})

/**
 * Nobody is signed in: the change may well be allowed once its author signs in again (a staff
 * session ends when the browser closes), so the device keeps it waiting instead of showing it
 * as refused.
 */
const notSignedIn = (m: Mutation): MutationResult => rejected(m, 'not_signed_in', 'Sign in again to send this.')

const refuse = (m: Mutation, reason: string | typeof SIGN_IN_REQUIRED): MutationResult =>
  reason === SIGN_IN_REQUIRED ? notSignedIn(m) : rejected(m, 'forbidden', reason)

/**
 * The author fields come from the session, never from the device: on a new record they are set,
 * on a change they are left as they were, whatever the device sent.
 */
function stampAuthorship(authorship: Authorship | undefined, actor: Actor, patch: Record<string, unknown>, creating: boolean) {
  if (!authorship) return patch
  const { [authorship.personField]: _person, [authorship.relativeField]: _relative, [authorship.onBehalfOfField]: _for, ...rest } = patch
  if (!creating) return rest
  const person = actor.kind === 'person' ? actor : null
  return {
    ...rest,
    [authorship.personField]: person?.personId ?? null,
    [authorship.relativeField]: person?.personKind === 'relative',
    [authorship.onBehalfOfField]: person?.actingFor ?? null,
  }
}

function pick(data: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, data[f] ?? null]))
}

const authorOf = (actor: Actor) => (actor.kind === 'person' ? actor.personId : null)

interface PushContext {
  tx: Tx
  registry: SyncRegistry
  actor: Actor
  version: number
  clientId: string
  now: Date
}

async function applyCommand(ctx: PushContext, m: Mutation): Promise<MutationResult> {
  const registered = ctx.registry.command(m.entity)!
  if (m.op !== 'put') return rejected(m, 'invalid', `A ${m.entity} can only be sent, not changed or deleted.`)
  if (!registered.validate(m.patch)) {
    const first = registered.validate.errors?.[0]
    const where = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : m.entity
    return rejected(m, 'invalid', `The ${m.entity} is not valid: ${where} ${first?.message ?? 'is wrong'}.`)
  }
  const result = await registered.command.handle(ctx.tx, ctx.actor, m.patch, { now: ctx.now, version: ctx.version })
  return { mutationId: m.id, ...result }
}

async function applyOne(ctx: PushContext, m: Mutation): Promise<MutationResult> {
  const { tx, registry, actor, version } = ctx
  const problem = patchProblem(m.patch)
  if (problem) return rejected(m, 'invalid', `The change cannot be stored: ${problem}.`)
  if (registry.command(m.entity)) return applyCommand(ctx, m)
  const registered = registry.get(m.entity)
  if (!registered) return rejected(m, 'unknown_entity', `There is no kind of record called "${m.entity}".`)
  const { entity, policy, validate } = registered

  const [row] = await tx
    .select()
    .from(syncRecords)
    .where(and(eq(syncRecords.entity, m.entity), eq(syncRecords.id, m.entityId)))
    .for('update')

  if (m.op === 'delete') {
    if (!row || row.deletedAt) return { mutationId: m.id, status: 'applied', version: row?.version ?? 0 }
    const related = await loadRelated(tx, policy, row.data!)
    const allowed = policy.canWrite(actor, { op: 'delete', scope: row.scope, current: row.data, next: null }, related)
    if (allowed !== true) return refuse(m, allowed)
    await storeRecord(tx, registry, { entity: m.entity, id: m.entityId, scope: row.scope, data: null, fieldVersions: {}, version, previous: row })
    return { mutationId: m.id, status: 'applied', version }
  }

  if (row?.deletedAt) return rejected(m, 'deleted', 'This was deleted, so it cannot be changed any more.')
  if (m.op === 'patch' && !row) return rejected(m, 'not_found', 'This does not exist on the server, so it cannot be changed.')
  // Whoever may not change the record at all is answered before anything is merged or kept, so
  // a stranger can neither learn that a text changed nor fill the conflict table.
  if (row?.data) {
    const related = await loadRelated(tx, policy, row.data)
    const mayTouch = policy.canWrite(actor, { op: m.op, scope: row.scope, current: row.data, next: row.data }, related)
    if (mayTouch !== true) return refuse(m, mayTouch)
  }

  const current = row?.data ?? {}
  const patch = stampAuthorship(entity.authorship, actor, m.patch, !row)
  const outcome = mergePatch({
    current,
    fieldVersions: row?.fieldVersions ?? {},
    patch,
    baseVersion: m.baseVersion,
    newVersion: version,
    protectedFields: entity.protectedFields,
  })
  if (outcome.kind === 'conflict') {
    await tx.insert(syncConflicts).values({
      mutationId: m.id,
      entity: m.entity,
      entityId: m.entityId,
      clientId: ctx.clientId,
      authorId: authorOf(actor),
      fields: outcome.fields,
      serverValues: pick(current, outcome.fields),
      clientValues: pick(m.patch, outcome.fields),
    })
    return {
      mutationId: m.id,
      status: 'conflict',
      version: row?.version,
      code: 'conflict',
      reason: 'Someone else changed this text after you last saw it. Both versions are kept; choose which to keep.',
      fields: outcome.fields,
    }
  }

  if (!validate(outcome.data)) {
    const first = validate.errors?.[0]
    const where = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : m.entity
    return rejected(m, 'invalid', `The ${m.entity} is not valid: ${where} ${first?.message ?? 'is wrong'}.`)
  }
  const scope = entity.scopeOf(outcome.data)
  if (!isScope(scope)) return rejected(m, 'invalid_scope', `The ${m.entity} does not belong to a council, election or workshop.`)
  if (row && row.scope !== scope) return rejected(m, 'scope_change', `A ${m.entity} cannot be moved to another council, election or workshop.`)
  const related = await loadRelated(tx, policy, outcome.data)
  const allowed = policy.canWrite(actor, { op: m.op, scope, current: row?.data ?? null, next: outcome.data }, related)
  if (allowed !== true) return refuse(m, allowed)

  if (row && outcome.changed.length === 0) return { mutationId: m.id, status: 'applied', version: row.version }
  const missing = await missingMedia(tx, [...new Set(mediaRefsIn(m.patch).map((r) => r.sha256))])
  if (missing.length > 0) return rejected(m, 'media_missing', 'A photo or recording has not been uploaded yet; it is sent first.')
  await storeRecord(tx, registry, { entity: m.entity, id: m.entityId, scope, data: outcome.data, fieldVersions: outcome.fieldVersions, version, previous: row ?? null })
  return { mutationId: m.id, status: 'applied', version }
}

/**
 * Applies a push in one transaction. The sync_state row lock serialises pushes, so the version
 * this push writes is greater than every version already committed. Each mutation runs in its
 * own savepoint: a failing one leaves no trace and does not affect the others.
 *
 * Answers are remembered (for idempotency) only for signed-in callers: an anonymous caller can
 * change nothing that is stored, so remembering its answers would only let strangers fill the
 * table. Commands are never remembered (see SyncCommand).
 */
export async function applyPush(
  db: Db,
  registry: SyncRegistry,
  actor: Actor,
  request: PushRequest,
  options: { now?: Date; onError?: (error: unknown) => void } = {},
): Promise<PushResponse> {
  const { now = new Date(), onError } = options
  return db.transaction(async (tx) => {
    const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update')
    if (!state) throw new Error('sync_state is missing its row; the migrations did not run.')
    const version = state.version + 1
    const ctx: PushContext = { tx, registry, actor, version, clientId: request.clientId, now }
    const remember = actor.kind !== 'anonymous'
    let appliedAny = false
    const results: MutationResult[] = []

    for (const [index, m] of request.mutations.entries()) {
      if (index >= PUSH_BATCH_LIMIT) {
        results.push(rejected(m, 'batch_limit', `Only ${PUSH_BATCH_LIMIT} changes are taken at a time; send the rest again.`))
        continue
      }
      const isCommand = registry.command(m.entity) !== undefined
      if (remember && !isCommand) {
        const [seen] = await tx.select().from(syncMutations).where(eq(syncMutations.id, m.id))
        if (seen) {
          // Sent again (its answer was lost on the way): the same answer. Only an applied change
          // is called a duplicate; a conflict or refusal must still reach the person as such.
          const original = seen.result as MutationResult
          results.push(original.status === 'applied' ? { ...original, status: 'duplicate' } : original)
          continue
        }
      }
      const result = await tx.transaction((savepoint) => applyOne({ ...ctx, tx: savepoint }, m)).catch((error: unknown) => {
        // The savepoint is rolled back: this one change left no trace, and the others go on.
        onError?.(error)
        return rejected(m, 'not_stored', 'The server could not store this change. Tell the staff if it happens again.')
      })
      if (result.status === 'applied' && result.version === version) appliedAny = true
      results.push(result)
      if (!remember || isCommand || TRANSIENT.has(result.code ?? '')) continue
      await tx.insert(syncMutations).values({ id: m.id, clientId: request.clientId, authorId: authorOf(actor), result })
    }

    if (appliedAny) await tx.update(syncState).set({ version }).where(eq(syncState.id, 1))
    return { results, version: appliedAny ? version : state.version }
  })
}
