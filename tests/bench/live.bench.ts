import type { ChildProcess } from 'node:child_process'
import http from 'node:http'
import pg from 'pg'
import { newToken, sha256 } from '../../src/server/accounts/secrets.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import { openDatabase } from '../../src/server/db/database.js'
import { sessions } from '../../src/server/db/schema.js'
import { seedDemoAccounts } from '../../src/server/demo/accounts.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { councilScope } from '../../src/shared/accounts/entities.js'
import { formatHlc } from '../../src/shared/live/hlc.js'
import { SYNC_PROTOCOL_VERSION, type Poke, type PullResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { startBenchServer, stopBenchServer } from './bench-server.js'
import type { BenchFigure } from './figure.js'

const FOLLOWERS = 1000
const ROUNDS = 5

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}


/** An SSE connection that calls `onEvent` with each event's data. */
function connect(url: string, onEvent: (data: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve) => {
    let buffer = ''
    const request = http.get(url, { agent: false }, (response) => {
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = /^data: (.*)$/m.exec(block)
          if (data) onEvent(data[1]!)
        }
      })
      resolve(request)
    })
    request.on('error', () => {})
  })
}

async function scratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `brugerstemme_bench_live_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists "${name}" with (force)`)
  await admin.query(`create database "${name}"`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists "${name}" with (force)`)
      await dropper.end()
    },
  }
}

/**
 * A "next item" from the chair reaching 1,000 followers (anonymous, as a relative at home or a
 * TV is) spread over two server processes on one PostgreSQL: from the chair's request to each
 * follower holding the new item: the poke over SSE, which carries the public's changes of that
 * version, or the pull it triggers when it cannot be applied as it is. Baseline: a bare
 * SSE message fanned out to as many connections by two plain Node processes in the same run.
 */
export default async function benchLive(): Promise<BenchFigure[]> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const scratch = await scratchDatabase(adminUrl)
  const children: ChildProcess[] = []
  const streams: http.ClientRequest[] = []
  try {
    // Migrate and seed once, then let the two servers open the same database.
    const database = await openDatabase({ kind: 'postgres', url: scratch.url })
    const registry = createSyncRegistry()
    const ids = await database.db.transaction((tx) => seedDemoAccounts(tx, registry))
    const token = newToken()
    const now = new Date()
    await database.db.insert(sessions).values({ id: uuidv7(), tokenHash: sha256(token), kind: 'card', personId: ids.secretaryId, label: 'Bench', createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 86_400_000) })
    await database.close()

    const servers = [await startBenchServer(['app', scratch.url]), await startBenchServer(['app', scratch.url])]
    children.push(...servers.map((s) => s.child))
    const [one] = servers
    const council = ids.councilId
    const push = async (mutations: unknown[]) => {
      const response = await fetch(`${one!.url}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: one!.url, cookie: `${SESSION_COOKIE}=${token}` },
        body: JSON.stringify({ clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
      })
      const body = (await response.json()) as { version: number; results: { status: string }[] }
      if (body.results.some((r) => r.status !== 'applied')) throw new Error(`push refused: ${JSON.stringify(body)}`)
      return body.version
    }
    const put = (entity: string, entityId: string, patch: object) => ({ id: uuidv7(), entity, entityId, op: 'put', patch, baseVersion: null })
    const meetingId = uuidv7()
    const items = Array.from({ length: ROUNDS + 1 }, () => uuidv7())
    await push([
      put('meeting', meetingId, { councilId: council, title: 'Bench', date: '2026-06-01', startTime: null, endTime: null, place: '', placePhoto: null, participants: '', absent: '', published: true, minutesPublished: false }),
      ...items.map((id, i) => put('agenda-item', id, { councilId: council, meetingId, position: i + 1, title: `Punkt ${i + 1}`, caseNumber: '', easyTitle: '', easyText: '', pictogram: null, photo: null, audio: null, expectedMinutes: null, question: '', closed: false, sections: [], attachments: [], decision: null, easyDecision: '' })),
    ])
    let clock = Date.now()
    const move = (itemId: string) => push([put('live-move', uuidv7(), { meetingId, councilId: council, status: 'running', currentItemId: itemId, breakEndsAt: null, at: formatHlc((clock = Math.max(clock + 1, Date.now())), 0, 'chair') })])
    let cursor = await move(items[0]!)

    // The followers: each pulls when poked and notes when it holds the item it waits for.
    let target = ''
    let startedAt = 0
    let seen: number[] = []
    const followers = Array.from({ length: FOLLOWERS }, (_, i) => ({ base: servers[i % 2]!.url, cursor, busy: false }))
    const pullFor = async (f: (typeof followers)[number]) => {
      if (f.busy) return
      f.busy = true
      try {
        const response = await fetch(`${f.base}/api/sync/pull?since=${f.cursor}&scopes=${councilScope(council)}&protocolVersion=${SYNC_PROTOCOL_VERSION}`)
        const body = (await response.json()) as PullResponse
        f.cursor = Number(body.cursor)
        if (body.changes.some((c) => c.entity === 'live-state' && c.data?.currentItemId === target)) seen.push(performance.now() - startedAt)
      } finally {
        f.busy = false
      }
    }
    // As the app's engine does (SyncEngine.applyPoke): a poke that carries its changes and
    // follows on from the cursor is applied as it is; any other poke makes the follower pull.
    const poked = (f: (typeof followers)[number], data: string) => {
      const poke = JSON.parse(data) as Poke
      if (poke.version <= f.cursor) return
      if (poke.changes && poke.after !== undefined && f.cursor >= poke.after && !f.busy) {
        f.cursor = poke.version
        if (poke.changes.some((c) => c.entity === 'live-state' && c.scope === councilScope(council) && c.data?.currentItemId === target)) seen.push(performance.now() - startedAt)
        return
      }
      void pullFor(f)
    }
    for (const f of followers) streams.push(await connect(`${f.base}/api/sync/events`, (data) => poked(f, data)))
    await new Promise((r) => setTimeout(r, 1000))

    const waitFor = async (count: () => number, ms = 30_000) => {
      const deadline = Date.now() + ms
      while (count() < FOLLOWERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
      if (count() < FOLLOWERS) throw new Error(`only ${count()} of ${FOLLOWERS} followers got there`)
    }
    const live: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      seen = []
      target = items[round]!
      startedAt = performance.now()
      cursor = await move(target)
      await waitFor(() => seen.length)
      live.push(...seen)
      await new Promise((r) => setTimeout(r, 300))
    }
    for (const stream of streams.splice(0)) stream.destroy()
    await Promise.all(children.splice(0).map(stopBenchServer))

    // Baseline: the same number of connections on two bare SSE processes, one message each round.
    const bare = [await startBenchServer(['bare']), await startBenchServer(['bare'])]
    children.push(...bare.map((b) => b.child))
    let bareSeen: number[] = []
    let bareStarted = 0
    for (let i = 0; i < FOLLOWERS; i++) streams.push(await connect(`${bare[i % 2]!.url}/events`, () => void bareSeen.push(performance.now() - bareStarted)))
    await new Promise((r) => setTimeout(r, 1000))
    const baseline: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      bareSeen = []
      bareStarted = performance.now()
      await Promise.all(bare.map((b) => fetch(`${b.url}/send`, { method: 'POST', body: JSON.stringify({ version: round }) })))
      await waitFor(() => bareSeen.length)
      baseline.push(...bareSeen)
      await new Promise((r) => setTimeout(r, 300))
    }

    const p95 = percentile(live, 95)
    return [
      {
        measure: `live "next item" to ${FOLLOWERS} SSE followers, 2 processes, p50`,
        value: percentile(live, 50),
        unit: 'ms',
        baseline: percentile(baseline, 50),
        baselineLabel: 'bare SSE message, 2 plain processes, p50',
        goal: 'reported beside p95',
        met: true,
      },
      {
        measure: `live "next item" to ${FOLLOWERS} SSE followers, 2 processes, p95`,
        value: p95,
        unit: 'ms',
        baseline: percentile(baseline, 95),
        baselineLabel: 'bare SSE message, 2 plain processes, p95',
        goal: 'p95 < 250 ms',
        met: p95 < 250,
      },
    ]
  } finally {
    for (const stream of streams) stream.destroy()
    await Promise.all(children.map(stopBenchServer))
    await scratch.drop()
  }
}
