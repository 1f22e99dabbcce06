import type { Change } from '../../shared/sync/protocol.js'
import type { LocalDb, LocalRecord, OutboxEntry } from './local-db.js'

/**
 * Storing what the server sent, apart from the engine that fetches it: a page's first pull that
 * came in its HTML (meetings/first-pull.ts) is stored before the first render, and the engine
 * with its transport, push and media (SyncEngine) loads after it.
 */

export const cursorKey = (scope: string) => `cursor:${scope}`

/** This device has pulled `scope` at least once (its records, if any, are here). */
export async function hasPulled(db: LocalDb, scope: string): Promise<boolean> {
  return (await db.meta.get(cursorKey(scope))) !== undefined
}

/**
 * Stores pulled changes and the new cursor in one transaction. A record this device is still
 * changing gets the server's data with the unsent edits replayed on top, so a pull never
 * takes back what a person has just written. Nothing is stored once `current()` says the
 * device changed hands while the changes were on their way.
 */
export async function storePulled(db: LocalDb, changes: Change[], scopes: string[], cursor: string, current: () => boolean | Promise<boolean> = () => true): Promise<void> {
  await db.transaction('rw', db.records, db.outbox, db.meta, async () => {
    if (!(await current())) return
    const pendingKeys = new Set((await db.records.where('pending').equals(1).primaryKeys()).map((k) => k.join('\u0000')))
    const puts: LocalRecord[] = []
    const deletes: [string, string][] = []
    for (const change of changes) {
      const key: [string, string] = [change.entity, change.entityId]
      if (pendingKeys.has(key.join('\u0000'))) {
        await rebase(db, change)
      } else if (change.data === null) {
        deletes.push(key)
      } else {
        puts.push({ entity: change.entity, id: change.entityId, scope: change.scope, data: change.data, base: change.data, version: change.version, pending: 0 })
      }
    }
    if (puts.length) await db.records.bulkPut(puts)
    if (deletes.length) await db.records.bulkDelete(deletes)
    await db.meta.bulkPut(scopes.map((scope) => ({ key: cursorKey(scope), value: cursor })))
  })
}

async function rebase(db: LocalDb, change: Change): Promise<void> {
  const key: [string, string] = [change.entity, change.entityId]
  const waiting = (await db.outbox.where('[entity+entityId]').equals(key).sortBy('seq')).filter((e) => e.state === 'pending')
  const data = replay(change.data, waiting)
  if (data === null) {
    await db.records.delete(key)
  } else {
    await db.records.put({
      entity: change.entity,
      id: change.entityId,
      scope: change.scope,
      data,
      base: change.data,
      version: change.version,
      pending: waiting.length > 0 ? 1 : 0,
    })
  }
}

/** The record as this device shows it: the server's data with unsent edits applied in order. */
export function replay(base: Record<string, unknown> | null, entries: OutboxEntry[]): Record<string, unknown> | null {
  let data = base
  for (const entry of entries) {
    if (entry.op === 'delete') data = null
    // A patch needs something to patch: on a record deleted elsewhere it is refused, not revived.
    else if (entry.op === 'put' || data !== null) data = { ...(data ?? {}), ...entry.patch }
  }
  return data
}
