import { eq } from 'drizzle-orm'
import type { Db } from '../db/database.js'
import { syncState } from '../db/schema.js'
import { PushBatch } from './batch.js'
import type { SyncRegistry } from './registry.js'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export interface ServerWrite {
  entity: string
  id: string
  /** null deletes the record (a tombstone devices learn from). */
  data: Record<string, unknown> | null
}

/**
 * Writes records on the server's own authority (admin changes, erasure, retention) inside the
 * caller's transaction, under the same version lock as a device push and through the same
 * batch (audiences, media, dependent records), so devices receive them through pull like any
 * other change. Returns the new version; poke after the commit.
 *
 * A sync command runs inside a push, which already holds the lock and has taken its version:
 * it passes `inPush`, and the records get the push's version, which the push itself makes the
 * current one when it ends. Taking a version of its own there gave a second contribution of one
 * push (or one after an earlier change of a push done one change at a time) the version after
 * the push's, which the push then set back: a record the pull did not show, at a version a
 * later push would reuse.
 */
export async function writeServerRecords(tx: Tx, registry: SyncRegistry, writes: ServerWrite[], inPush?: { version: number }): Promise<number | null> {
  if (writes.length === 0) return null
  let version = inPush?.version
  if (version === undefined) {
    const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update')
    if (!state) throw new Error('sync_state is missing its row; the migrations did not run.')
    version = state.version + 1
  }
  const batch = new PushBatch(tx, registry, version)
  await batch.preload(writes)
  for (const write of writes) {
    const registered = registry.get(write.entity)
    if (!registered) throw new Error(`Sync entity "${write.entity}" is not registered.`)
    if (write.data === null) {
      // Nothing to delete: a record that never reached the server needs no tombstone.
      if (!(await batch.current(write.entity, write.id))) continue
      await batch.put(write.entity, write.id, { scope: '', data: null, fieldVersions: {} })
      continue
    }
    if (!registered.validate(write.data)) {
      throw new Error(`Server write of ${write.entity} ${write.id} breaks its schema: ${JSON.stringify(registered.validate.errors)}`)
    }
    const fieldVersions = Object.fromEntries(Object.keys(write.data).map((field) => [field, version]))
    await batch.put(write.entity, write.id, { scope: registered.entity.scopeOf(write.data), data: write.data, fieldVersions })
  }
  await batch.flush({ bumpVersion: !inPush })
  return version
}
