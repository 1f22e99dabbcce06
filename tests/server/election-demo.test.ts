import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deriveCardKey, parseCardCode } from '../../src/shared/elections/card.js'
import { sealBallot } from '../../src/shared/elections/envelope.js'
import { verifyResult } from '../../src/shared/elections/result.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { elections } from '../../src/server/db/schema.js'
import { demoBallotCardHelp, demoCardCodes, DEMO_OPEN_ELECTION_TITLE } from '../../src/server/demo/elections.js'
import { nodePrimitives as p } from '../../src/server/elections/node-primitives.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import type { Database } from '../../src/server/db/database.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'

describe.each(databasesUnderTest())('the demo elections on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildTestServer>>
  const secret = p.randomBytes(32)

  beforeAll(async () => {
    database = await target.open()
    const registry = createSyncRegistry()
    await seedDemoIfEmpty(database.db, registry, secret)
    app = await buildTestServer(database, { syncRegistry: registry, electionSecret: secret })
  })
  afterAll(async () => {
    await app.close()
  })

  it('has an earlier election of Brugerrådet på Solbakken whose published result verifies', async () => {
    const [earlier] = await database.db.select().from(elections).where(eq(elections.status, 'published'))
    const get = async (path: string) => (await app.inject({ method: 'GET', url: `/api/elections/${earlier!.id}/${path}` })).json()
    const { manifest, manifestHash } = await get('manifest')
    const result = await get('result')
    expect(manifest.councilName).toBe('Brugerrådet på Solbakken')
    expect(result).toMatchObject({ ballots: 8, blank: 1, late: 1 })
    expect(verifyResult(p, manifest, manifestHash, (await get('board')).entries, result)).toEqual([])
  })

  it('has an election open now, and the card codes printed at start vote in it once each', async () => {
    const [open] = await database.db.select().from(elections).where(eq(elections.title, DEMO_OPEN_ELECTION_TITLE))
    expect(open!.status).toBe('open')
    const help = (await demoBallotCardHelp(database.db)).join('\n')
    const codes = demoCardCodes()
    for (const code of codes) expect(help).toContain(code)
    const { manifest, manifestHash } = (await app.inject({ method: 'GET', url: `/api/elections/${open!.id}/manifest` })).json()
    const parsed = parseCardCode(codes[0]!)
    if (!('secret' in parsed)) throw new Error(parsed.problem)
    const envelope = sealBallot(p, manifest, manifestHash, deriveCardKey(p, parsed.secret, open!.id), [manifest.candidates[0].id])
    const reply = await app.inject({ method: 'POST', url: `/api/elections/${open!.id}/ballots`, headers: { origin: 'http://localhost' }, payload: envelope })
    expect(reply.statusCode, reply.body).toBe(200)
    expect(await demoBallotCardHelp(database.db)).toContain(`    ${codes[0]}   (used)`)
  })
})
