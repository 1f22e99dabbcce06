import { and, eq } from 'drizzle-orm'
import { mergePatch } from '../../shared/sync/conflict.js'
import type { Authorship } from '../../shared/sync/entity.js'
import { PUSH_BATCH_LIMIT, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../shared/sync/protocol.js'
import type { Db } from '../db/database.js'
import { syncConflicts, syncMutations, syncRecords, syncState } from '../db/schema.js'
import { SIGN_IN_REQUIRED, type Actor, type SyncRegistry } from './registry.js'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

const TRANSIENT = 'not_signed_in'
const SCOPE = /^(public|council|election|workshop):[a-z0-9-]{1,64}$/

const rejected = (m: Mutation, code: string, reason: string): MutationResult => ({
  mutationId: m.id,
  status: 'rejected',
  code,
  reason,
})

/**
 * Nobody is signed in: the change may well be allowed once its author signs in again (a staff
 * session ends when the browser closes), so this answer is not remembered as the mutation's
 * result and the device keeps the change waiting instead of showing it as refused.
 */
const notSignedIn = (m: Mutation): MutationResult => ({
  mutationId: m.id,
  status: 'rejected',
  code: 'not_signed_in',
  reason: 'Sign in again to send this.',
})

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

async function applyOne(tx: Tx, registry: SyncRegistry, actor: Actor, m: Mutation, version: number, clientId: string): Promise<MutationResult> {
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
    const allowed = policy.canWrite(actor, { op: 'delete', scope: row.scope, current: row.data, next: null })
    if (allowed !== true) return refuse(m, allowed)
    await tx
      .update(syncRecords)
      .set({ data: null, fieldVersions: {}, version, deletedAt: new Date() })
      .where(and(eq(syncRecords.entity, m.entity), eq(syncRecords.id, m.entityId)))
    return { mutationId: m.id, status: 'applied', version }
  }

  if (row?.deletedAt) return rejected(m, 'deleted', 'This was deleted, so it cannot be changed any more.')
  if (m.op === 'patch' && !row) return rejected(m, 'not_found', 'This does not exist on the server, so it cannot be changed.')
  // Whoever may not change the record at all is answered before anything is merged or kept, so
  // a stranger can neither learn that a text changed nor fill the conflict table.
  if (row?.data) {
    const mayTouch = policy.canWrite(actor, { op: m.op, scope: row.scope, current: row.data, next: row.data })
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
      clientId,
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
  if (!SCOPE.test(scope)) return rejected(m, 'invalid_scope', `The ${m.entity} does not belong to a council, election or workshop.`)
  if (row && row.scope !== scope) return rejected(m, 'scope_change', `A ${m.entity} cannot be moved to another council, election or workshop.`)
  const allowed = policy.canWrite(actor, { op: m.op, scope, current: row?.data ?? null, next: outcome.data })
  if (allowed !== true) return refuse(m, allowed)

  if (row && outcome.changed.length === 0) return { mutationId: m.id, status: 'applied', version: row.version }
  await tx
    .insert(syncRecords)
    .values({ entity: m.entity, id: m.entityId, scope, data: outcome.data, fieldVersions: outcome.fieldVersions, version })
    .onConflictDoUpdate({
      target: [syncRecords.entity, syncRecords.id],
      set: { data: outcome.data, fieldVersions: outcome.fieldVersions, version },
    })
  return { mutationId: m.id, status: 'applied', version }
}

/**
 * Applies a push in one transaction. The sync_state row lock serialises pushes, so the version
 * this push writes is greater than every version already committed. Each mutation runs in its
 * own savepoint: a failing one leaves no trace and does not affect the others.
 */
export async function applyPush(db: Db, registry: SyncRegistry, actor: Actor, request: PushRequest): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update')
    if (!state) throw new Error('sync_state is missing its row; the migrations did not run.')
    const version = state.version + 1
    let appliedAny = false
    const results: MutationResult[] = []

    for (const [index, m] of request.mutations.entries()) {
      if (index >= PUSH_BATCH_LIMIT) {
        results.push(rejected(m, 'batch_limit', `Only ${PUSH_BATCH_LIMIT} changes are taken at a time; send the rest again.`))
        continue
      }
      const [seen] = await tx.select().from(syncMutations).where(eq(syncMutations.id, m.id))
      if (seen) {
        results.push({ ...(seen.result as MutationResult), status: 'duplicate' })
        continue
      }
      const result = await tx.transaction((savepoint) => applyOne(savepoint, registry, actor, m, version, request.clientId))
      if (result.status === 'applied' && result.version === version) appliedAny = true
      if (result.code === TRANSIENT) {
        results.push(result)
        continue
      }
      await tx.insert(syncMutations).values({ id: m.id, clientId: request.clientId, result })
      results.push(result)
    }

    if (appliedAny) await tx.update(syncState).set({ version }).where(eq(syncState.id, 1))
    return { results, version: appliedAny ? version : state.version }
  })
}
