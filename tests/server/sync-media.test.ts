import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { media } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { runSyncHousekeeping } from '../../src/server/sync/housekeeping.js'
import { emptyAgendaItem, type AgendaItemData } from '../../src/shared/meetings/entities.js'
import type { MutationResult } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest, meetingData } from './helpers.js'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
/** Enough of a JPEG for the server's check of the first bytes. */
const jpeg = (fill: number, size = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, fill)])

/** Photos and recordings: uploaded once, checked, served only to those who may read a record naming them. */
describe.each(databasesUnderTest())('media on $name', (target) => {
  let database: Database
  let w: World
  let secretary: string
  let member: string

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database, { registry: createSyncRegistry() })
    secretary = await w.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
    member = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
  })
  afterAll(async () => {
    await w.app.close()
  })

  const upload = (bytes: Buffer, type: string, cookie: string | null = secretary, name = sha(bytes)) =>
    w.call('PUT', `/api/media/${name}`, { cookie, payload: bytes, headers: { 'content-type': type } })

  const push = async (mutations: object[]): Promise<MutationResult[]> =>
    (await w.call('POST', '/api/sync/push', { cookie: secretary, payload: { clientId: uuidv7(), protocolVersion: 1, mutations } })).json().results

  it('stores a photo once, whoever sends it how often, named by the SHA-256 of its bytes', async () => {
    const photo = jpeg(1)
    const first = await upload(photo, 'image/jpeg')
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toEqual({ sha256: sha(photo), type: 'image/jpeg', bytes: photo.length, created: true })
    const again = await upload(photo, 'image/jpeg', member)
    expect(again.json()).toMatchObject({ created: false })
    expect(await database.db.select({ sha256: media.sha256 }).from(media).where(eq(media.sha256, sha(photo)))).toHaveLength(1)
  })

  it.each([
    ['bytes that do not match the name', () => upload(jpeg(2), 'image/jpeg', secretary, sha(jpeg(3))), 400, 'hash_mismatch'],
    ['a type that is no photo or recording', () => upload(Buffer.from('<html>'), 'text/html'), 415, 'unsupported_media_type'],
    ['a web page that says it is a photo', () => upload(Buffer.from('<html><script>alert(1)</script>'), 'image/jpeg'), 415, 'media_type_mismatch'],
    ['a photo that is too large', () => upload(jpeg(4, 1024 * 1024 + 10), 'image/jpeg'), 413, 'media_too_large'],
    ['nobody signed in', () => upload(jpeg(5), 'image/jpeg', null), 401, 'not_signed_in'],
  ])('refuses %s with a clear 4xx and keeps nothing', async (_name, send, status, code) => {
    const before = (await database.db.select({ sha256: media.sha256 }).from(media)).length
    const reply = await send()
    expect(reply.statusCode, reply.body).toBe(status)
    expect(reply.json().code).toBe(code)
    expect(reply.json().message).toMatch(/\w+ \w+/)
    expect((await database.db.select({ sha256: media.sha256 }).from(media)).length).toBe(before)
  })

  it('serves a photo only to those who may read a record naming it, and refuses a record naming one it lacks', async () => {
    const photo = jpeg(6)
    const meetingId = uuidv7()
    const item = (extra: Partial<AgendaItemData>): AgendaItemData => ({ ...emptyAgendaItem(w.ids.councilId, meetingId, 1), title: 'Lukket punkt', closed: true, ...extra })
    const meeting = meetingData(w.ids.councilId, { date: '2027-02-01', startTime: null, endTime: null, place: '' })
    const ref = { sha256: sha(photo), type: 'image/jpeg', bytes: photo.length }
    const missing = await push([
      { id: uuidv7(), entity: 'meeting', entityId: meetingId, op: 'put', patch: meeting, baseVersion: null },
      { id: uuidv7(), entity: 'agenda-item', entityId: uuidv7(), op: 'put', patch: item({ photo: ref }), baseVersion: null },
    ])
    // Not refused for good: the device keeps it waiting and uploads the photo first.
    expect(missing[1]).toMatchObject({ status: 'rejected', code: 'media_missing' })

    await upload(photo, 'image/jpeg')
    const itemId = uuidv7()
    const stored = await push([{ id: uuidv7(), entity: 'agenda-item', entityId: itemId, op: 'put', patch: item({ photo: ref }), baseVersion: null }])
    expect(stored[0]).toMatchObject({ status: 'applied' })

    const url = `/api/media/${ref.sha256}`
    const forMember = await w.call('GET', url, { cookie: member })
    expect(forMember.statusCode).toBe(200)
    expect(forMember.headers['content-type']).toBe('image/jpeg')
    expect(forMember.headers['cache-control']).toBe('no-store')
    expect(Buffer.from(forMember.rawPayload)).toEqual(photo)
    // The public sees only the closed item's place on the agenda, so not its photo, and is not told it exists.
    const forPublic = await w.call('GET', url)
    expect(forPublic.statusCode).toBe(404)
    expect((await w.call('GET', `/api/media/${sha(jpeg(99))}`)).json()).toEqual(forPublic.json())

    await push([{ id: uuidv7(), entity: 'agenda-item', entityId: itemId, op: 'patch', patch: { closed: false }, baseVersion: null }])
    expect((await w.call('GET', url)).statusCode).toBe(200)
  })

  it('removes media no record names any more, after a day in which their record may still arrive', async () => {
    const orphan = jpeg(7)
    await upload(orphan, 'image/jpeg')
    const now = new Date()
    expect((await runSyncHousekeeping(database.db, now, 30)).media).toBe(0)
    const removed = await runSyncHousekeeping(database.db, new Date(now.getTime() + 25 * 3_600_000), 30)
    expect(removed.media).toBeGreaterThanOrEqual(1)
    expect(await database.db.select().from(media).where(eq(media.sha256, sha(orphan)))).toEqual([])
    // A photo a record still names stays.
    expect((await database.db.select({ sha256: media.sha256 }).from(media).where(eq(media.sha256, sha(jpeg(6)))))).toHaveLength(1)
  })
})
