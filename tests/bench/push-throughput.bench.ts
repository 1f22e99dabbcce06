import type { Database } from '../../src/server/db/database.js'
import { syncRecords } from '../../src/server/db/schema.js'
import { SYNC_PROTOCOL_VERSION, type Mutation } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildTestServer, databasesUnderTest, signedInCookie } from '../server/helpers.js'
import { testRegistry } from '../server/sync-fixture.js'
import type { BenchFigure } from './figure.js'

const MUTATIONS = 10_000
const BATCH = 100
/** Batches sent through each path before timing: both compare in the state a running server is in. */
const WARM_UP = 20

const patch = (i: number) => ({ councilId: 'bench', title: `Idé nummer ${i}`, text: 'Flere ture ud af huset', votes: i % 7 })

/**
 * Push throughput through the whole API, signed in as devices are (so every answer is kept for
 * idempotency), vs. the same rows inserted directly with the driver: on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL names one (a scratch database, dropped afterwards).
 */
export default async function benchPush(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = []
  for (const target of databasesUnderTest()) {
    // Closing the server closes (and on PostgreSQL drops) the scratch database.
    figures.push(await benchOn(await target.open(), target.name === 'pglite' ? 'PGlite' : 'PostgreSQL'))
  }
  return figures
}

/**
 * Seconds through each path for all but the warm-up batches. The two paths take turns batch by
 * batch, so both meet the same table sizes and the same moments of a shared machine: timed one
 * after the other, the ratio of the same code moved by a third between runs.
 */
async function timedInTurns(batches: Mutation[][], paths: ((mutations: Mutation[]) => Promise<void>)[]): Promise<number[]> {
  const seconds = paths.map(() => 0)
  for (const [i, mutations] of batches.entries()) {
    for (const [p, send] of paths.entries()) {
      const started = performance.now()
      await send(mutations)
      if (i >= WARM_UP) seconds[p]! += (performance.now() - started) / 1000
    }
  }
  return seconds
}

async function benchOn(database: Database, label: string): Promise<BenchFigure> {
  const app = await buildTestServer(database, { syncRegistry: testRegistry(), logger: false })
  await app.ready()
  const cookie = await signedInCookie(database)
  const clientId = uuidv7()
  const batches: Mutation[][] = []
  for (let i = -WARM_UP * BATCH; i < MUTATIONS; i += BATCH) {
    batches.push(
      Array.from({ length: BATCH }, (_, j) => ({
        id: uuidv7(),
        entity: 'test-note',
        entityId: uuidv7(),
        op: 'put' as const,
        patch: patch(i + j),
        baseVersion: null,
      })),
    )
  }
  const push = async (mutations: Mutation[]) => {
    const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { origin: 'http://localhost', cookie }, payload: { clientId, protocolVersion: SYNC_PROTOCOL_VERSION, mutations } })
    if (response.statusCode !== 200) throw new Error(`push failed: ${response.body}`)
  }
  let version = 1_000_000
  const insert = async (mutations: Mutation[]) => {
    version += 1
    await database.db.insert(syncRecords).values(
      mutations.map((m) => ({ entity: 'direct', id: m.entityId, scope: 'council:bench', data: m.patch, fieldVersions: {}, version })),
    )
  }
  const [apiSeconds, directSeconds] = (await timedInTurns(batches, [push, insert])) as [number, number]
  await app.close()

  const apiRate = MUTATIONS / apiSeconds
  const directRate = MUTATIONS / directSeconds
  return {
      measure: `push ${MUTATIONS} mutations in batches of ${BATCH}, after ${WARM_UP} (${label})`,
      value: apiRate,
      unit: '/s',
      baseline: directRate,
      baselineLabel: 'the same rows inserted by the driver',
      goal: '≥ 0.5 × baseline',
      met: apiRate >= 0.5 * directRate,
  }
}
