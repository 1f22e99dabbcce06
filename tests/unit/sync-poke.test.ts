import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { SyncEngine } from '../../src/app/sync/engine.js'
import { createLocalDb, type LocalDb } from '../../src/app/sync/local-db.js'
import type { SyncTransport } from '../../src/app/sync/transport.js'
import type { Change } from '../../src/shared/sync/protocol.js'

const A = 'council:0190d6a0-0000-7000-8000-0000000000a1'
const B = 'council:0190d6a0-0000-7000-8000-0000000000b1'
const STATE = '0190d6a0-0000-7000-8000-0000000000e1'
const OTHER = '0190d6a0-0000-7000-8000-0000000000e2'

/** A transport that fails the test if the engine uses it: a poke it can apply needs no request. */
const noRequests: SyncTransport = {
  push: () => Promise.reject(new Error('pushed')),
  pull: () => Promise.reject(new Error('pulled')),
  uploadMedium: () => Promise.reject(new Error('uploaded')),
  fetchMedium: () => Promise.reject(new Error('fetched')),
}

const change = (scope: string, entityId: string, version: number, data: Record<string, unknown> | null): Change => ({ entity: 'live-state', entityId, scope, version, data })

describe('SyncEngine.applyPoke', () => {
  let db: LocalDb
  let engine: SyncEngine
  let scopes: string[]
  const cursor = async (scope: string) => (await db.meta.get(`cursor:${scope}`))?.value

  beforeEach(async () => {
    db = createLocalDb(`poke-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    scopes = [A]
    engine = new SyncEngine(db, noRequests, () => scopes)
    await db.meta.put({ key: `cursor:${A}`, value: '10' })
  })

  it('applies the changes of a poke that follows on from the cursor, in the followed scopes only', async () => {
    const applied = await engine.applyPoke({ version: 12, after: 10, changes: [change(A, STATE, 12, { currentItemId: 'x' }), change(B, OTHER, 12, { currentItemId: 'y' })] })
    expect(applied).toBe(true)
    expect((await db.records.get(['live-state', STATE]))?.data).toEqual({ currentItemId: 'x' })
    expect(await db.records.get(['live-state', OTHER])).toBeUndefined()
    expect(await cursor(A)).toBe('12')
  })

  it('deletes what the poke says is gone', async () => {
    await db.records.put({ entity: 'live-state', id: STATE, scope: A, data: { currentItemId: 'x' }, base: { currentItemId: 'x' }, version: 9, pending: 0 })
    expect(await engine.applyPoke({ version: 11, after: 9, changes: [change(A, STATE, 11, null)] })).toBe(true)
    expect(await db.records.get(['live-state', STATE])).toBeUndefined()
  })

  it('asks for a pull when a followed scope is behind `after`, has no cursor yet, or the poke has no changes', async () => {
    expect(await engine.applyPoke({ version: 14, after: 11, changes: [change(A, STATE, 14, { currentItemId: 'x' })] })).toBe(false)
    scopes = [A, B]
    expect(await engine.applyPoke({ version: 12, after: 10, changes: [change(A, STATE, 12, { currentItemId: 'x' })] })).toBe(false)
    scopes = [A]
    expect(await engine.applyPoke({ version: 12 })).toBe(false)
    // Nothing was stored by the refused pokes.
    expect(await db.records.count()).toBe(0)
    expect(await cursor(A)).toBe('10')
  })

  it('is a no-op for a version the device already holds', async () => {
    expect(await engine.applyPoke({ version: 10, after: 8, changes: [change(A, STATE, 10, { currentItemId: 'old' })] })).toBe(true)
    expect(await db.records.count()).toBe(0)
  })

  it('needs no pull for a poke without changes whose version every followed scope holds (the one a stream sends as it opens)', async () => {
    expect(await engine.applyPoke({ version: 10 })).toBe(true)
    expect(await engine.applyPoke({ version: 7 })).toBe(true)
    // A scope followed since, with no cursor yet, has not been pulled at all.
    scopes = [A, B]
    expect(await engine.applyPoke({ version: 10 })).toBe(false)
    await db.meta.put({ key: `cursor:${B}`, value: '9' })
    expect(await engine.applyPoke({ version: 10 })).toBe(false)
    await db.meta.put({ key: `cursor:${B}`, value: '10' })
    expect(await engine.applyPoke({ version: 10 })).toBe(true)
    expect(await db.records.count()).toBe(0)
  })

  it('keeps a person’s unsent edit on top of the poked record', async () => {
    await db.records.put({ entity: 'live-state', id: STATE, scope: A, data: { currentItemId: 'mine', note: 'a' }, base: { currentItemId: 'a', note: 'a' }, version: 9, pending: 1 })
    await db.outbox.add({ mutationId: 'm1', entity: 'live-state', entityId: STATE, op: 'patch', patch: { currentItemId: 'mine' }, baseVersion: 9, state: 'pending', createdAt: 0 })
    expect(await engine.applyPoke({ version: 12, after: 10, changes: [change(A, STATE, 12, { currentItemId: 'theirs', note: 'b' })] })).toBe(true)
    expect((await db.records.get(['live-state', STATE]))?.data).toEqual({ currentItemId: 'mine', note: 'b' })
  })
})
