import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/server/db/database.js'
import { DEVICES, KILLS, expectOneAnswerPerMutation, killLoop } from './durability.js'
import { seedStaff, tempDir } from './server-process.js'

// kill -9 under load on PGlite on disk (npm start's default); PostgreSQL in its own file, so the
// two run side by side. What is checked and how to replay: durability.ts.
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
