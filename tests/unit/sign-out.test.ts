import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  handOver,
  heldCount,
  ownerOf,
  PENDING_SIGN_OUT_KEY,
  SETTINGS_KEY,
  changeDevice,
  sendWhatWaits,
  unsentCount,
  wipeBrowserStorage,
} from '../../src/app/accounts/sign-out.js'
import { ANONYMOUS_OWNER, createLocalDb, type LocalDb } from '../../src/app/sync/local-db.js'
import { storeMedium } from '../../src/app/sync/media-store.js'
import { SyncWriter } from '../../src/app/sync/write.js'
import { registerUnownedWork } from '../../src/app/sync/unowned-work.js'
import { defineSyncCommand } from '../../src/shared/sync/entity.js'
import { defineSyncEntity } from '../../src/shared/sync/entity.js'
import { Type } from 'typebox'
import type { Me } from '../../src/shared/accounts/model.js'
import { karen, lene } from './people.js'
import { randomBytes } from 'node:crypto'
import type { HeldEntry } from '../../src/app/sync/local-db.js'

/** A hold key as the server makes them (Me.holdKey). */
const holdKey = () => randomBytes(32).toString('base64url')

/** A held row's sealed bytes, read as text, to look for what must not be readable. */
const bytesOf = (row: HeldEntry) => ('sealed' in row ? new TextDecoder('latin1').decode(row.sealed.data) : '')

const Note = defineSyncEntity<{ text: string }>({
  name: 'note',
  schema: Type.Object({ text: Type.String() }),
  scopeOf: () => 'council:c1',
  protectedFields: [],
})

class MemoryStorage implements Storage {
  private map = new Map<string, string>()
  get length() {
    return this.map.size
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null
  }
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.map.set(key, value)
  }
  removeItem(key: string) {
    this.map.delete(key)
  }
  clear() {
    this.map.clear()
  }
  dump() {
    return Object.fromEntries(this.map)
  }
}

class MemoryCaches {
  names = new Set<string>()
  async keys() {
    return [...this.names]
  }
  async delete(name: string) {
    return this.names.delete(name)
  }
}

let db: LocalDb
let writer: SyncWriter

beforeEach(async () => {
  db = createLocalDb(`sign-out-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  await db.open()
  writer = new SyncWriter(db)
})

/** Signs `me` in on the device: the database becomes theirs, with a pulled record and a cursor. */
async function signIn(me: Me) {
  await handOver(db, await ownerOf(me))
  await db.records.put({ entity: 'council-member', id: 'm1', scope: 'council:c1', data: { name: (me as { name: string }).name }, base: null, version: 3, pending: 0 })
  await db.meta.put({ key: 'cursor:council:c1', value: '42' })
}

async function everything() {
  return JSON.stringify({
    records: await db.records.toArray(),
    outbox: await db.outbox.toArray(),
    meta: await db.meta.toArray(),
    held: await db.held.toArray(),
    media: await db.media.toArray(),
  })
}

describe('handing the device over', () => {
  it('removes the previous person’s records and cursors, so the next one starts from nothing', async () => {
    await signIn(karen)
    const result = await handOver(db, await ownerOf(lene))
    expect(result).toEqual({ wiped: true, held: 0, restored: 0 })
    expect(await db.records.count()).toBe(0)
    expect(await db.meta.get('cursor:council:c1')).toBeUndefined()
    const dump = await everything()
    expect(dump).not.toContain('Karen')
    expect(dump).not.toContain(karen.kind === 'person' ? karen.personId : '')
  })

  it('removes the previous person’s photos and recordings, except those their held work still names', async () => {
    await signIn(karen)
    const seen = await storeMedium(db, new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' }))
    await db.records.put({ entity: 'note', id: 'n1', scope: 'council:c1', data: { text: 'med foto', photo: seen }, base: null, version: 1, pending: 0 })
    const unsent = await storeMedium(db, new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 2])], { type: 'audio/webm' }))
    await writer.create(Note, { text: 'Min stemme', voice: unsent } as { text: string })

    await handOver(db, await ownerOf(lene))
    expect((await db.media.toArray()).map((m) => m.sha256)).toEqual([unsent.sha256])
    // Karen comes back: her held recording is still there to upload with her work.
    await handOver(db, await ownerOf(karen))
    expect(await db.media.get(unsent.sha256)).toMatchObject({ uploaded: 0, type: 'audio/webm' })
  })

  it('keeps public data when an anonymous device signs in, and does nothing when the owner is the same', async () => {
    await db.records.put({ entity: 'council', id: 'c1', scope: 'public:councils', data: { name: 'Rådet' }, base: null, version: 1, pending: 0 })
    expect((await handOver(db, await ownerOf(karen))).wiped).toBe(false)
    expect(await db.records.count()).toBe(1)
    expect(await handOver(db, await ownerOf(karen))).toEqual({ wiped: false, held: 0, restored: 0 })
  })

  it('holds unsent work out of the outbox, under a hash, and gives it back when the same person returns', async () => {
    await signIn(karen)
    const id = await writer.create(Note, { text: 'Karens idé til sommerfesten' })
    expect(await unsentCount(db)).toBe(1)

    const out = await handOver(db, ANONYMOUS_OWNER)
    expect(out).toEqual({ wiped: true, held: 1, restored: 0 })
    expect(await unsentCount(db)).toBe(0)
    const [held] = await db.held.toArray()
    expect(held!.owner).not.toContain(karen.kind === 'person' ? karen.personId : 'x')
    expect(held && 'entry' in held ? held.entry.patch : null).toEqual({ text: 'Karens idé til sommerfesten' })

    // Lene signs in on the same device: Karen's work is not hers to send.
    expect((await handOver(db, await ownerOf(lene))).restored).toBe(0)
    expect(await unsentCount(db)).toBe(0)
    expect(await db.held.count()).toBe(1)

    // Karen comes back: the work is in the outbox again and shows on the device at once.
    const back = await handOver(db, await ownerOf(karen))
    expect(back.restored).toBe(1)
    expect(await db.held.count()).toBe(0)
    const [entry] = await db.outbox.toArray()
    expect(entry).toMatchObject({ entity: 'note', entityId: id, op: 'put', state: 'pending', patch: { text: 'Karens idé til sommerfesten' } })
    expect((await db.records.get(['note', id]))?.data).toEqual({ text: 'Karens idé til sommerfesten' })
  })
  it('seals unsent work with the person’s hold key: the next person finds neither the text nor the recording', async () => {
    await signIn(karen)
    const voice = await storeMedium(db, new Blob([new TextEncoder().encode('KARENS STEMME')], { type: 'audio/webm' }))
    const id = await writer.create(Note, { text: 'Karens idé til sommerfesten', voice } as { text: string })
    const hers = { owner: await ownerOf(karen), key: holdKey() }

    expect(await handOver(db, ANONYMOUS_OWNER, { from: hers })).toEqual({ wiped: true, held: 1, restored: 0 })
    const rows = await db.held.toArray()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ owner: hers.owner, count: 1 })
    expect(await heldCount(db, hers.owner)).toBe(1)
    expect(await db.media.count()).toBe(0)
    const stored = (await everything()) + (await Promise.all(rows.map(bytesOf))).join('')
    for (const secret of ['Karens idé', 'KARENS STEMME', id]) expect(stored).not.toContain(secret)

    // Lene, with her own key, cannot open it and gets none of it.
    const lenes = { owner: await ownerOf(lene), key: holdKey() }
    expect((await handOver(db, lenes.owner, { to: lenes })).restored).toBe(0)
    expect(await unsentCount(db)).toBe(0)

    // Karen comes back: her change, her record and her recording, as they were.
    expect((await handOver(db, hers.owner, { to: hers })).restored).toBe(1)
    expect(await db.held.count()).toBe(0)
    expect(await db.outbox.toArray()).toMatchObject([{ entity: 'note', entityId: id, state: 'pending', patch: { text: 'Karens idé til sommerfesten', voice } }])
    expect((await db.records.get(['note', id]))?.data).toMatchObject({ text: 'Karens idé til sommerfesten' })
    const medium = await db.media.get(voice.sha256)
    expect(medium).toMatchObject({ type: 'audio/webm', uploaded: 0 })
    expect(await medium!.blob.text()).toBe('KARENS STEMME')
  })

  it('holds a change written while the work was being sealed too: nothing is left behind in the outbox', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'Første' })
    const hers = { owner: await ownerOf(karen), key: holdKey() }
    // The second change is written while the first is being encrypted (the form on screen saves).
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle)
    const spy = vi.spyOn(crypto.subtle, 'encrypt').mockImplementationOnce(async (...args) => {
      await writer.create(Note, { text: 'Anden, skrevet imens' })
      return encrypt(...args)
    })
    expect((await handOver(db, ANONYMOUS_OWNER, { from: hers })).held).toBe(2)
    expect(spy).toHaveBeenCalledTimes(2)
    spy.mockRestore()
    expect(await unsentCount(db)).toBe(0)
    expect(await heldCount(db, hers.owner)).toBe(2)
    expect((await handOver(db, hers.owner, { to: hers })).restored).toBe(2)
  })

  it('holds the work plainly when sealing fails, seals it right after, and signs out either way', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'Skrevet på en fuld tablet' })
    const hers = { owner: await ownerOf(karen), key: holdKey() }
    const said = vi.spyOn(console, 'error').mockImplementation(() => {})
    const encrypt = vi.spyOn(crypto.subtle, 'encrypt').mockRejectedValueOnce(new DOMException('The disk is full', 'QuotaExceededError'))
    expect(await handOver(db, ANONYMOUS_OWNER, { from: hers })).toEqual({ wiped: true, held: 1, restored: 0 })
    expect(said).toHaveBeenCalledWith('unsent work could not be sealed; it is held as it is', expect.anything())
    // The second try, after the move, sealed it.
    expect((await db.held.toArray()).map((row) => 'sealed' in row)).toEqual([true])
    expect(await everything()).not.toContain('fuld tablet')

    // When sealing cannot be done at all, the work is held plainly: kept, never lost.
    await handOver(db, hers.owner, { to: hers })
    encrypt.mockRejectedValue(new DOMException('The disk is full', 'QuotaExceededError'))
    expect((await handOver(db, ANONYMOUS_OWNER, { from: hers })).held).toBe(1)
    expect((await db.held.toArray()).map((row) => 'entry' in row)).toEqual([true])
    encrypt.mockRestore()
    said.mockRestore()
    expect((await handOver(db, hers.owner, { to: hers })).restored).toBe(1)
  })

  it('does not open sealed work moved under another owner, even with the right key', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'Karens' })
    const hers = { owner: await ownerOf(karen), key: holdKey() }
    await handOver(db, ANONYMOUS_OWNER, { from: hers })
    const leneOwner = await ownerOf(lene)
    await db.held.toCollection().modify({ owner: leneOwner })
    const said = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await handOver(db, leneOwner, { to: { owner: leneOwner, key: hers.key } })).restored).toBe(0)
    said.mockRestore()
    expect(await db.held.count()).toBe(1)
  })

  it('keeps sealed work held when the key does not open it, and opens it with the right one later', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'Noget Karen skrev' })
    const hers = { owner: await ownerOf(karen), key: holdKey() }
    await handOver(db, ANONYMOUS_OWNER, { from: hers })

    const said = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await handOver(db, hers.owner, { to: { ...hers, key: holdKey() } })).restored).toBe(0)
    expect(said).toHaveBeenCalledWith('held work did not open with this person’s key; it stays held', expect.anything())
    said.mockRestore()
    expect(await db.held.count()).toBe(1)
    await handOver(db, ANONYMOUS_OWNER)
    expect((await handOver(db, hers.owner, { to: hers })).restored).toBe(1)
  })

  it('never seals one person’s work with another person’s key: the key must be for the database’s owner', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'Karens note' })
    await handOver(db, ANONYMOUS_OWNER, { from: { owner: await ownerOf(lene), key: holdKey() } })
    const [row] = await db.held.toArray()
    expect(row && 'entry' in row ? row.entry.patch : null).toEqual({ text: 'Karens note' })
  })

  it('seals at sign-out through changeDevice with the key the server gave the person', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'Skrevet før Skift person' })
    const stores = { localStorage: new MemoryStorage(), sessionStorage: new MemoryStorage() }
    await changeDevice({ db, engine: { invalidate() {} }, stores, from: karen, to: { kind: 'anonymous' } })
    expect(await everything()).not.toContain('Skrevet før')
    expect(await heldCount(db, await ownerOf(karen))).toBe(1)
    const back = await changeDevice({ db, engine: { invalidate() {} }, stores, from: { kind: 'anonymous' }, to: karen })
    expect(back.restored).toBe(1)
  })

  it('leaves a sealed ballot in the outbox for whoever comes next, and never asks about it at sign-out', async () => {
    const Ballot = defineSyncCommand<{ envelope: string }>({ name: 'test-ballot', schema: Type.Object({ envelope: Type.String() }) })
    const unregister = registerUnownedWork(Ballot.name)
    try {
      await signIn(karen)
      await writer.send(Ballot, { envelope: 'sealed' })
      await writer.create(Note, { text: 'Karens egen note' })
      expect(await unsentCount(db)).toBe(1)

      expect(await handOver(db, ANONYMOUS_OWNER)).toEqual({ wiped: true, held: 1, restored: 0 })
      const left = await db.outbox.toArray()
      expect(left.map((e) => e.entity)).toEqual(['test-ballot'])
      expect(left[0]!.patch).toEqual({ envelope: 'sealed' })
      expect((await db.held.toArray()).map((h) => ('entry' in h ? h.entry.entity : 'sealed'))).toEqual(['note'])
      expect(await unsentCount(db)).toBe(0)
    } finally {
      unregister()
    }
  })
})

describe('signing out', () => {
  it('tries to send first and counts what is still not on the server', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'a' })
    await writer.create(Note, { text: 'b' })
    let pushes = 0
    const offline = {
      pushAll: async () => {
        pushes += 1
        throw new Error('offline')
      },
      invalidate() {},
    }
    expect(await sendWhatWaits({ db, engine: offline })).toBe(2)
    expect(pushes).toBe(1)
    const sent = { pushAll: async () => void (await db.outbox.clear()), invalidate() {} }
    expect(await sendWhatWaits({ db, engine: sent })).toBe(0)
    // Nothing waiting: nothing is pushed at all.
    const mustNotPush = {
      pushAll: async () => {
        throw new Error('must not push')
      },
      invalidate() {},
    }
    expect(await sendWhatWaits({ db, engine: mustNotPush })).toBe(0)
  })

  it('wipes the database, storage and runtime caches but keeps settings, the app shell and unsent work', async () => {
    await signIn(karen)
    await writer.create(Note, { text: 'ikke sendt' })
    const local = new MemoryStorage()
    const session = new MemoryStorage()
    const caches = new MemoryCaches()
    local.setItem(SETTINGS_KEY, '{"textSize":"large"}')
    local.setItem('brugerstemme.session.v1', JSON.stringify(karen))
    local.setItem('brugerstemme.follows.v1', '["c1"]')
    local.setItem('brugerstemme.draft.item.m1.ny', '{"title":"Karens forslag"}')
    session.setItem('draft', 'Karen')
    caches.names = new Set(['workbox-precache-v2-http://localhost/', 'photos'])
    let invalidated = false
    let told = false

    const result = await changeDevice({
      db,
      engine: { invalidate: () => void (invalidated = true) },
      signOutOnServer: async () => void (told = true),
      stores: { localStorage: local, sessionStorage: session, caches: caches as unknown as CacheStorage },
      from: karen,
      to: { kind: 'anonymous' },
    })

    expect(invalidated && told).toBe(true)
    expect(result).toMatchObject({ fresh: true, wiped: true, held: 1 })
    expect(local.dump()).toEqual({ [SETTINGS_KEY]: '{"textSize":"large"}' })
    expect(session.length).toBe(0)
    expect([...caches.names]).toEqual(['workbox-precache-v2-http://localhost/'])
    expect(await db.records.count()).toBe(0)
    expect(await db.held.count()).toBe(1)
  })

  it('offline, still wipes the device and remembers to tell the server later', async () => {
    await signIn(karen)
    const local = new MemoryStorage()
    local.setItem('brugerstemme.session.v1', JSON.stringify(karen))
    await changeDevice({
      db,
      engine: { invalidate() {} },
      signOutOnServer: () => Promise.reject(new Error('offline')),
      stores: { localStorage: local, sessionStorage: new MemoryStorage() },
      from: karen,
      to: { kind: 'anonymous' },
    })
    expect(local.dump()).toEqual({ [PENDING_SIGN_OUT_KEY]: '1' })
    expect(await everything()).not.toContain('Karen')
  })

  it('once the server has heard the sign-out, nothing is left pending, even when nothing needed wiping', async () => {
    // identity.ts marks the sign-out pending before it asks the server (other tabs follow at once).
    const local = new MemoryStorage()
    local.setItem(PENDING_SIGN_OUT_KEY, '1')
    const result = await changeDevice({
      db,
      engine: { invalidate() {} },
      signOutOnServer: async () => undefined,
      stores: { localStorage: local, sessionStorage: new MemoryStorage() },
      from: { kind: 'anonymous' },
      to: { kind: 'anonymous' },
    })
    expect(result.fresh).toBe(false)
    expect(local.dump()).toEqual({})
  })

  it('a wipe keeps a sign-out the server has not heard yet: another tab may have begun it', async () => {
    await signIn(karen)
    const local = new MemoryStorage()
    local.setItem('brugerstemme.session.v1', JSON.stringify(karen))
    local.setItem(PENDING_SIGN_OUT_KEY, '1')
    local.setItem('brugerstemme.draft.meeting.new.c1', '{"title":"Karens møde"}')
    const result = await changeDevice({ db, engine: { invalidate() {} }, stores: { localStorage: local, sessionStorage: new MemoryStorage() }, from: karen, to: { kind: 'anonymous' } })
    expect(result.fresh).toBe(true)
    expect(local.dump()).toEqual({ [PENDING_SIGN_OUT_KEY]: '1' })
  })

  it('a page that still shows Karen wipes her drafts even when the database was handed over already', async () => {
    // Another tab, or an earlier start, emptied the database; her draft in localStorage is not in it.
    await signIn(karen)
    await handOver(db, ANONYMOUS_OWNER)
    const local = new MemoryStorage()
    local.setItem('brugerstemme.session.v1', JSON.stringify(karen))
    local.setItem('brugerstemme.draft.meeting.new.c1', '{"title":"Karens møde"}')
    const result = await changeDevice({
      db,
      engine: { invalidate() {} },
      stores: { localStorage: local, sessionStorage: new MemoryStorage() },
      from: karen,
      to: { kind: 'anonymous' },
      keep: ['brugerstemme.session.v1'],
    })
    expect(result).toMatchObject({ fresh: true, wiped: false })
    // The session key is the caller's to overwrite next (other tabs then see one change, not two).
    expect(local.dump()).toEqual({ 'brugerstemme.session.v1': JSON.stringify(karen) })
  })

  it('signing in on an anonymous device keeps what it has, and the same person again changes nothing', async () => {
    const local = new MemoryStorage()
    local.setItem('brugerstemme.draft.item.m1.ny', '{"title":"offentlig"}')
    let invalidations = 0
    const deps = { db, engine: { invalidate: () => void (invalidations += 1) }, stores: { localStorage: local, sessionStorage: new MemoryStorage() } }
    expect(await changeDevice({ ...deps, from: { kind: 'anonymous' }, to: karen })).toMatchObject({ fresh: false, wiped: false })
    expect(invalidations).toBe(1)
    expect(await changeDevice({ ...deps, from: karen, to: { ...karen, councilIds: ['c1'] } })).toMatchObject({ fresh: false, wiped: false })
    expect(invalidations).toBe(1)
    expect(local.length).toBe(1)
    // Someone else: Karen's part goes.
    expect(await changeDevice({ ...deps, from: karen, to: lene })).toMatchObject({ fresh: true })
    expect(local.length).toBe(0)
  })

  it('leaves only the settings in localStorage even with keys it does not know', async () => {
    const local = new MemoryStorage()
    local.setItem(SETTINGS_KEY, 'x')
    local.setItem('something-else', 'Karen')
    await wipeBrowserStorage({ localStorage: local, sessionStorage: new MemoryStorage() })
    expect(local.dump()).toEqual({ [SETTINGS_KEY]: 'x' })
  })
})
