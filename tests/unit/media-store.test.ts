import { createHash } from 'node:crypto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { createLocalDb, type LocalDb } from '../../src/app/sync/local-db.js'
import { convertLegacyMedia, mediaToUpload, removeUnusedMedia, storeMedium } from '../../src/app/sync/media-store.js'
import { mediaRefsIn } from '../../src/shared/sync/media.js'

let db: LocalDb
beforeEach(async () => {
  db = createLocalDb(`media-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  await db.open()
})

const bytes = [0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]
const photo = () => new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' })

describe('media on the device', () => {
  it('names a photo by the SHA-256 of its bytes and keeps it once, waiting to be uploaded', async () => {
    const ref = await storeMedium(db, photo())
    expect(ref).toEqual({ sha256: createHash('sha256').update(Buffer.from(bytes)).digest('hex'), type: 'image/jpeg', bytes: bytes.length })
    await storeMedium(db, photo())
    expect(await db.media.count()).toBe(1)
    expect(await db.media.get(ref.sha256)).toMatchObject({ uploaded: 0 })
    await expect(storeMedium(db, new Blob(['<html>'], { type: 'text/html' }))).rejects.toThrow(/text\/html/)
  })

  it('stores a recording under its type without parameters', async () => {
    const ref = await storeMedium(db, new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])], { type: 'audio/webm;codecs=opus' }))
    expect(ref.type).toBe('audio/webm')
  })

  it('finds the media an unsent change names that the server does not have yet', async () => {
    const ref = await storeMedium(db, photo())
    const entry = { mutationId: 'm', entity: 'x', entityId: 'y', op: 'put' as const, patch: { list: [{ photo: ref }] }, baseVersion: null, createdAt: 0, state: 'pending' as const }
    expect((await mediaToUpload(db, [entry])).map((m) => m.sha256)).toEqual([ref.sha256])
    await db.media.update(ref.sha256, { uploaded: 1 })
    expect(await mediaToUpload(db, [entry])).toEqual([])
  })

  it('removes only media nothing names', async () => {
    const kept = await storeMedium(db, photo())
    const dropped = await storeMedium(db, new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' }))
    await db.records.put({ entity: 'x', id: '1', scope: 'council:c', data: { photo: kept }, base: null, version: 1, pending: 0 })
    expect(await removeUnusedMedia(db)).toBe(1)
    expect(await db.media.get(dropped.sha256)).toBeUndefined()
    expect(await db.media.get(kept.sha256)).toBeDefined()
  })

  it('turns photos in unsent changes from an older app into media and references', async () => {
    const dataUrl = `data:image/jpeg;base64,${Buffer.from(bytes).toString('base64')}`
    await db.outbox.add({ mutationId: 'm1', entity: 'agenda-item', entityId: 'i1', op: 'patch', patch: { photo: dataUrl, title: 'Uændret' }, baseVersion: 3, createdAt: 0, state: 'pending' })
    expect(await convertLegacyMedia(db)).toBe(1)
    const [entry] = await db.outbox.toArray()
    expect(entry!.patch.title).toBe('Uændret')
    const [ref] = mediaRefsIn(entry!.patch)
    expect(ref).toMatchObject({ type: 'image/jpeg', bytes: bytes.length })
    expect(await db.media.get(ref!.sha256)).toMatchObject({ uploaded: 0 })
    expect(await convertLegacyMedia(db)).toBe(0)
  })
})
