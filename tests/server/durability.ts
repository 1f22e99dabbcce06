import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import type { Mutation, MutationResult, PushResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { meetingData, pullAll, push, seededRandom, spawnServer, type ServerProcess } from './server-process.js'

/**
 * The real server as an OS process, killed with SIGKILL at random moments while several devices
 * push, then started again: every answered change must be there exactly once, and every change
 * whose answer was lost must land exactly once when the device sends it again.
 *
 * DURABILITY_SEED=<seed> replays the schedule (batch sizes, edits, kill delays); the moment a
 * kill lands relative to the server's work still depends on timing, so a replay is close, not
 * identical. DURABILITY_KILLS sets the number of kills under load (at least 20).
 */
const SEED = Number(process.env.DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31))
export const KILLS = Math.max(20, Number(process.env.DURABILITY_KILLS ?? 20))
export const DEVICES = 4
console.log(`durability seed ${SEED} (replay with DURABILITY_SEED=${SEED})`)

interface Known {
  title: string
  version: number
}

/** A device: what the server has confirmed to it, and the one push whose answer it never got. */
class Device {
  readonly clientId = uuidv7()
  readonly known = new Map<string, Known>()
  inDoubt: Mutation[] | null = null
  sent = 0
  confirmed = 0
  /** Sent again after a kill: found already committed (answered duplicate), or not (applied). */
  resentCommitted = 0
  resentNew = 0
  private seq = 0

  constructor(
    readonly name: string,
    readonly cookie: string,
    private readonly councilId: string,
    private readonly random: () => number,
  ) {}

  /** New meetings and renames of its own meetings, each entity at most once per push. */
  nextBatch(): Mutation[] {
    const size = 1 + Math.floor(this.random() * 8)
    const ids = [...this.known.keys()]
    const batch: Mutation[] = []
    const used = new Set<string>()
    for (let i = 0; i < size; i++) {
      const title = `${this.name}-${++this.seq}`
      const target = ids.length > 0 && this.random() < 0.6 ? ids[Math.floor(this.random() * ids.length)]! : null
      if (target && !used.has(target)) {
        used.add(target)
        batch.push({ id: uuidv7(), entity: 'meeting', entityId: target, op: 'patch', patch: { title }, baseVersion: this.known.get(target)!.version })
      } else {
        batch.push({ id: uuidv7(), entity: 'meeting', entityId: uuidv7(), op: 'put', patch: meetingData(this.councilId, title), baseVersion: null })
      }
    }
    return batch
  }

  /** Pushes until a push gets no answer (the server was killed); that push stays in doubt. */
  async stream(base: string, problems: string[]): Promise<void> {
    while (!this.inDoubt) {
      const batch = this.nextBatch()
      this.sent += batch.length
      let answer: Awaited<ReturnType<typeof push>>
      try {
        answer = await push(base, this.cookie, this.clientId, batch)
      } catch {
        this.inDoubt = batch
        return
      }
      if (answer.status !== 200) {
        problems.push(`${this.name}: push answered ${answer.status} ${JSON.stringify(answer.body)}`)
        return
      }
      this.record(batch, (answer.body as PushResponse).results, () => 'applied', problems)
    }
  }

  record(batch: Mutation[], results: MutationResult[], expected: (m: Mutation) => 'applied' | 'duplicate', problems: string[]): void {
    batch.forEach((mutation, i) => {
      const result = results[i]
      if (result?.mutationId !== mutation.id || result.status !== expected(mutation) || result.version === undefined) {
        problems.push(`${this.name}: ${mutation.op} ${mutation.id} expected ${expected(mutation)}, got ${JSON.stringify(result)}`)
        return
      }
      this.known.set(mutation.entityId, { title: String(mutation.patch.title), version: result.version })
      this.confirmed++
    })
  }
}

/**
 * After a restart: everything confirmed is there with the confirmed version, then each push in
 * doubt is sent again; a change that had been committed must come back `duplicate` with the
 * version it got then (not applied a second time), one that had not must be `applied`.
 */
async function reconcile(server: ServerProcess, devices: Device[], scope: string, problems: string[]): Promise<void> {
  const records = new Map((await pullAll(server.url, devices[0]!.cookie, scope)).map((c) => [c.entityId, c]))
  for (const device of devices) {
    const doubt = new Map((device.inDoubt ?? []).map((m) => [m.entityId, m]))
    for (const [id, known] of device.known) {
      const record = records.get(id)
      const title = record?.data?.title
      const confirmed = title === known.title && record?.version === known.version
      if (!confirmed && !(doubt.has(id) && title === doubt.get(id)!.patch.title)) {
        problems.push(`${device.name}: confirmed ${id} "${known.title}" v${known.version} is now ${JSON.stringify(record ?? 'missing')}`)
      }
    }
    if (!device.inDoubt) continue
    const batch = device.inDoubt
    const committed = new Map(batch.map((m) => [m.id, records.get(m.entityId)?.data?.title === m.patch.title ? records.get(m.entityId)!.version : null]))
    const answer = await push(server.url, device.cookie, device.clientId, batch)
    if (answer.status !== 200) {
      problems.push(`${device.name}: resend answered ${answer.status} ${JSON.stringify(answer.body)}`)
      continue
    }
    const results = (answer.body as PushResponse).results
    for (const m of batch) {
      if (committed.get(m.id) === null) device.resentNew++
      else device.resentCommitted++
    }
    device.record(batch, results, (m) => (committed.get(m.id) === null ? 'applied' : 'duplicate'), problems)
    results.forEach((result) => {
      const before = committed.get(result.mutationId)
      if (before != null && result.version !== before) problems.push(`${device.name}: duplicate ${result.mutationId} answered v${result.version}, stored v${before}`)
    })
    device.inDoubt = null
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function killLoop(env: Record<string, string>, seedDatabase: () => Promise<{ councilId: string; cookies: string[] }>): Promise<{ devices: Device[]; problems: string[]; stats: string }> {
  const random = seededRandom(SEED)
  const { councilId, cookies } = await seedDatabase()
  const scope = `council:${councilId}`
  const devices = cookies.map((cookie, i) => new Device(`d${i + 1}`, cookie, councilId, random))
  const problems: string[] = []
  let killsUnderLoad = 0
  let killsWhileStarting = 0

  while (killsUnderLoad < KILLS) {
    const spawned = spawnServer(env)
    // Now and then the kill lands while the server is still starting (migrations, recovery).
    if (random() < 0.15) {
      await sleep(random() * 1500)
      spawned.child.kill('SIGKILL')
      await spawned.ready.then((s) => s.stop('SIGKILL')).catch(() => {})
      killsWhileStarting++
      continue
    }
    const server = await spawned.ready
    await reconcile(server, devices, scope, problems)
    const streams = devices.map((device) => device.stream(server.url, problems))
    await sleep(50 + random() * 1200)
    await server.stop('SIGKILL')
    await Promise.all(streams)
    killsUnderLoad++
  }

  // The last start: settle every doubt, then stop cleanly and compare with the database itself.
  const server = await spawnServer(env).ready
  await reconcile(server, devices, scope, problems)
  const final = await pullAll(server.url, devices[0]!.cookie, scope)
  const exit = await server.stop('SIGTERM')
  expect(exit).toEqual({ code: 0, signal: null })
  const expected = new Map(devices.flatMap((d) => [...d.known]))
  expect(final.length).toBe(expected.size)
  for (const change of final) {
    expect({ title: change.data?.title, version: change.version }).toEqual(expected.get(change.entityId))
  }
  const total = (count: (d: Device) => number) => devices.reduce((n, d) => n + count(d), 0)
  const stats =
    `${killsUnderLoad} kills under load, ${killsWhileStarting} while starting; ${total((d) => d.sent)} mutations sent, ` +
    `${total((d) => d.confirmed)} answered (${total((d) => d.resentCommitted)} on resend as already committed, ` +
    `${total((d) => d.resentNew)} on resend as new), ${expected.size} meetings`
  // The interesting case must really happen: pushes whose answer the kill swallowed.
  expect(total((d) => d.resentCommitted + d.resentNew)).toBeGreaterThan(0)
  return { devices, problems, stats }
}

/** Every change a device sent has exactly one remembered answer, as many as were sent. */
export async function expectOneAnswerPerMutation(database: Database, devices: Device[]): Promise<void> {
  const rows = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from sync_mutations`)
  const count = Number((rows as unknown as { rows: { n: number }[] }).rows[0]!.n)
  expect(count).toBe(devices.reduce((n, d) => n + d.sent, 0))
}
