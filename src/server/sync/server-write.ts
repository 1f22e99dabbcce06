import { eq } from 'drizzle-orm'
import type { Db } from '../db/database.js'
import { syncState } from '../db/schema.js'
import type { SyncRegistry } from './registry.js'
import { storeRecord } from './store.js'

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export interface ServerWrite {
  entity: string
  id: string
  /** null deletes the record (a tombstone devices learn from). */
  data: Record<string, unknown> | null
}

/**
 * Writes records on the server's own authority (admin changes, erasure, retention) inside the
 * caller's transaction, under the same version lock as a device push, so devices receive them
 * through pull like any other change. Returns the new version; poke after the commit.
 */
export async function writeServerRecords(tx: Tx, registry: SyncRegistry, writes: ServerWrite[]): Promise<number | null> {
  if (writes.length === 0) return null
  const [state] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update')
  if (!state) throw new Error('sync_state is missing its row; the migrations did not run.')
  const version = state.version + 1
  for (const write of writes) {
    const registered = registry.get(write.entity)
    if (!registered) throw new Error(`Sync entity "${write.entity}" is not registered.`)
    if (write.data !== null && !registered.validate(write.data)) {
      throw new Error(`Server write of ${write.entity} ${write.id} breaks its schema: ${JSON.stringify(registered.validate.errors)}`)
    }
    const fieldVersions = write.data === null ? {} : Object.fromEntries(Object.keys(write.data).map((field) => [field, version]))
    const scope = write.data === null ? '' : registered.entity.scopeOf(write.data)
    await storeRecord(tx, registry, { entity: write.entity, id: write.id, scope, data: write.data, fieldVersions, version })
  }
  await tx.update(syncState).set({ version }).where(eq(syncState.id, 1))
  return version
}
