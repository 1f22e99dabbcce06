import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { mediaRefsIn } from '../../shared/sync/media.js'
import { media, mediaRefs, syncRecords } from '../db/schema.js'
import type { Related, SyncPolicy, SyncRegistry } from './registry.js'
import type { Tx } from './server-write.js'

type RecordRow = typeof syncRecords.$inferSelect

/** The records a policy reads to decide about `data`, as they are inside this transaction. */
export async function loadRelated(tx: Tx, policy: SyncPolicy, data: Record<string, unknown>): Promise<Related> {
  const related: Record<string, Record<string, unknown> | null> = {}
  for (const [name, spec] of Object.entries(policy.related ?? {})) {
    const id = data[spec.field]
    if (typeof id !== 'string') {
      related[name] = null
      continue
    }
    const [row] = await tx
      .select({ data: syncRecords.data })
      .from(syncRecords)
      .where(and(eq(syncRecords.entity, spec.entity), eq(syncRecords.id, id)))
    related[name] = row?.data ?? null
  }
  return related
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort()
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && union(a, b).length === a.length

export interface RecordWrite {
  entity: string
  id: string
  scope: string
  /** null: a tombstone, which those who could ever read the record learn of. */
  data: Record<string, unknown> | null
  fieldVersions: Record<string, number>
  version: number
  /** The row as it was, when the caller has read it already (under a row lock). */
  previous?: RecordRow | null
}

/**
 * Stores one record the way every write path must: with its audience, the media it names, and
 * the audience of the records whose visibility follows it (an agenda item follows its meeting)
 * computed again. Records whose audience moved get this version, so devices learn of it.
 */
export async function storeRecord(tx: Tx, registry: SyncRegistry, write: RecordWrite): Promise<void> {
  const registered = registry.get(write.entity)
  if (!registered) throw new Error(`Sync entity "${write.entity}" is not registered.`)
  const key = and(eq(syncRecords.entity, write.entity), eq(syncRecords.id, write.id))
  const previous =
    write.previous !== undefined ? write.previous : ((await tx.select().from(syncRecords).where(key).for('update'))[0] ?? null)

  await tx.delete(mediaRefs).where(and(eq(mediaRefs.entity, write.entity), eq(mediaRefs.recordId, write.id)))
  if (write.data === null) {
    if (previous) {
      await tx.update(syncRecords).set({ data: null, fieldVersions: {}, version: write.version, deletedAt: new Date(), audience: [] }).where(key)
    }
  } else {
    const audience = registered.policy.audience(write.data, await loadRelated(tx, registered.policy, write.data)).sort()
    const everAudience = union(previous?.everAudience ?? [], audience)
    const values = { data: write.data, fieldVersions: write.fieldVersions, version: write.version, scope: write.scope, deletedAt: null, audience, everAudience }
    if (previous) await tx.update(syncRecords).set(values).where(key)
    else await tx.insert(syncRecords).values({ entity: write.entity, id: write.id, ...values })
    const refs = [...new Set(mediaRefsIn(write.data).map((r) => r.sha256))]
    if (refs.length > 0) {
      await tx.insert(mediaRefs).values(refs.map((sha256) => ({ entity: write.entity, recordId: write.id, sha256 }))).onConflictDoNothing()
    }
  }
  await refreshDependents(tx, registry, write.entity, write.id, write.version, 0)
}

async function refreshDependents(tx: Tx, registry: SyncRegistry, entity: string, id: string, version: number, depth: number): Promise<void> {
  if (depth > 4) throw new Error(`Sync entities depend on each other more than 4 levels deep (at ${entity}).`)
  for (const { name, field } of registry.dependentsOf(entity)) {
    const policy = registry.get(name)!.policy
    const rows = await tx
      .select()
      .from(syncRecords)
      .where(and(eq(syncRecords.entity, name), isNotNull(syncRecords.data), sql`${syncRecords.data} ->> ${field} = ${id}`))
      .for('update')
    for (const row of rows) {
      const audience = policy.audience(row.data!, await loadRelated(tx, policy, row.data!)).sort()
      if (sameSet(audience, row.audience)) continue
      await tx
        .update(syncRecords)
        .set({ audience, everAudience: union(row.everAudience, audience), version })
        .where(and(eq(syncRecords.entity, name), eq(syncRecords.id, row.id)))
      await refreshDependents(tx, registry, name, row.id, version, depth + 1)
    }
  }
}

/** The media a set of records names that the server does not have yet. */
export async function missingMedia(tx: Tx, shas: string[]): Promise<string[]> {
  if (shas.length === 0) return []
  const found = new Set((await tx.select({ sha256: media.sha256 }).from(media).where(inArray(media.sha256, shas))).map((r) => r.sha256))
  return shas.filter((sha) => !found.has(sha))
}
