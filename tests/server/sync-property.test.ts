import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TransportError, type SyncTransport } from '../../src/app/sync/transport.js'
import { openDatabase, type Database } from '../../src/server/db/database.js'
import { syncMutations, syncRecords } from '../../src/server/db/schema.js'
import { buildTestServer } from './helpers.js'
import { Device, injectTransport } from './sync-devices.js'
import { TestNote, testRegistry } from './sync-fixture.js'

type App = Awaited<ReturnType<typeof buildTestServer>>
type Fault = 'none' | 'drop-request' | 'drop-response' | 'duplicate'

const SCOPES = ['council:p1', 'council:p2']

type Step =
  | { kind: 'create'; device: number; council: number; title: string }
  | { kind: 'edit'; device: number; pick: number; title: string; votes: number }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'sync'; device: number; fault: Fault }
  | { kind: 'restart-device'; device: number }
  | { kind: 'restart-server' }

const step = (devices: number): fc.Arbitrary<Step> => {
  const device = fc.integer({ min: 0, max: devices - 1 })
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), device, council: fc.integer({ min: 0, max: 1 }), title: fc.string({ minLength: 1, maxLength: 8 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, pick: fc.nat(), title: fc.string({ minLength: 1, maxLength: 8 }), votes: fc.nat(9) }) },
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
  return { push: wrap(inner.push), pull: wrap(inner.pull) }
}

describe('sync converges (model-based property test)', () => {
  it('every mutation lands exactly once and every device ends equal to the server', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(step(n), { minLength: 5, maxLength: 30 }))),
        async ([deviceCount, steps]) => {
          const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-prop-'))
          let database: Database | null = null
          const start = async () => {
            database = await openDatabase({ kind: 'pglite', dataDir })
            return buildTestServer(database, { syncRegistry: testRegistry() })
          }
          let app: App | null = await start()
          let currentFault: Fault = 'none'
          const transport = faulty(injectTransport(() => app), () => currentFault)
          const devices = Array.from({ length: deviceCount }, (_, i) => new Device(`d${i}-${Math.random()}`, transport, SCOPES))
          const written = new Set<string>()

          const remember = async (device: Device) => {
            for (const entry of await device.db.outbox.toArray()) written.add(entry.mutationId)
          }
          const local = async (device: Device, pick: number) => {
            const records = await device.records('test-note')
            return records.length ? records[pick % records.length] : undefined
          }

          try {
            for (const s of steps) {
              if (s.kind === 'create') {
                const d = devices[s.device]!
                await d.writer.create(TestNote, { councilId: `p${s.council + 1}`, title: s.title, text: 'tekst' })
                await remember(d)
              } else if (s.kind === 'edit') {
                const d = devices[s.device]!
                const record = await local(d, s.pick)
                if (record) await d.writer.update(TestNote, record.id, { title: s.title, votes: s.votes })
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
                app = await start()
              }
            }

            // The dust settles: a good network, and every device syncs until nothing moves.
            currentFault = 'none'
            for (let round = 0; round < 3; round++) for (const d of devices) await d.engine.syncOnce()

            const db = database!.db
            const serverMutations = new Set((await db.select().from(syncMutations)).map((m) => m.id))
            for (const id of written) expect(serverMutations.has(id), `mutation ${id} reached the server`).toBe(true)

            const serverRows = await db.select().from(syncRecords)
            const live = serverRows
              .filter((r) => r.data !== null)
              .map((r) => ({ id: r.id, data: r.data }))
              .sort((a, b) => a.id.localeCompare(b.id))
            for (const d of devices) {
              const mine = (await d.records('test-note')).map((r) => ({ id: r.id, data: r.data }))
              expect(mine).toEqual(live)
              const left = await d.db.outbox.toArray()
              // What stays is only what the server refused with a reason the person will see.
              for (const entry of left) {
                expect(entry.state).not.toBe('pending')
                expect(entry.code).toBe('deleted')
              }
            }
          } finally {
            await app?.close()
            for (const d of devices) d.db.close()
          }
        },
      ),
      { numRuns: 12, endOnFailure: true },
    )
  }, 240_000)
})
