import { and, arrayOverlaps, asc, desc, eq, gt, inArray, lt, lte, or } from 'drizzle-orm'
import { PULL_PAGE_BYTES, type Change, type PullResponse } from '../../shared/sync/protocol.js'
import type { Db } from '../db/database.js'
import { syncRecords, syncState } from '../db/schema.js'
import { overlaps, PUBLIC } from './audience.js'
import type { SyncRegistry } from './registry.js'

type Row = typeof syncRecords.$inferSelect

/**
 * Changes after `since` in the given scopes, in version order, for a caller holding
 * `principals`. The database leaves out every record the caller could never read, so not even
 * its existence or deletion is told; a record the caller could read once but not now (an item
 * closed later, a member who withdrew) goes out as a deletion, so the device drops its copy.
 * A page never ends inside a version (all records of one push share it), so the cursor can be
 * a plain version number; it is cut by rows and by bytes.
 */
export async function readChanges(
  db: Db,
  registry: SyncRegistry,
  principals: string[],
  since: number,
  scopes: string[],
  limit: number,
): Promise<PullResponse> {
  // Read the committed version first: every record at or below it is already visible, so a
  // cursor up to it can never skip a write that commits while this read runs.
  const [state] = await db.select().from(syncState).where(eq(syncState.id, 1))
  const upTo = state?.version ?? 0
  if (scopes.length === 0 || since >= upTo) return { changes: [], cursor: String(Math.max(since, 0)), hasMore: false }

  const visible = or(arrayOverlaps(syncRecords.audience, principals), arrayOverlaps(syncRecords.everAudience, principals))
  const rows = await db
    .select()
    .from(syncRecords)
    .where(and(gt(syncRecords.version, since), lte(syncRecords.version, upTo), inArray(syncRecords.scope, scopes), visible))
    .orderBy(asc(syncRecords.version), asc(syncRecords.entity), asc(syncRecords.id))
    .limit(limit + 1)

  // A page is cut by the bytes the caller receives: measured on the stored record, a closed
  // item's public view (a few hundred bytes) would tell by where the page ends how much it hides.
  const sizeOf = (row: Row) => JSON.stringify(viewFor(row, principals, registry.get(row.entity)?.policy.publicView)).length
  const { page, hasMore } = await cutPage(rows, limit, sizeOf, async (version) =>
    db
      .select()
      .from(syncRecords)
      .where(and(eq(syncRecords.version, version), inArray(syncRecords.scope, scopes), visible))
      .orderBy(asc(syncRecords.entity), asc(syncRecords.id)),
  )

  const changes: Change[] = []
  for (const row of page) {
    const registered = registry.get(row.entity)
    if (!registered) continue
    changes.push({ entity: row.entity, entityId: row.id, scope: row.scope, version: row.version, data: viewFor(row, principals, registered.policy.publicView) })
  }
  const cursor = hasMore ? page[page.length - 1]!.version : upTo
  return { changes, cursor: String(cursor), hasMore }
}

/**
 * The changes of one version as `principals` see them (every scope), and the version before it
 * that last changed anything they can see: what an inline poke carries (see Poke in protocol.ts).
 * The same visibility as readChanges: a record they never could read is not there at all, one
 * they could read once goes out as a deletion. null when the version changed nothing they see.
 * Asked after `version` committed; versions commit in order (the sync_state row lock), so every
 * version below it has committed too and `after` cannot miss a change still on its way.
 */
export async function readVersion(db: Db, registry: SyncRegistry, principals: string[], version: number): Promise<{ after: number; changes: Change[] } | null> {
  const visible = or(arrayOverlaps(syncRecords.audience, principals), arrayOverlaps(syncRecords.everAudience, principals))
  const rows = await db.select().from(syncRecords).where(and(eq(syncRecords.version, version), visible)).orderBy(asc(syncRecords.entity), asc(syncRecords.id))
  if (rows.length === 0) return null
  const [before] = await db.select({ version: syncRecords.version }).from(syncRecords).where(and(lt(syncRecords.version, version), visible)).orderBy(desc(syncRecords.version)).limit(1)
  const changes: Change[] = []
  for (const row of rows) {
    const registered = registry.get(row.entity)
    if (!registered) continue
    changes.push({ entity: row.entity, entityId: row.id, scope: row.scope, version: row.version, data: viewFor(row, principals, registered.policy.publicView) })
  }
  return { after: before?.version ?? 0, changes }
}

/** The record as `principals` may read it: whole, as its public view when they read it only as the public, or null. */
export function viewFor(row: Pick<Row, 'audience' | 'data'>, principals: string[], publicView?: (data: Record<string, unknown>) => Record<string, unknown>) {
  if (row.data === null || !overlaps(row.audience, principals)) return null
  const onlyAsPublic = row.audience.every((p) => p === PUBLIC || !principals.includes(p))
  return onlyAsPublic && publicView ? publicView(row.data) : row.data
}

/** Whole versions only, up to `limit` rows and about PULL_PAGE_BYTES; at least one version. */
async function cutPage(rows: Row[], limit: number, sizeOf: (row: Row) => number, wholeVersion: (version: number) => Promise<Row[]>): Promise<{ page: Row[]; hasMore: boolean }> {
  let bytes = 0
  let end = 0
  let lastWhole = 0
  while (end < rows.length && end < limit) {
    bytes += sizeOf(rows[end]!)
    end++
    const versionEnds = end === rows.length || rows[end]!.version !== rows[end - 1]!.version
    if (versionEnds) lastWhole = end
    if (bytes > PULL_PAGE_BYTES && lastWhole > 0) break
  }
  if (end === rows.length && end <= limit) return { page: rows, hasMore: false }
  if (lastWhole > 0) return { page: rows.slice(0, lastWhole), hasMore: true }
  // One version larger than a page (a server write of many records): send it whole.
  return { page: await wholeVersion(rows[0]!.version), hasMore: true }
}
