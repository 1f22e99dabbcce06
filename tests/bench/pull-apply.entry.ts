import { Dexie } from 'dexie'
import { SyncEngine } from '../../src/app/sync/engine.js'
import { createLocalDb } from '../../src/app/sync/local-db.js'
import type { Change } from '../../src/shared/sync/protocol.js'
import type { SyncTransport } from '../../src/app/sync/transport.js'

const noTransport: SyncTransport = {
  push: () => Promise.reject(new Error('not used')),
  pull: () => Promise.reject(new Error('not used')),
  uploadMedium: () => Promise.reject(new Error('not used')),
  fetchMedium: () => Promise.reject(new Error('not used')),
}

function makeChanges(count: number): Change[] {
  return Array.from({ length: count }, (_, i) => ({
    entity: 'agenda-item',
    entityId: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    scope: 'council:bench',
    version: 1 + Math.floor(i / 100),
    data: { councilId: 'bench', number: i, title: `Punkt ${i}: Ny madordning i fælleskøkkenet`, easyRead: 'Vi taler om maden. Hvad synes du?', minutes: 15 },
  }))
}

/** Median of several runs, each on a fresh database, so one slow run does not decide. */
async function median(runs: number, run: () => Promise<number>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await run())
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

async function viaEngine(changes: Change[]): Promise<number> {
  const name = `bench-engine-${Math.random()}`
  const db = createLocalDb(name)
  await db.open()
  const engine = new SyncEngine(db, noTransport, () => ['council:bench'])
  const started = performance.now()
  for (let i = 0; i < changes.length; i += 500) {
    await engine.applyChanges(changes.slice(i, i + 500), ['council:bench'], String(changes[Math.min(i + 499, changes.length - 1)]!.version))
  }
  const elapsed = performance.now() - started
  db.close()
  await Dexie.delete(name)
  return elapsed
}

async function rawBulkPut(changes: Change[]): Promise<number> {
  const name = `bench-raw-${Math.random()}`
  const db = createLocalDb(name)
  await db.open()
  const rows = changes.map((c) => ({ entity: c.entity, id: c.entityId, scope: c.scope, data: c.data!, base: c.data, version: c.version, pending: 0 as const }))
  const started = performance.now()
  for (let i = 0; i < rows.length; i += 500) await db.records.bulkPut(rows.slice(i, i + 500))
  const elapsed = performance.now() - started
  db.close()
  await Dexie.delete(name)
  return elapsed
}

declare global {
  interface Window {
    runPullBench(count: number, runs: number): Promise<{ engineMs: number; rawMs: number }>
  }
}

window.runPullBench = async (count, runs) => {
  const changes = makeChanges(count)
  // Warm up both paths once so JIT and IndexedDB start-up costs do not land on one side.
  await viaEngine(changes.slice(0, 500))
  await rawBulkPut(changes.slice(0, 500))
  const engineMs = await median(runs, () => viaEngine(changes))
  const rawMs = await median(runs, () => rawBulkPut(changes))
  return { engineMs, rawMs }
}
