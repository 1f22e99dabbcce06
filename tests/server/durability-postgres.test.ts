import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEVICES, KILLS, expectOneAnswerPerMutation, killLoop } from './durability.js'
import { databasesUnderTest } from './helpers.js'
import { seedStaff, tempDir } from './server-process.js'

// kill -9 under load on PostgreSQL; PGlite in its own file, so the two run side by side.
// vitest.config.ts runs this file only when TEST_DATABASE_URL is set (as in CI). What is checked
// and how to replay: durability.ts.
const postgres = databasesUnderTest().find((target) => target.name === 'postgres')
if (!postgres) throw new Error('durability-postgres.test.ts needs TEST_DATABASE_URL')

describe('kill -9 under load, PostgreSQL', () => {
  it(`${KILLS} kills: nothing answered is lost and nothing is applied twice`, { timeout: 240_000 }, async () => {
    const database = await postgres.open()
    try {
      const { devices, problems, stats } = await killLoop(
        { DATABASE_URL: database.url!, DATA_DIR: path.join(tempDir('durability-pg'), 'data') },
        () => seedStaff(database, DEVICES),
      )
      console.log(`durability (PostgreSQL): ${stats}`)
      expect(problems).toEqual([])
      await expectOneAnswerPerMutation(database, devices)
    } finally {
      await database.close()
    }
  })
})
