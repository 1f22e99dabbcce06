import { and, asc, eq, gt, inArray, lte } from 'drizzle-orm'
import type { Change, PullResponse } from '../../shared/sync/protocol.js'
import type { Db } from '../db/database.js'
import { syncRecords, syncState } from '../db/schema.js'
import type { Actor, SyncRegistry } from './registry.js'

/**
 * Changes after `since` in the given scopes, in version order. A page never ends inside a
 * version (all records of one push share it), so the cursor can be a plain version number.
 */
export async function readChanges(
  db: Db,
  registry: SyncRegistry,
  actor: Actor,
  since: number,
  scopes: string[],
  limit: number,
): Promise<PullResponse> {
  // Read the committed version first: every record at or below it is already visible, so a
  // cursor up to it can never skip a write that commits while this read runs.
  const [state] = await db.select().from(syncState).where(eq(syncState.id, 1))
  const upTo = state?.version ?? 0
  if (scopes.length === 0 || since >= upTo) return { changes: [], cursor: String(Math.max(since, 0)), hasMore: false }

  const rows = await db
    .select()
    .from(syncRecords)
    .where(and(gt(syncRecords.version, since), lte(syncRecords.version, upTo), inArray(syncRecords.scope, scopes)))
    .orderBy(asc(syncRecords.version), asc(syncRecords.entity), asc(syncRecords.id))
    .limit(limit + 1)

  let page = rows
  let hasMore = false
  if (rows.length > limit) {
    hasMore = true
    const cutVersion = rows[limit]!.version
    page = rows.slice(0, limit).filter((row) => row.version !== cutVersion)
    if (page.length === 0) {
      // One version larger than a page (cannot happen with the push batch limit, but be exact).
      page = await db
        .select()
        .from(syncRecords)
        .where(and(eq(syncRecords.version, cutVersion), inArray(syncRecords.scope, scopes)))
        .orderBy(asc(syncRecords.entity), asc(syncRecords.id))
    }
  }

  const changes: Change[] = []
  for (const row of page) {
    const registered = registry.get(row.entity)
    if (!registered) continue
    // A record this caller may not read goes out as a deletion: a device that saw it while it
    // was readable (a member who withdrew consent, an item closed later) must drop its copy.
    const data = registered.policy.canRead(actor, row.scope, row.data) ? row.data : null
    changes.push({ entity: row.entity, entityId: row.id, scope: row.scope, version: row.version, data })
  }
  const cursor = hasMore ? page[page.length - 1]!.version : upTo
  return { changes, cursor: String(cursor), hasMore }
}
