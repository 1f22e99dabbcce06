import { openDatabase } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_WORKSHOP_CODE } from '../../src/server/demo/workshops.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildTestServer } from '../server/helpers.js'
import type { BenchFigure, BenchSuite } from './figure.js'

const PARTICIPANTS = 200
const SECONDS = Number(process.env.WORKSHOP_BENCH_SECONDS ?? 60)
/** Each participant acts about every 1.5 s (typing and reading between), like a room of people. */
const THINK_MS = 1500

const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Load {
  latencies: number[]
  errors: number
  requests: number
}

/** Runs `act` for every participant in a loop with think time, for SECONDS; latency of each call. */
async function load(act: (i: number, n: number) => Promise<boolean>): Promise<Load> {
  const result: Load = { latencies: [], errors: 0, requests: 0 }
  const end = Date.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: PARTICIPANTS }, async (_, i) => {
      await sleep(Math.random() * THINK_MS)
      for (let n = 0; Date.now() < end; n++) {
        const start = performance.now()
        const ok = await act(i, n).catch(() => false)
        result.latencies.push(performance.now() - start)
        result.requests++
        if (!ok) result.errors++
        await sleep(THINK_MS * (0.5 + Math.random()))
      }
    }),
  )
  return result
}

/**
 * DESIGN.md "Performance budgets": 200 participants submitting and reacting for 60 s against one
 * server process on PGlite: 0 errors and p95 under 300 ms, beside the same number of requests to
 * /api/health from the same clients at the same pace.
 */
const suite: BenchSuite = async () => {
  const database = await openDatabase({ kind: 'pglite', dataDir: null })
  const registry = createSyncRegistry()
  await seedDemoIfEmpty(database.db, registry)
  const app = await buildTestServer(database, { syncRegistry: registry, logger: false })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const origin = address
  const headers = (cookie: string) => ({ origin, cookie, 'content-type': 'application/json' })

  const preview = (await (await fetch(`${address}/api/workshops/join/${DEMO_WORKSHOP_CODE}`)).json()) as { processId: string; sessionId: string }
  // Everyone joins first (by the link, without an account), as they would at the door.
  const cookies: string[] = []
  for (let i = 0; i < PARTICIPANTS; i++) {
    const response = await fetch(`${address}/api/workshops/join`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ code: DEMO_WORKSHOP_CODE, role: i % 3 === 0 ? 'relative' : 'user', name: null }) })
    cookies.push(String(response.headers.get('set-cookie')).split(';')[0]!)
  }
  const statements = ((await (await fetch(`${address}/api/workshops/${preview.processId}/results`, { headers: { cookie: cookies[0]! } })).json()) as { statements: { statementId: string }[] }).statements

  const push = async (cookie: string, entity: string, payload: Record<string, unknown>) => {
    const response = await fetch(`${address}/api/sync/push`, {
      method: 'POST',
      headers: headers(cookie),
      body: JSON.stringify({ clientId: uuidv7(), protocolVersion: 1, mutations: [{ id: uuidv7(), entity, entityId: uuidv7(), op: 'put', patch: payload, baseVersion: null }] }),
    })
    if (!response.ok) return false
    const body = (await response.json()) as { results: { status: string }[] }
    return body.results[0]?.status === 'applied'
  }

  const work = await load((i, n) => {
    const cookie = cookies[i]!
    if (n % 2 === 0) {
      const id = uuidv7()
      return push(cookie, 'workshop-contribute', {
        id, processId: preview.processId, sessionId: preview.sessionId, questionId: null, text: `Idé ${i}-${n}`, photo: null, recording: null, role: 'user', anonymous: n % 4 === 0, interviewConsentOn: null,
      })
    }
    const statement = statements[(i + n) % statements.length]!
    return push(cookie, 'workshop-react', { statementId: statement.statementId, answer: ['agree', 'disagree', 'pass'][(i + n) % 3] })
  })
  const baseline = await load(async (i) => (await fetch(`${address}/api/health`, { headers: { cookie: cookies[i]! } })).ok)
  await app.close()

  return [
    {
      measure: `workshop: ${PARTICIPANTS} participants submit/react ${SECONDS} s, p95 (PGlite, ${work.requests} requests)`,
      value: p95(work.latencies),
      unit: 'ms',
      baseline: p95(baseline.latencies),
      baselineLabel: '/api/health p95, same clients and pace',
      goal: '< 300 ms',
      met: p95(work.latencies) < 300,
    },
    {
      measure: `workshop: errors of ${work.requests} submit/react requests (PGlite)`,
      value: work.errors,
      unit: '',
      baseline: baseline.errors,
      baselineLabel: '/api/health errors',
      goal: '0',
      met: work.errors === 0,
    },
  ] satisfies BenchFigure[]
}

export default suite
