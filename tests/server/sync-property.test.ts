import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inArray } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TransportError, type SyncTransport } from '../../src/app/sync/transport.js'
import { openDatabase, type Database } from '../../src/server/db/database.js'
import { syncConflicts, syncMutations, syncRecords } from '../../src/server/db/schema.js'
import { buildTestServer, signedInCookie } from './helpers.js'
import { Device, injectTransport } from './sync-devices.js'
import { TestNote, testRegistry } from './sync-fixture.js'

type App = Awaited<ReturnType<typeof buildTestServer>>
type Fault = 'none' | 'drop-request' | 'drop-response' | 'duplicate'

type Step =
  | { kind: 'create'; device: number; council: number; title: string }
  | { kind: 'edit'; device: number; pick: number; title: string; votes: number }
  | { kind: 'edit-text'; device: number; pick: number; text: string }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'sync'; device: number; fault: Fault }
  | { kind: 'restart-device'; device: number }
  | { kind: 'restart-server' }

const step = (devices: number): fc.Arbitrary<Step> => {
  const device = fc.integer({ min: 0, max: devices - 1 })
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), device, council: fc.integer({ min: 0, max: 1 }), title: fc.string({ minLength: 1, maxLength: 8 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, pick: fc.nat(), title: fc.string({ minLength: 1, maxLength: 8 }), votes: fc.nat(9) }) },
    // The protected field: a person's own words, which must never be silently overwritten.
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit-text' as const), device, pick: fc.nat(), text: fc.string({ minLength: 1, maxLength: 12 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, fault: fc.constantFrom<Fault>('none', 'none', 'drop-request', 'drop-response', 'duplicate') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart-device' as const), device }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'restart-server' as const }) },
  )
}

/** Wraps the real transport with the network's misbehaviour for one sync round. */
function faulty(inner: SyncTransport, fault: () => Fault): SyncTransport {
  const wrap = <A, R>(call: (arg: A) => Promise<R>) => async (arg: A): Promise<R> => {
    const now = fault()
    if (now === 'drop-request') throw new TransportError('network', 'request lost')
    const result = await call(arg)
    if (now === 'duplicate') return call(arg)
    if (now === 'drop-response') throw new TransportError('network', 'response lost')
    return result
  }
  return { push: wrap(inner.push), pull: wrap(inner.pull), uploadMedium: wrap(inner.uploadMedium), fetchMedium: wrap(inner.fetchMedium) }
}

/** Replays a failure: FC_SEED=<seed> npx vitest run tests/server/sync-property.test.ts */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 2 ** 31)

/**
 * One on-disk PGlite for the whole property (a "server restart" reopens the same folder), and
 * fresh scopes per run, so a schedule costs its steps rather than a new database.
 */
describe('sync converges (model-based property test)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-prop-'))
  let database: Database | null = null
  let app: App | null = null
  let cookie = ''
  let run = 0

  const start = async () => {
    database = await openDatabase({ kind: 'pglite', dataDir })
    app = await buildTestServer(database, { syncRegistry: testRegistry() })
  }
  beforeAll(async () => {
    await start()
    cookie = await signedInCookie(database!)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('every mutation lands exactly once, every device ends equal to the server, and no one’s words are lost', async () => {
    console.log(`sync property test: FC_SEED=${seed}`)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(step(n), { minLength: 5, maxLength: 30 }))),
        async ([deviceCount, steps]) => {
          run++
          const councils = [`r${run}a`, `r${run}b`]
          const scopes = councils.map((c) => `council:${c}`)
          let currentFault: Fault = 'none'
          const transport = faulty(injectTransport(() => app, () => ({ cookie })), () => currentFault)
          const devices = Array.from({ length: deviceCount }, (_, i) => new Device(`d${i}-${run}-${Math.random()}`, transport, scopes))
          const written = new Set<string>()
          /** Every text a person wrote, by mutation id. */
          const texts = new Map<string, string>()

          const remember = async (device: Device) => {
            for (const entry of await device.db.outbox.toArray()) {
              written.add(entry.mutationId)
              if (typeof entry.patch.text === 'string' && entry.op === 'patch') texts.set(entry.mutationId, entry.patch.text)
            }
          }
          const local = async (device: Device, pick: number) => {
            const records = await device.records('test-note')
            return records.length ? records[pick % records.length] : undefined
          }

          try {
            for (const s of steps) {
              if (s.kind === 'create') {
                const d = devices[s.device]!
                await d.writer.create(TestNote, { councilId: councils[s.council]!, title: s.title, text: 'tekst' })
                await remember(d)
              } else if (s.kind === 'edit' || s.kind === 'edit-text') {
                const d = devices[s.device]!
                const record = await local(d, s.pick)
                if (record) await d.writer.update(TestNote, record.id, s.kind === 'edit' ? { title: s.title, votes: s.votes } : { text: s.text })
                await remember(d)
              } else if (s.kind === 'delete') {
                const d = devices[s.device]!
                const record = await local(d, s.pick)
                if (record) await d.writer.remove(TestNote, record.id)
                await remember(d)
              } else if (s.kind === 'sync') {
                currentFault = s.fault
                await devices[s.device]!.engine.syncOnce().catch((error: unknown) => {
                  if (!(error instanceof TransportError)) throw error
                })
                currentFault = 'none'
              } else if (s.kind === 'restart-device') {
                await devices[s.device]!.restart()
              } else {
                await app?.close()
                app = null
                await start()
              }
            }

            // The dust settles: a good network, and every device syncs until nothing moves.
            currentFault = 'none'
            for (let round = 0; round < 3; round++) for (const d of devices) await d.engine.syncOnce()

            const db = database!.db
            const answers = new Map((await db.select().from(syncMutations).where(inArray(syncMutations.id, [...written]))).map((m) => [m.id, m.result]))
            for (const id of written) expect(answers.has(id), `mutation ${id} reached the server`).toBe(true)

            const serverRows = await db.select().from(syncRecords).where(inArray(syncRecords.scope, scopes))
            const live = serverRows
              .filter((r) => r.data !== null)
              .map((r) => ({ id: r.id, data: r.data }))
              .sort((a, b) => a.id.localeCompare(b.id))
            const leftOver = (await Promise.all(devices.map((d) => d.db.outbox.toArray()))).flat()
            for (const d of devices) {
              const mine = (await d.records('test-note')).map((r) => ({ id: r.id, data: r.data }))
              expect(mine).toEqual(live)
            }
            // What stays is only what the server refused or found in conflict, for the person to see.
            for (const entry of leftOver) {
              expect(entry.state).not.toBe('pending')
              expect(['deleted', 'conflict']).toContain(entry.code)
            }

            // Both versions of a conflicting text survive: the server's in the record, the
            // author's on their device and in the server's conflict table, and the author is told.
            const kept = new Map((await db.select().from(syncConflicts).where(inArray(syncConflicts.mutationId, [...texts.keys()]))).map((c) => [c.mutationId, c]))
            for (const [mutationId, text] of texts) {
              const answer = answers.get(mutationId) as { status: string } | undefined
              if (answer?.status !== 'conflict') continue
              const onDevice = leftOver.find((entry) => entry.mutationId === mutationId)
              expect(onDevice, `the author of conflicting text "${text}" still has it`).toMatchObject({ state: 'conflict', code: 'conflict', patch: { text } })
              expect(kept.get(mutationId)?.clientValues, 'the server kept the author’s side of the conflict').toEqual({ text })
            }
          } finally {
            for (const d of devices) d.db.close()
          }
        },
      ),
      { numRuns: 12, endOnFailure: true, seed },
    )
  }, 240_000)
})
