import { and, eq, gte, isNull, or, sql } from 'drizzle-orm'
import { memberships, syncRecords } from '../db/schema.js'
import { PushBatch } from '../sync/batch.js'
import type { SyncRegistry } from '../sync/registry.js'
import type { Tx } from '../sync/server-write.js'

/**
 * Reading and writing live records from inside a command, in the push's own transaction and
 * version: followers learn of the change through the push's poke like any other change.
 */
export interface LiveWrite {
  entity: string
  id: string
  data: Record<string, unknown>
}

export async function readRecord<Data>(tx: Tx, entity: string, id: string): Promise<Data | null> {
  const [row] = await tx.select().from(syncRecords).where(and(eq(syncRecords.entity, entity), eq(syncRecords.id, id)))
  return (row?.data as Data | null | undefined) ?? null
}

/** Live records of one entity whose `field` holds `value` (the signals of a meeting, say). */
export async function recordsWhere<Data>(tx: Tx, entity: string, field: string, value: string): Promise<{ id: string; data: Data }[]> {
  const rows = await tx
    .select({ id: syncRecords.id, data: syncRecords.data })
    .from(syncRecords)
    .where(and(eq(syncRecords.entity, entity), isNull(syncRecords.deletedAt), sql`${syncRecords.data} ->> ${field} = ${value}`))
  return rows.filter((r) => r.data !== null).map((r) => ({ id: r.id, data: r.data as Data }))
}

/** Writes whole records at the push's version; only the fields that changed get the new version. */
export async function storeRecords(tx: Tx, registry: SyncRegistry, version: number, writes: LiveWrite[]): Promise<void> {
  if (writes.length === 0) return
  const batch = new PushBatch(tx, registry, version)
  await batch.preload(writes)
  for (const write of writes) {
    const registered = registry.get(write.entity)
    if (!registered) throw new Error(`Sync entity "${write.entity}" is not registered.`)
    if (!registered.validate(write.data)) {
      throw new Error(`Live write of ${write.entity} ${write.id} breaks its schema: ${JSON.stringify(registered.validate.errors)}`)
    }
    const previous = await batch.current(write.entity, write.id)
    const fieldVersions = { ...(previous?.fieldVersions ?? {}) }
    for (const [field, value] of Object.entries(write.data)) {
      if (JSON.stringify(previous?.data?.[field]) !== JSON.stringify(value)) fieldVersions[field] = version
    }
    await batch.put(write.entity, write.id, { scope: registered.entity.scopeOf(write.data), data: write.data, fieldVersions })
  }
  await batch.flush()
}

const today = (now: Date) => now.toISOString().slice(0, 10)

/** The council's chair or vice-chair, in their current term: they may run a meeting like staff. */
export async function isChairOf(tx: Tx, personId: string, councilId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.councilId, councilId), or(isNull(memberships.termEnd), gte(memberships.termEnd, today(now)))))
  return rows.some((r) => r.role === 'chair' || r.role === 'vice-chair')
}
