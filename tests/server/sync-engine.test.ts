import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discardOutboxEntry } from '../../src/app/sync/engine.js'
import { openDatabase } from '../../src/server/db/database.js'
import { buildTestServer } from './helpers.js'
import { Device, injectTransport } from './sync-devices.js'
import { TestNote, testRegistry } from './sync-fixture.js'

type App = Awaited<ReturnType<typeof buildTestServer>>

describe('the device sync engine against the real server', () => {
  let app: App
  let online = true
  const transport = injectTransport(() => (online ? app : null))

  beforeAll(async () => {
    app = await buildTestServer(await openDatabase({ kind: 'pglite', dataDir: null }), { syncRegistry: testRegistry() })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it('keeps what is written offline in the outbox and delivers it once when back online', async () => {
    const phone = new Device('phone', transport, ['council:e1'])
    online = false
    const id = await phone.writer.create(TestNote, { councilId: 'e1', title: 'Bålaften', text: 'Kan vi lave bål?' })
    await expect(phone.engine.syncOnce()).rejects.toThrow(/server is down/)
    expect(await phone.db.outbox.count()).toBe(1)
    await phone.restart()
    expect(await phone.db.outbox.count()).toBe(1)

    online = true
    await phone.engine.syncOnce()
    await phone.engine.syncOnce()
    expect(await phone.db.outbox.count()).toBe(0)
    const [record] = await phone.records('test-note')
    expect(record).toMatchObject({ id, pending: 0, data: { title: 'Bålaften' } })
    expect(record!.version).toBeGreaterThan(0)

    const tablet = new Device('tablet', transport, ['council:e1'])
    await tablet.engine.syncOnce()
    expect((await tablet.records('test-note')).map((r) => r.data)).toEqual([record!.data])
  })

  it('sends records with large media in several pushes, each small enough for the server', async () => {
    let pushes = 0
    const counting = { ...transport, push: (request: Parameters<typeof transport.push>[0]) => (pushes++, transport.push(request)) }
    const camera = new Device('camera', counting, ['council:media'])
    // Ten 900 kB records: 9 MB together, more than one push body may carry.
    for (let i = 0; i < 10; i++) await camera.writer.create(TestNote, { councilId: 'media', title: `Foto ${i}`, text: '', media: 'x'.repeat(900_000) })
    await camera.engine.pushAll()
    expect(await camera.db.outbox.count()).toBe(0)
    expect(pushes).toBe(5)
  })

  it('never lets a pull take back an edit that is still waiting to be sent', async () => {
    const a = new Device('a', transport, ['council:e2'])
    const b = new Device('b', transport, ['council:e2'])
    const id = await a.writer.create(TestNote, { councilId: 'e2', title: 'Mad', text: 'Mere grønt' })
    await a.engine.syncOnce()
    await b.engine.syncOnce()

    await b.writer.update(TestNote, id, { title: 'Maden' })
    await a.writer.update(TestNote, id, { votes: 4 })
    await a.engine.syncOnce()
    // b pulls a's change while its own edit is unsent: both must show.
    await b.engine.pullAll()
    const [seen] = await b.records('test-note')
    expect(seen).toMatchObject({ pending: 1, data: { title: 'Maden', votes: 4 } })
    await b.engine.syncOnce()
    await a.engine.syncOnce()
    expect((await a.records('test-note'))[0]!.data).toEqual((await b.records('test-note'))[0]!.data)
  })

  it('keeps a rejected change with its reason until the person fixes or discards it', async () => {
    const device = new Device('r', transport, ['council:e3'])
    await device.writer.create(TestNote, { councilId: 'e3', title: '', text: 'Ingen titel' })
    await device.engine.syncOnce()
    const [entry] = await device.db.outbox.toArray()
    expect(entry).toMatchObject({ state: 'rejected', code: 'invalid' })
    expect(entry!.reason).toMatch(/title/)
    expect(entry!.patch).toMatchObject({ text: 'Ingen titel' })
    // Nothing of it reached the server, and the device still shows the person's words.
    const pulled = await app.inject({ method: 'GET', url: '/api/sync/pull?since=0&scopes=council:e3&protocolVersion=1' })
    expect(pulled.json().changes).toEqual([])
    expect((await device.records('test-note'))[0]!.data).toMatchObject({ text: 'Ingen titel' })
  })

  it('pulls deletions made elsewhere', async () => {
    const a = new Device('da', transport, ['council:e4'])
    const b = new Device('db', transport, ['council:e4'])
    const id = await a.writer.create(TestNote, { councilId: 'e4', title: 'Slet mig', text: '' })
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    expect(await b.records('test-note')).toHaveLength(1)
    await a.writer.remove(TestNote, id)
    await a.engine.syncOnce()
    await b.engine.syncOnce()
    expect(await b.records('test-note')).toEqual([])
  })
})

describe('discarding a refused change', () => {
  let app: App
  const transport = injectTransport(() => app)

  beforeAll(async () => {
    app = await buildTestServer(await openDatabase({ kind: 'pglite', dataDir: null }), { syncRegistry: testRegistry() })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it('removes a never-accepted record, and restores the server copy under a refused edit', async () => {
    const device = new Device('discard', transport, ['council:x1', 'council:locked'])
    // A new record the server refuses: discarding it leaves nothing behind.
    await device.writer.create(TestNote, { councilId: 'x1', title: '', text: 'tom titel' })
    await device.engine.syncOnce()
    const [refused] = await device.db.outbox.toArray()
    expect(refused!.state).toBe('rejected')
    await discardOutboxEntry(device.db, refused!.seq!)
    expect(await device.records('test-note')).toEqual([])
    expect(await device.db.outbox.count()).toBe(0)

    // An accepted record, then an edit the server refuses: discarding shows the server's text again.
    const id = await device.writer.create(TestNote, { councilId: 'x1', title: 'God titel', text: 'Original' })
    await device.engine.syncOnce()
    await device.writer.update(TestNote, id, { title: '' })
    expect((await device.records('test-note'))[0]!.data.title).toBe('')
    await device.engine.syncOnce()
    const [badEdit] = await device.db.outbox.toArray()
    expect(badEdit).toMatchObject({ state: 'rejected', code: 'invalid' })
    await discardOutboxEntry(device.db, badEdit!.seq!)
    expect((await device.records('test-note'))[0]).toMatchObject({ id, pending: 0, data: { title: 'God titel', text: 'Original' } })
  })

  it('brings back a record whose refused delete is discarded', async () => {
    const device = new Device('undelete', transport, ['council:x2'])
    const id = await device.writer.create(TestNote, { councilId: 'x2', title: 'Bliv', text: 'her' })
    await device.engine.syncOnce()
    await device.writer.remove(TestNote, id)
    expect(await device.records('test-note')).toEqual([])
    const [entry] = await device.db.outbox.toArray()
    await discardOutboxEntry(device.db, entry!.seq!)
    expect((await device.records('test-note')).map((r) => r.data)).toEqual([{ councilId: 'x2', title: 'Bliv', text: 'her' }])
  })
})
