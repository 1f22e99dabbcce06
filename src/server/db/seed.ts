import { eq } from 'drizzle-orm'
import { seedDemoAccounts } from '../demo/accounts.js'
import { seedDemoElections } from '../demo/elections.js'
import { seedDemoMeetings } from '../demo/meetings.js'
import { seedDemoWorkshops } from '../demo/workshops.js'
import type { SyncRegistry } from '../sync/registry.js'
import type { Db } from './database.js'
import { instanceMeta, people } from './schema.js'

/**
 * Bumped whenever a feature adds demo content, so an operator can tell which demo a
 * database holds. The seed only ever runs on a database that has never been seeded:
 * it must not touch a municipality's real data.
 */
export const DEMO_SEED_VERSION = 5
const SEED_KEY = 'demo_seed'

export interface SeedResult {
  seeded: boolean
}

/** The election secret seals the demo elections' keys as it does real ones; tests may leave it out. */
export async function seedDemoIfEmpty(db: Db, registry: SyncRegistry, electionSecret: Uint8Array = crypto.getRandomValues(new Uint8Array(32))): Promise<SeedResult> {
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
    // A database with people in it is a real installation (its first admin may have been made
    // with admin:create before the first start): it never gets accounts with public passwords,
    // not now and, because the marker stays claimed, not later.
    const [anyone] = await tx.select({ id: people.id }).from(people).limit(1)
    if (anyone) {
      await tx
        .update(instanceMeta)
        .set({ value: { skipped: 'the database already had people' } })
        .where(eq(instanceMeta.key, SEED_KEY))
      return { seeded: false }
    }
    // Feature issues add their demo content here, inside the same transaction.
    const demo = await seedDemoAccounts(tx, registry)
    await seedDemoMeetings(tx, registry, demo.councilId)
    await seedDemoElections(tx, registry, demo, electionSecret)
    await seedDemoWorkshops(tx, registry, demo)
    return { seeded: true }
  })
}
