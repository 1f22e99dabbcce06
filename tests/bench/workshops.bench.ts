import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_WORKSHOP_CODE } from '../../src/server/demo/workshops.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { startBenchServer, stopBenchServer } from './bench-server.js'
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

/** The participants' side: everyone joins by the link, then submits and reacts; then the baseline. */
async function room(servers: string[]): Promise<{ work: Load; baseline: Load }> {
  const serverOf = (i: number) => servers[i % servers.length]!
  const preview = (await (await fetch(`${servers[0]}/api/workshops/join/${DEMO_WORKSHOP_CODE}`)).json()) as { processId: string; sessionId: string }
  // Everyone joins first (by the link, without an account), as they would at the door; with two
  // processes every other participant is on the other one, as behind a load balancer.
  const cookies: string[] = []
  for (let i = 0; i < PARTICIPANTS; i++) {
    const origin = serverOf(i)
    const response = await fetch(`${origin}/api/workshops/join`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ code: DEMO_WORKSHOP_CODE, role: i % 3 === 0 ? 'relative' : 'user', name: null }) })
    if (!response.ok) throw new Error(`join failed: ${response.status} ${await response.text()}`)
    cookies.push(String(response.headers.get('set-cookie')).split(';')[0]!)
  }
  const statements = ((await (await fetch(`${servers[0]}/api/workshops/${preview.processId}/results`, { headers: { cookie: cookies[0]! } })).json()) as { statements: { statementId: string }[] }).statements

  const push = async (i: number, entity: string, payload: Record<string, unknown>) => {
    const origin = serverOf(i)
    const response = await fetch(`${origin}/api/sync/push`, {
      method: 'POST',
      headers: { origin, cookie: cookies[i]!, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: uuidv7(), protocolVersion: 1, mutations: [{ id: uuidv7(), entity, entityId: uuidv7(), op: 'put', patch: payload, baseVersion: null }] }),
    })
    if (!response.ok) return false
    const body = (await response.json()) as { results: { status: string }[] }
    return body.results[0]?.status === 'applied'
  }

  const work = await load((i, n) => {
    if (n % 2 === 0) {
      const id = uuidv7()
      return push(i, 'workshop-contribute', {
        id, processId: preview.processId, sessionId: preview.sessionId, questionId: null, text: `Idé ${i}-${n}`, photo: null, recording: null, role: 'user', anonymous: n % 4 === 0, interviewConsentOn: null,
      })
    }
    const statement = statements[(i + n) % statements.length]!
    return push(i, 'workshop-react', { statementId: statement.statementId, answer: ['agree', 'disagree', 'pass'][(i + n) % 3] })
  })
  const baseline = await load(async (i) => (await fetch(`${serverOf(i)}/api/health`, { headers: { cookie: cookies[i]! } })).ok)
  return { work, baseline }
}

function figures(where: string, { work, baseline }: { work: Load; baseline: Load }): BenchFigure[] {
  return [
    {
      measure: `workshop: ${PARTICIPANTS} participants submit/react ${SECONDS} s, p95 (${where}, ${work.requests} requests)`,
      value: p95(work.latencies),
      unit: 'ms',
      baseline: p95(baseline.latencies),
      baselineLabel: '/api/health p95, same clients and pace',
      goal: '< 300 ms',
      met: p95(work.latencies) < 300,
    },
    {
      measure: `workshop: errors of ${work.requests} submit/react requests (${where})`,
      value: work.errors,
      unit: '',
      baseline: baseline.errors,
      baselineLabel: '/api/health errors',
      goal: '0',
      met: work.errors === 0,
    },
  ]
}

/**
 * One server process on PGlite in a folder, as a small centre runs it. A process of its own, as on
 * PostgreSQL: the 200 clients' own work must not run on the server's thread.
 */
async function onPglite(): Promise<BenchFigure[]> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-bench-workshops-'))
  const server = await startBenchServer(['pglite', folder])
  try {
    return figures('PGlite', await room([server.url]))
  } finally {
    await stopBenchServer(server.child)
    rmSync(folder, { recursive: true, force: true })
  }
}


async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(query)
  } finally {
    await admin.end()
  }
}

/**
 * Two server processes on one PostgreSQL, as a municipality runs it behind a load balancer: the
 * participants alternate between them, so both number contributions in the same process (the
 * sync version lock keeps their references apart) and both answer reactions.
 */
async function onPostgres(adminUrl: string): Promise<BenchFigure[]> {
  const name = `brugerstemme_bench_workshops_${process.pid}`
  await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`)
  await adminQuery(adminUrl, `create database "${name}"`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const children: ChildProcess[] = []
  try {
    // Migrate and seed once, then let the two servers open the same database.
    const database = await openDatabase({ kind: 'postgres', url: url.toString() })
    await seedDemoIfEmpty(database.db, createSyncRegistry())
    await database.close()
    const servers = [await startBenchServer(['app', url.toString()]), await startBenchServer(['app', url.toString()])]
    children.push(...servers.map((s) => s.child))
    return figures('PostgreSQL, 2 processes', await room(servers.map((s) => s.url)))
  } finally {
    await Promise.all(children.map(stopBenchServer))
    await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`)
  }
}

/**
 * DESIGN.md "Performance budgets": 200 participants submitting and reacting for 60 s against one
 * server process on PGlite, and against two on PostgreSQL (when TEST_DATABASE_URL names one):
 * 0 errors and p95 under 300 ms, beside the same number of requests to /api/health from the same
 * clients at the same pace.
 */
const suite: BenchSuite = async () => {
  const results = await onPglite()
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) results.push(...(await onPostgres(adminUrl)))
  return results
}

export default suite
