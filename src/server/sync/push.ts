import { eq } from 'drizzle-orm'
import { mergePatch } from '../../shared/sync/conflict.js'
import type { Authorship } from '../../shared/sync/entity.js'
import { mediaRefsIn } from '../../shared/sync/media.js'
import { findHostileValue } from '../../shared/system/hostile-json.js'
import { isScope, PUSH_BATCH_LIMIT, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../shared/sync/protocol.js'
import type { Db } from '../db/database.js'
import { syncState } from '../db/schema.js'
import { AnsweredBefore, keyOf, PushBatch } from './batch.js'
import { SIGN_IN_REQUIRED, type Actor, type SyncRegistry } from './registry.js'
import type { Tx } from './server-write.js'

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
  registry: SyncRegistry
  actor: Actor
  clientId: string
  now: Date
  /** Answers are kept for signed-in callers only (see applyPush). */
  remember: boolean
  /** Whether earlier answers are looked up first, or only noticed when this push's are stored (see AnsweredBefore). */
  lookUp: boolean
  /**
   * Per record, the versions this push's earlier mutations of it were answered with (applied
   * now, or sent again after a lost answer): what the device would have known, had it heard
   * those answers before sending the rest (see mergePatch's ownVersions).
   */
  own: Map<string, Set<number>>
}

const recordKey = (m: Mutation) => keyOf(m.entity, m.entityId)

/** Whether any of these answers applied a change at this version (the push's own). */
const appliedAt = (results: MutationResult[], version: number) => results.some((r) => r.status === 'applied' && r.version === version)

function noteOwn(ctx: PushContext, m: Mutation, version: number | undefined): void {
  if (version === undefined) return
  const key = recordKey(m)
  const versions = ctx.own.get(key) ?? new Set<number>()
  versions.add(version)
  ctx.own.set(key, versions)
}

async function applyCommand(ctx: PushContext, batch: PushBatch, m: Mutation): Promise<MutationResult> {
  const registered = ctx.registry.command(m.entity)!
  if (m.op !== 'put') return rejected(m, 'invalid', `A ${m.entity} can only be sent, not changed or deleted.`)
  if (!registered.validate(m.patch)) {
    const first = registered.validate.errors?.[0]
    const where = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : m.entity
    return rejected(m, 'invalid', `The ${m.entity} is not valid: ${where} ${first?.message ?? 'is wrong'}.`)
  }
  // A command reads and writes the database itself: what this push decided so far goes first.
  await batch.flush()
  const result = await registered.command.handle(batch.tx, ctx.actor, m.patch, { now: ctx.now, version: batch.version })
  batch.forgetReads()
  return { mutationId: m.id, ...result }
}

/** The one rule for hostile values (src/shared/system/hostile-json.ts), applied to one mutation. */
const hostileProblem = (m: Mutation) => findHostileValue(m.entity) ?? findHostileValue(m.patch)

/** Decides one mutation against what the push has seen so far; writes only into the batch. */
async function decide(ctx: PushContext, batch: PushBatch, m: Mutation): Promise<MutationResult> {
  const { registry, actor } = ctx
  const { version } = batch
  // The push route opts out of the server-wide check (src/server/http/hostile-input.ts) so that
  // one hostile mutation is refused here on its own and the rest of the push is stored.
  const problem = hostileProblem(m)
  if (problem) return rejected(m, 'invalid', `The change cannot be stored: ${problem}.`)
  if (registry.command(m.entity)) return applyCommand(ctx, batch, m)
  const registered = registry.get(m.entity)
  if (!registered) return rejected(m, 'unknown_entity', `There is no kind of record called "${m.entity}".`)
  const { entity, policy, validate } = registered

  const row = await batch.current(m.entity, m.entityId)

  if (m.op === 'delete') {
    if (!row || row.deletedAt) return { mutationId: m.id, status: 'applied', version: row?.version ?? 0, unchanged: true }
    const attempt = { op: 'delete' as const, scope: row.scope, current: row.data, next: null }
    const allowed = policy.canWrite(actor, attempt, await batch.related(m.entity, row.data!))
    if (allowed !== true) return refuse(m, allowed)
    const kept = policy.keeps ? await policy.keeps(batch.tx, m.entityId, attempt) : true
    if (kept !== true) return rejected(m, 'invalid', kept)
    await batch.put(m.entity, m.entityId, { scope: row.scope, data: null, fieldVersions: {} })
    return { mutationId: m.id, status: 'applied', version }
  }

  if (row?.deletedAt) return rejected(m, 'deleted', 'This was deleted, so it cannot be changed any more.')
  if (m.op === 'patch' && !row) return rejected(m, 'not_found', 'This does not exist on the server, so it cannot be changed.')
  // Whoever may not change the record at all is answered before anything is merged or kept, so
  // a stranger can neither learn that a text changed nor fill the conflict table.
  if (row?.data) {
    const mayTouch = policy.canWrite(actor, { op: m.op, scope: row.scope, current: row.data, next: row.data }, await batch.related(m.entity, row.data))
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
    ownVersions: new Set([...(ctx.own.get(recordKey(m)) ?? []), ...(m.ownVersions ?? [])]),
  })
  if (outcome.kind === 'conflict') {
    batch.conflict({
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
  const attempt = { op: m.op, scope, current: row?.data ?? null, next: outcome.data }
  const allowed = policy.canWrite(actor, attempt, await batch.related(m.entity, outcome.data))
  if (allowed !== true) return refuse(m, allowed)
  const kept = policy.keeps ? await policy.keeps(batch.tx, m.entityId, attempt) : true
  if (kept !== true) return rejected(m, 'invalid', kept)

  if (row && outcome.changed.length === 0) return { mutationId: m.id, status: 'applied', version: row.version, unchanged: true }
  if (mediaRefsIn(m.patch).some((ref) => !batch.hasMedia(ref.sha256))) {
    return rejected(m, 'media_missing', 'A photo or recording has not been uploaded yet; it is sent first.')
  }
  await batch.put(m.entity, m.entityId, { scope, data: outcome.data, fieldVersions: outcome.fieldVersions })
  return { mutationId: m.id, status: 'applied', version }
}

/** Decides mutations in order into one batch: a few queries to load, one write per table. */
async function applyAll(ctx: PushContext, batch: PushBatch, mutations: Mutation[]): Promise<MutationResult[]> {
  // A hostile mutation is answered by decide() without touching the database: it must not reach
  // the queries that load what the batch needs, where a NUL would fail the whole push.
  const records = mutations.filter((m) => !ctx.registry.command(m.entity) && hostileProblem(m) === null)
  const previous = ctx.remember && ctx.lookUp ? await batch.previousAnswers(records.map((m) => m.id)) : new Map<string, MutationResult>()
  await batch.preload(records.map((m) => ({ entity: m.entity, id: m.entityId })))
  const known = await Promise.all(records.map((m) => batch.current(m.entity, m.entityId)))
  await batch.preloadRelated(records.map((m, i) => ({ entity: m.entity, data: { ...(known[i]?.data ?? {}), ...m.patch } })))
  await batch.preloadMedia(records.map((m) => m.patch))

  const results: MutationResult[] = []
  // A record whose earlier change in this push waits (nobody signed in, a photo not uploaded):
  // its later changes wait with it, so they are neither refused (a patch of a record that is not
  // there yet) nor applied before it.
  const waiting = new Map<string, MutationResult>()
  for (const m of mutations) {
    const isRecord = !ctx.registry.command(m.entity)
    const seen = previous.get(m.id) ?? batch.answeredHere(m.id)
    if (seen) {
      // Sent again (its answer was lost on the way): the same answer. Only an applied change
      // is called a duplicate; a conflict or refusal must still reach the person as such.
      if (isRecord && seen.status === 'applied' && !seen.unchanged) noteOwn(ctx, m, seen.version)
      results.push(seen.status === 'applied' ? { ...seen, status: 'duplicate' } : seen)
      continue
    }
    const before = isRecord ? waiting.get(recordKey(m)) : undefined
    const result = before ? { mutationId: m.id, status: before.status, code: before.code, reason: before.reason } : await decide(ctx, batch, m)
    const waits = TRANSIENT.has(result.code ?? '')
    if (isRecord && waits) waiting.set(recordKey(m), result)
    if (isRecord && result.status === 'applied' && !result.unchanged) noteOwn(ctx, m, result.version)
    const keep = ctx.remember && isRecord && !waits
    batch.answer(result, keep)
    results.push(result)
  }
  // Written with the records: a push that applied something moves the sync version to its own.
  await batch.flush({ bumpVersion: batch.version > 0 && appliedAt(results, batch.version) })
  return results
}

/**
 * Applies a push in one transaction. The sync_state row lock serialises pushes, so the version
 * this push writes is greater than every version already committed. The whole batch is decided
 * in memory and written with one statement (see PushBatch.flush); should that fail, the transaction is
 * rolled back and the push done again one mutation at a time, each in its own savepoint, so the
 * one that fails is refused on its own and leaves no trace while the others are applied.
 *
 * Answers are remembered (for idempotency) only for signed-in callers: an anonymous caller can
 * change nothing that is stored, so remembering its answers would only let strangers fill the
 * table. Commands are never remembered (see SyncCommand). A push is first decided without
 * looking its mutations up: should one have been answered before, storing the answers notices,
 * and the push is decided again with the earlier answers (see AnsweredBefore).
 */
export async function applyPush(
  db: Db,
  registry: SyncRegistry,
  actor: Actor,
  request: PushRequest,
  options: { now?: Date; onError?: (error: unknown) => void } = {},
): Promise<PushResponse> {
  const { now = new Date(), onError } = options
  const ctx: Omit<PushContext, 'lookUp' | 'own'> = { registry, actor, clientId: request.clientId, now, remember: actor.kind !== 'anonymous' }
  const taken = request.mutations.slice(0, PUSH_BATCH_LIMIT)
  const deferred = request.mutations
    .slice(PUSH_BATCH_LIMIT)
    .map((m) => rejected(m, 'batch_limit', `Only ${PUSH_BATCH_LIMIT} changes are taken at a time; send the rest again.`))

  // A push of commands that write no sync record (a reaction, say) takes no version: it need not
  // wait for the lock every other push holds, so a room answering at once does not queue.
  const versioned = taken.some((m) => !registry.command(m.entity)?.command.unversioned)
  const inOneVersion = (work: (tx: Tx, version: number) => Promise<MutationResult[]>) =>
    db.transaction(async (tx) => {
      if (!versioned) {
        const results = await work(tx, 0)
        const [state] = await tx.select({ version: syncState.version }).from(syncState).where(eq(syncState.id, 1))
        return { results: [...results, ...deferred], version: state?.version ?? 0 }
      }
      const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update')
      if (!state) throw new Error('sync_state is missing its row; the migrations did not run.')
      const version = state.version + 1
      const results = await work(tx, version)
      return { results: [...results, ...deferred], version: appliedAt(results, version) ? version : state.version }
    })

  const answerer = { clientId: request.clientId, authorId: authorOf(actor) }
  const whole = (lookUp: boolean) => inOneVersion((tx, version) => applyAll({ ...ctx, lookUp, own: new Map() }, new PushBatch(tx, registry, version, answerer), taken))
  try {
    return await whole(false).catch((error: unknown) => {
      if (error instanceof AnsweredBefore) return whole(true)
      throw error
    })
  } catch (error) {
    onError?.(error)
    return inOneVersion(async (tx, version) => {
      const results: MutationResult[] = []
      const own = new Map<string, Set<number>>()
      for (const m of taken) {
        const one = await tx
          .transaction((savepoint: Tx) => applyAll({ ...ctx, lookUp: true, own }, new PushBatch(savepoint, registry, version, answerer), [m]))
          .catch((failure: unknown) => {
            onError?.(failure)
            return [rejected(m, 'not_stored', 'The server could not store this change. Tell the staff if it happens again.')]
          })
        results.push(...one)
      }
      return results
    })
  }
}
