import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/server/db/database.js'
import { DEVICES, KILLS, expectOneAnswerPerMutation, killLoop } from './durability.js'
import { databasesUnderTest } from './helpers.js'
import { seedStaff, tempDir } from './server-process.js'

// kill -9 under load on PGlite on disk (npm start's default) and on PostgreSQL when
// TEST_DATABASE_URL is set (as in CI); what is checked and how to replay: durability.ts.
describe('kill -9 under load, PGlite on disk', () => {
  it(`${KILLS} kills: nothing answered is lost and nothing is applied twice`, { timeout: 240_000 }, async () => {
    const dataDir = tempDir('durability')
    const seed = async () => {
      const database = await openDatabase({ kind: 'pglite', dataDir })
      try {
        return await seedStaff(database, DEVICES)
      } finally {
        await database.close()
      }
    }
    const { devices, problems, stats } = await killLoop({ DATA_DIR: dataDir }, seed)
    console.log(`durability (PGlite): ${stats}`)
    expect(problems).toEqual([])
    // The server has stopped cleanly, so the folder opens here and can be read directly.
    const database = await openDatabase({ kind: 'pglite', dataDir })
    try {
      await expectOneAnswerPerMutation(database, devices)
    } finally {
      await database.close()
    }
  })
})

const postgres = databasesUnderTest().find((target) => target.name === 'postgres')
if (postgres) describe('kill -9 under load, PostgreSQL', () => {
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
