import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SESSION_STORAGE_KEY } from '../../src/app/accounts/session-store.js'
import { applyFirstPull } from '../../src/app/meetings/first-pull.js'
import { CACHED_SESSION_KEY } from '../../src/app/meetings/first-pull-aside.js'
import { createLocalDb, type LocalDb } from '../../src/app/sync/local-db.js'
import { hasPulled, storePulled } from '../../src/app/sync/store-pulled.js'
import { setSignedInCheck } from '../../src/app/sync/sync-service.js'
import { FIRST_PULL_STORED_ATTRIBUTE, type FirstPull } from '../../src/shared/sync/first-pull.js'

const first: FirstPull = {
  scopes: ['council:c1', 'public:councils'],
  councilId: 'c1',
  pull: {
    changes: [
      { entity: 'council', entityId: 'c1', scope: 'public:councils', version: 3, data: { name: 'Brugerrådet' } },
      { entity: 'meeting', entityId: 'm1', scope: 'council:c1', version: 4, data: { title: 'Møde om haven', councilId: 'c1' } },
    ],
    cursor: '4',
    hasMore: false,
  },
}

/** The data block as the browser would hand it over: an element with the JSON as its text. */
const element = (text: string, attributes: string[] = []) => {
  const el = { textContent: text, removed: false, remove: () => (el.removed = true), hasAttribute: (name: string) => attributes.includes(name) }
  return el as unknown as HTMLElement & { removed: boolean }
}

describe('a public meeting page with its first pull in the HTML', () => {
  let db: LocalDb
  // Only the database: the first pull is stored before the sync engine has loaded (sync-runner.ts).
  let sync: { db: LocalDb }
  beforeEach(() => {
    db = createLocalDb(`first-pull-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    sync = { db }
  })
  afterEach(() => setSignedInCheck(() => false))

  it('is stored before the first render, with its cursor, so the first sync goes on from there', async () => {
    const block = element(JSON.stringify(first))
    expect(await applyFirstPull(sync, block)).toBe(true)
    expect(block.removed).toBe(true)
    expect((await db.records.get(['meeting', 'm1']))?.data).toEqual({ title: 'Møde om haven', councilId: 'c1' })
    expect((await db.records.get(['council', 'c1']))?.data).toEqual({ name: 'Brugerrådet' })
    expect(await hasPulled(db, 'council:c1')).toBe(true)
    expect(await db.meta.get('cursor:public:councils')).toMatchObject({ value: '4' })
  })

  it("stored already by the page's worker (its element marked so): taken as stored, not stored a second time", async () => {
    const block = element(JSON.stringify(first), [FIRST_PULL_STORED_ATTRIBUTE])
    expect(await applyFirstPull(sync, block)).toBe(true)
    expect(block.removed).toBe(true)
    expect(await db.records.count()).toBe(0)
    // Unmarked, the same pull is stored by the app itself.
    expect(await applyFirstPull(sync, element(JSON.stringify(first)))).toBe(true)
    expect(await db.records.count()).toBe(2)
  })

  it("is not stored aside (by the page's worker) where a session is cached: the page reads the same key as the session store", () => {
    expect(CACHED_SESSION_KEY).toBe(SESSION_STORAGE_KEY)
  })

  it('is left alone on a device that has pulled a scope already (what it holds is newer, or its own)', async () => {
    await storePulled(db, [{ entity: 'council', entityId: 'c1', scope: 'public:councils', version: 9, data: { name: 'Nyt navn' } }], ['public:councils'], '9')
    expect(await applyFirstPull(sync, element(JSON.stringify(first)))).toBe(false)
    expect((await db.records.get(['council', 'c1']))?.data).toEqual({ name: 'Nyt navn' })
    expect(await db.records.get(['meeting', 'm1'])).toBeUndefined()
  })

  it('is left alone with someone signed in, and when it is not what it should be', async () => {
    setSignedInCheck(() => true)
    expect(await applyFirstPull(sync, element(JSON.stringify(first)))).toBe(false)
    setSignedInCheck(() => false)
    for (const text of ['', '{not json', 'null', JSON.stringify({ ...first, scopes: [] }), JSON.stringify({ ...first, pull: { changes: 'x', cursor: '4' } })]) {
      expect(await applyFirstPull(sync, element(text)), text).toBe(false)
    }
    expect(await db.records.count()).toBe(0)
    expect(await applyFirstPull(sync, null)).toBe(false)
  })

  it('stores nothing for a device that changed hands while the changes were on their way', async () => {
    await storePulled(db, first.pull.changes, first.scopes, first.pull.cursor, () => false)
    expect(await db.records.count()).toBe(0)
    expect(await hasPulled(db, 'council:c1')).toBe(false)
  })
})
