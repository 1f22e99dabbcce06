import { seedDemoAccounts } from '../demo/accounts.js'
import { seedDemoMeetings } from '../demo/meetings.js'
import type { SyncRegistry } from '../sync/registry.js'
import type { Db } from './database.js'
import { instanceMeta } from './schema.js'

/**
 * Bumped whenever a feature adds demo content, so an operator can tell which demo a
 * database holds. The seed only ever runs on a database that has never been seeded:
 * it must not touch a municipality's real data.
 */
export const DEMO_SEED_VERSION = 3
const SEED_KEY = 'demo_seed'

export interface SeedResult {
  seeded: boolean
}

export async function seedDemoIfEmpty(db: Db, registry: SyncRegistry): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // Claiming the marker first makes two processes starting together seed only once.
    const claimed = await tx
      .insert(instanceMeta)
      .values({
        key: SEED_KEY,
        value: { version: DEMO_SEED_VERSION, seededAt: new Date().toISOString() },
      })
      .onConflictDoNothing()
      .returning({ key: instanceMeta.key })
    if (claimed.length === 0) return { seeded: false }
    // Feature issues add their demo content here, inside the same transaction.
    const demo = await seedDemoAccounts(tx, registry)
    await seedDemoMeetings(tx, registry, demo.councilId)
    return { seeded: true }
  })
}
