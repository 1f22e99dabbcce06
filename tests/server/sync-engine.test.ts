import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { discardOutboxEntry } from '../../src/app/sync/engine.js'
import { storeMedium } from '../../src/app/sync/media-store.js'
import { buildTestServer, openMigratedPglite, signedInCookie } from './helpers.js'
import { Device, injectTransport } from './sync-devices.js'
import { TestNote, testRegistry } from './sync-fixture.js'

type App = Awaited<ReturnType<typeof buildTestServer>>

/** Bytes that start like a WebM recording, as the server checks. */
function recording(size: number, seed: number): Blob {
  const bytes = new Uint8Array(size)
  bytes.set([0x1a, 0x45, 0xdf, 0xa3])
  for (let i = 4; i < size; i++) bytes[i] = (i * 31 + seed) % 251
  return new Blob([bytes], { type: 'audio/webm;codecs=opus' })
}

describe('the device sync engine against the real server', () => {
  let app: App
  let online = true
  let cookie = ''
  const transport = injectTransport(() => (online ? app : null), () => ({ cookie }))

  beforeAll(async () => {
    const database = await openMigratedPglite()
    app = await buildTestServer(database, { syncRegistry: testRegistry() })
    await app.ready()
    cookie = await signedInCookie(database)
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

  it('uploads a recording once, before the records naming it, and later sends only what changed', async () => {
    const uploads: string[] = []
    const pushBodies: number[] = []
    const counting = {
      ...transport,
      uploadMedium: (medium: Parameters<typeof transport.uploadMedium>[0]) => (uploads.push(medium.sha256), transport.uploadMedium(medium)),
      push: (request: Parameters<typeof transport.push>[0]) => (pushBodies.push(JSON.stringify(request).length), transport.push(request)),
    }
    const camera = new Device('camera', counting, ['council:media'])
    const voice = recording(600_000, 1)
    const media = await storeMedium(camera.db, voice)
    expect(media).toMatchObject({ type: 'audio/webm', bytes: 600_000 })
    const first = await camera.writer.create(TestNote, { councilId: 'media', title: 'Oplæsning', text: '', media })
    await camera.writer.create(TestNote, { councilId: 'media', title: 'Samme stemme', text: '', media })
    await camera.engine.pushAll()
    expect(uploads).toEqual([media.sha256])
    expect(await camera.db.outbox.count()).toBe(0)
    expect(Math.max(...pushBodies)).toBeLessThan(2048)

    // A change to a record that names a recording sends the change, not the recording.
    pushBodies.length = 0
    await camera.writer.update(TestNote, first, { votes: 3 })
    await camera.engine.pushAll()
    expect(uploads).toHaveLength(1)
    expect(pushBodies).toHaveLength(1)
    expect(pushBodies[0]).toBeLessThan(2048)

    // Another device pulls small records and fetches the recording on its own, byte for byte.
    const phone = new Device('phone-media', transport, ['council:media'])
    await phone.engine.syncOnce()
    const kept = await phone.db.media.get(media.sha256)
    expect(kept).toMatchObject({ bytes: 600_000, uploaded: 1, type: 'audio/webm' })
    expect(new Uint8Array(await kept!.blob.arrayBuffer())).toEqual(new Uint8Array(await voice.arrayBuffer()))
  })

  it('keeps a record waiting, not refused, when its medium never reached the server', async () => {
    const device = new Device('lost-media', transport, ['council:media2'])
    const media = await storeMedium(device.db, recording(1_000, 2))
    await device.writer.create(TestNote, { councilId: 'media2', title: 'Uden lyd', text: '', media })
    // As if the upload had been made and then lost: the device believes the server has it.
    await device.db.media.update(media.sha256, { uploaded: 1 })
    await device.engine.pushAll()
    expect(await device.db.outbox.toArray()).toMatchObject([{ state: 'pending' }])
    expect((await device.db.media.get(media.sha256))!.uploaded).toBe(0)
    await device.engine.pushAll()
    expect(await device.db.outbox.count()).toBe(0)
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

  /**
   * A phone and a tablet share a note; the tablet changes it (`tabletChange`) and sends it. The
   * phone, which has not pulled since, sends `phoneFirst` and is answered, then the connection
   * drops before it pulls, and the person rewrites the text: that must conflict with the tablet's.
   */
  async function rewriteUnseenText(council: string, tabletChange: Record<string, string>, phoneFirst: Record<string, string>) {
    const phone = new Device(`${council}-phone`, transport, [`council:${council}`])
    const tablet = new Device(`${council}-tablet`, transport, [`council:${council}`])
    const id = await phone.writer.create(TestNote, { councilId: council, title: 'Tur', text: 'Vi tager til skoven' })
    await phone.engine.syncOnce()
    await tablet.engine.syncOnce()
    await tablet.writer.update(TestNote, id, tabletChange)
    await tablet.engine.syncOnce()
    await phone.writer.update(TestNote, id, phoneFirst)
    await phone.engine.pushAll()
    await phone.writer.update(TestNote, id, { text: 'Vi tager til søen' })
    await phone.engine.pushAll()
    expect(await phone.db.outbox.toArray()).toMatchObject([{ state: 'conflict', fields: ['text'] }])
    return tablet
  }

  it('never lets an edit overwrite a text changed elsewhere that this device had not pulled, though its own earlier change was answered', async () => {
    const tablet = await rewriteUnseenText('e2b', { text: 'Vi tager til stranden' }, { title: 'Sommertur' })
    await tablet.engine.syncOnce()
    expect((await tablet.records('test-note'))[0]!.data).toMatchObject({ title: 'Sommertur', text: 'Vi tager til stranden' })
  })

  it('does not take the version of an answered change that altered nothing as its own', async () => {
    // The phone sets the title the tablet already set: answered with the tablet's version.
    await rewriteUnseenText('e2d', { title: 'Sommertur', text: 'Vi tager til stranden' }, { title: 'Sommertur' })
  })

  it('sends an edit written while its record\'s creation was on the way as the device\'s own, not a conflict', async () => {
    const phone = new Device('own-3', transport, ['council:e2c'])
    const id = await phone.writer.create(TestNote, { councilId: 'e2c', title: 'Tur', text: 'Første udkast' })
    // The creation is answered but not yet pulled back when the person edits the text.
    await phone.engine.pushAll()
    await phone.writer.update(TestNote, id, { text: 'Andet udkast' })
    await phone.engine.syncOnce()
    expect(await phone.db.outbox.count()).toBe(0)
    expect((await phone.records('test-note'))[0]).toMatchObject({ pending: 0, data: { text: 'Andet udkast' } })
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
    const pulled = await app.inject({ method: 'GET', url: '/api/sync/pull?since=0&scopes=council:e3&protocolVersion=1', headers: { cookie } })
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
  let cookie = ''
  const transport = injectTransport(() => app, () => ({ cookie }))

  beforeAll(async () => {
    const database = await openMigratedPglite()
    app = await buildTestServer(database, { syncRegistry: testRegistry() })
    await app.ready()
    cookie = await signedInCookie(database)
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
