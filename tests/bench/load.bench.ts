import { openDatabase } from '../../src/server/db/database.js'
import { SYNC_PROTOCOL_VERSION, type Mutation, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { databasesUnderTest } from '../server/helpers.js'
import { meetingData, seedStaff, startServer, tempDir } from '../server/server-process.js'
import type { BenchFigure } from './figure.js'

/**
 * Load on one server process (`npm start`'s program, loopback only; PGlite on disk, and
 * PostgreSQL when TEST_DATABASE_URL is set): DEVICES signed-in devices, each syncing in a loop
 * for SECONDS (push a change, then pull its council from its cursor) with THINK_MS on average
 * between rounds: a busy workshop where everyone sends something every couple of seconds and
 * every device sees all of it. The baseline is the same devices asking /api/health at the same
 * pace: the floor for a request on this machine under this many connections. The load runs in
 * this process, so on a small machine it competes with the server for the same cores.
 */
const DEVICES = Number(process.env.LOAD_DEVICES ?? 200)
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)
const BASELINE_SECONDS = Math.min(SECONDS, 15)
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 2000)
/** The app itself never gives up on a request; this only keeps the bench bounded. */
const TIMEOUT_MS = 30_000

interface Tally {
  latencies: number[]
  errors: string[]
}
const tally = (): Tally => ({ latencies: [], errors: [] })

const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? NaN
}

const pause = () => new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())))

/** Times one request; anything but a 200 within TIMEOUT_MS counts as an error. */
async function timed<T>(tally: Tally, label: string, request: () => Promise<Response>, check: (body: T) => string | null = () => null): Promise<T | null> {
  const started = performance.now()
  try {
    const response = await request()
    const body = (await response.json()) as T
    tally.latencies.push(performance.now() - started)
    const problem = response.status === 200 ? check(body) : `${response.status} ${JSON.stringify(body)}`
    if (problem) tally.errors.push(`${label}: ${problem}`)
    return problem ? null : body
  } catch (error) {
    tally.errors.push(`${label}: ${error instanceof Error ? error.message : String(error)}`)
    return null
  }
}

async function run(until: number, round: () => Promise<void>): Promise<void> {
  // Devices start spread over one pause, as they would after a reboot of the server.
  await pause()
  while (Date.now() < until) {
    await round()
    await pause()
  }
}

/** PGlite on disk (npm start's default), and PostgreSQL when TEST_DATABASE_URL names one. */
export default async function benchLoad(): Promise<BenchFigure[]> {
  const dataDir = tempDir('load')
  const database = await openDatabase({ kind: 'pglite', dataDir })
  const seeded = await seedStaff(database, DEVICES)
  await database.close()
  const figures = await load('PGlite', { DATA_DIR: dataDir }, seeded)
  const postgres = databasesUnderTest().find((target) => target.name === 'postgres')
  if (postgres) {
    const scratch = await postgres.open()
    try {
      figures.push(...(await load('PostgreSQL', { DATABASE_URL: scratch.url!, DATA_DIR: tempDir('load-pg') }, await seedStaff(scratch, DEVICES))))
    } finally {
      await scratch.close()
    }
  }
  return figures
}

async function load(name: string, env: Record<string, string>, { councilId, cookies }: { councilId: string; cookies: string[] }): Promise<BenchFigure[]> {
  const server = await startServer({ ...env, LOG_LEVEL: 'error' })
  const base = server.url
  const scope = `council:${councilId}`
  const signal = () => AbortSignal.timeout(TIMEOUT_MS)

  try {
    const health = tally()
    const healthUntil = Date.now() + BASELINE_SECONDS * 1000
    await Promise.all(
      cookies.map((cookie) => run(healthUntil, async () => void (await timed(health, 'health', () => fetch(`${base}/api/health`, { headers: { cookie }, signal: signal() }))))),
    )

    const pushes = tally()
    const pulls = tally()
    const syncUntil = Date.now() + SECONDS * 1000
    await Promise.all(
      cookies.map((cookie) => {
        const clientId = uuidv7()
        const own: { id: string; version: number }[] = []
        let cursor = '0'
        return run(syncUntil, async () => {
          const mutations: Mutation[] =
            own.length > 0 && Math.random() < 0.5
              ? [{ id: uuidv7(), entity: 'meeting', entityId: own[0]!.id, op: 'patch', patch: { title: `Omdøbt ${Date.now()}` }, baseVersion: own[0]!.version }]
              : [{ id: uuidv7(), entity: 'meeting', entityId: uuidv7(), op: 'put', patch: meetingData(councilId, 'Belastningsmøde'), baseVersion: null }]
          const pushed = await timed<PushResponse>(
            pushes,
            'push',
            () =>
              fetch(`${base}/api/sync/push`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', origin: base, cookie },
                body: JSON.stringify({ clientId, protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
                signal: signal(),
              }),
            (body) => (body.results.every((r) => r.status === 'applied') ? null : JSON.stringify(body.results)),
          )
          const result = pushed?.results[0]
          if (result?.version !== undefined) {
            own.splice(0, own.length, { id: mutations[0]!.entityId, version: result.version })
          }
          // One page is what a device in a loop asks for; the cursor moves on either way.
          const pulled = await timed<PullResponse>(pulls, 'pull', () =>
            fetch(`${base}/api/sync/pull?since=${cursor}&scopes=${scope}&protocolVersion=${SYNC_PROTOCOL_VERSION}`, { headers: { cookie }, signal: signal() }),
          )
          if (pulled) cursor = pulled.cursor
        })
      }),
    )

    const healthP95 = p95(health.latencies)
    const errors = [...pushes.errors, ...pulls.errors]
    if (errors.length > 0) console.log(`load (${name}): ${errors.length} errors, the first: ${errors.slice(0, 3).join(' | ')}`)
    const slowest = Math.max(...pushes.latencies, ...pulls.latencies)
    console.log(`load (${name}): slowest sync request ${slowest.toFixed(0)} ms; /api/health ${health.latencies.length} requests`)
    const requests = pushes.latencies.length + pulls.latencies.length + errors.length
    const baselineLabel = `/api/health p95, same devices and pace (${health.latencies.length} requests, ${health.errors.length} errors)`
    const latency = (kind: string, t: Tally): BenchFigure => ({
      measure: `load: ${DEVICES} devices for ${SECONDS} s, ${kind} p95 (${name})`,
      value: p95(t.latencies),
      unit: 'ms',
      baseline: healthP95,
      baselineLabel,
      goal: 'printed (the goal is 0 errors, below)',
      met: t.latencies.length > 0,
    })
    return [
      latency('push', pushes),
      latency('pull', pulls),
      {
        measure: `load: errors in ${requests} sync requests, ${(requests / SECONDS).toFixed(0)}/s (${name})`,
        value: errors.length,
        unit: '',
        baseline: null,
        baselineLabel: 'none',
        goal: '0 errors',
        met: errors.length === 0 && health.errors.length === 0,
      },
    ]
  } finally {
    await server.stop('SIGTERM')
  }
}
