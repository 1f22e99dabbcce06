import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { syncConflicts } from '../../src/server/db/schema.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_ACCOUNTS } from '../../src/server/demo/accounts.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { councilScope } from '../../src/shared/accounts/entities.js'
import type { Me } from '../../src/shared/accounts/model.js'
import { emptyAgendaItem, withheldItem, type AgendaItemData } from '../../src/shared/meetings/entities.js'
import { SYNC_PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildTestServer, databasesUnderTest, meetingData } from './helpers.js'

const origin = { origin: 'http://localhost' }

describe.each(databasesUnderTest())('meetings through sync on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildTestServer>>
  let solbakken: string
  let other: string
  const cookies: Record<string, string> = {}

  async function signIn(who: string, url: string, payload: object): Promise<void> {
    const response = await app.inject({ method: 'POST', url, payload, headers: origin })
    expect(response.statusCode).toBe(200)
    cookies[who] = String(response.headers['set-cookie']).split(';')[0]!
  }

  const push = async (who: string | null, mutations: unknown[]) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { ...origin, ...(who ? { cookie: cookies[who]! } : {}) },
      payload: { clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations },
    })
    expect(response.statusCode).toBe(200)
    return response.json<PushResponse>().results
  }

  const pull = async (who: string | null, councilId: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/sync/pull?since=0&scopes=${councilScope(councilId)}&protocolVersion=${SYNC_PROTOCOL_VERSION}`,
      headers: who ? { cookie: cookies[who]! } : {},
    })
    expect(response.statusCode).toBe(200)
    return response.json<PullResponse>().changes
  }

  const meeting = (councilId: string, published: boolean) => meetingData(councilId, { title: 'Møde i brugerrådet', published })

  const item = (councilId: string, meetingId: string, extra: Partial<AgendaItemData> = {}): AgendaItemData => ({
    ...emptyAgendaItem(councilId, meetingId, 1),
    title: 'Maden i huset',
    easyTitle: 'Maden',
    easyText: 'Vi taler om maden.',
    expectedMinutes: 15,
    question: 'Hvad synes du om maden?',
    ...extra,
  })

  const put = (entity: string, entityId: string, patch: object) => ({ id: uuidv7(), entity, entityId, op: 'put', patch, baseVersion: null })

  beforeAll(async () => {
    database = await target.open()
    const registry = createSyncRegistry()
    await seedDemoIfEmpty(database.db, registry)
    app = await buildTestServer(database, { syncRegistry: registry })
    await signIn('secretary', '/api/auth/staff', DEMO_ACCOUNTS.secretary)
    await signIn('member', '/api/auth/card', { code: DEMO_ACCOUNTS.memberCard })
    await signIn('relative', '/api/auth/card', { code: DEMO_ACCOUNTS.relativeCard })
    const me = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies.secretary! } })).json<Me>()
    if (me.kind !== 'person') throw new Error('secretary is not signed in')
    solbakken = me.staffCouncilIds[0]!
    const councils = await app.inject({ method: 'GET', url: `/api/sync/pull?since=0&scopes=public:councils&protocolVersion=${SYNC_PROTOCOL_VERSION}` })
    other = councils.json<PullResponse>().changes.map((c) => c.entityId).find((id) => id !== solbakken)!
  })

  afterAll(async () => {
    await app?.close()
  })

  it('a secretary writes meetings of their own council only; nobody else writes at all', async () => {
    const mine = uuidv7()
    const theirs = uuidv7()
    const results = await push('secretary', [put('meeting', mine, meeting(solbakken, false)), put('meeting', theirs, meeting(other, false))])
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected'])
    expect(results[1]).toMatchObject({ code: 'forbidden' })
    const anonymousMutation = put('meeting', uuidv7(), meeting(solbakken, true))
    const anonymous = await push(null, [anonymousMutation])
    const member = await push('member', [put('meeting', uuidv7(), meeting(solbakken, true))])
    expect(member[0]).toMatchObject({ status: 'rejected', code: 'forbidden' })
    // Nobody signed in: the change waits for its author rather than being refused for good,
    // so the same mutation is judged again once they are back (it is not remembered).
    expect(anonymous[0]).toMatchObject({ status: 'rejected', code: 'not_signed_in' })
    const again = await push('secretary', [{ ...anonymousMutation }])
    expect(again[0]!.status).toBe('applied')
  })

  it('lets a later change of an item wait with its creation while nobody is signed in, and applies both once someone is', async () => {
    // Written offline by a secretary whose session ended meanwhile: the device sends before it knows.
    const meetingId = uuidv7()
    const itemId = uuidv7()
    const created = [put('meeting', meetingId, meeting(solbakken, false)), put('agenda-item', itemId, item(solbakken, meetingId))]
    const edited = { id: uuidv7(), entity: 'agenda-item', entityId: itemId, op: 'patch', patch: { easyText: 'Vi taler om maden og kaffen.' }, baseVersion: null }
    const waiting = await push(null, [...created, edited])
    expect(waiting.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'not_signed_in'],
      ['rejected', 'not_signed_in'],
      ['rejected', 'not_signed_in'],
    ])
    const sent = await push('secretary', [...created, edited])
    expect(sent.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const stored = (await pull('secretary', solbakken)).find((c) => c.entityId === itemId)
    expect(stored?.data).toMatchObject({ easyText: 'Vi taler om maden og kaffen.' })
  })

  it('a draft is seen by its staff only; once published, by everyone, closed items only as their place on the agenda', async () => {
    const meetingId = uuidv7()
    const open = uuidv7()
    const closed = uuidv7()
    await push('secretary', [
      put('meeting', meetingId, meeting(solbakken, false)),
      put('agenda-item', open, item(solbakken, meetingId)),
      put('agenda-item', closed, item(solbakken, meetingId, { closed: true, title: 'Personsag' })),
    ])
    const dataOf = (changes: PullResponse['changes'], id: string) => changes.find((c) => c.entityId === id)?.data ?? null

    // Drafts are not even told to exist: no record, not a deletion.
    const draftForPublic = await pull(null, solbakken)
    expect(draftForPublic.filter((c) => [meetingId, open, closed].includes(c.entityId))).toEqual([])
    const draftForStaff = await pull('secretary', solbakken)
    expect(dataOf(draftForStaff, open)).toMatchObject({ title: 'Maden i huset' })

    // Publishing the meeting alone makes its items public: they follow it.
    const publish = await push('secretary', [
      { id: uuidv7(), entity: 'meeting', entityId: meetingId, op: 'patch', patch: { published: true }, baseVersion: null },
    ])
    expect(publish.map((r) => r.status)).toEqual(['applied'])

    const publicView = await pull(null, solbakken)
    expect(dataOf(publicView, meetingId)).toMatchObject({ published: true })
    expect(dataOf(publicView, open)).toMatchObject({ easyText: 'Vi taler om maden.' })
    // The public learns that the agenda has a closed item and where: nothing of what it is about.
    const withheld = dataOf(publicView, closed) as AgendaItemData
    expect(withheld).toEqual(withheldItem(item(solbakken, meetingId, { closed: true, title: 'Personsag' })))
    expect(withheld).toMatchObject({ closed: true, title: '', easyTitle: '', easyText: '', sections: [], photo: null, position: 1 })
    expect(JSON.stringify(publicView.filter((c) => c.data?.meetingId === meetingId))).not.toContain('Personsag')
    const memberView = await pull('member', solbakken)
    expect(dataOf(memberView, closed)).toMatchObject({ title: 'Personsag' })
  })

  it('refuses an item that breaks the schema, naming the field, and keeps the rest of the batch', async () => {
    const meetingId = uuidv7()
    const results = await push('secretary', [
      put('meeting', meetingId, meeting(solbakken, false)),
      put('agenda-item', uuidv7(), { ...item(solbakken, meetingId), expectedMinutes: -5 }),
    ])
    expect(results[0]!.status).toBe('applied')
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'invalid' })
    expect(results[1]!.reason).toMatch(/expectedMinutes/)
  })
  it('publishes the council calendar with published meetings only; a wrong council is a clear 4xx', async () => {
    const shown = { ...meeting(solbakken, true), title: 'Sommermøde' }
    const hidden = { ...meeting(solbakken, false), title: 'Hemmeligt kladdemøde' }
    await push('secretary', [put('meeting', uuidv7(), shown), put('meeting', uuidv7(), hidden)])
    const feed = await app.inject({ method: 'GET', url: `/api/councils/${solbakken}/calendar.ics` })
    expect(feed.statusCode).toBe(200)
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/)
    expect(feed.body).toContain('SUMMARY:Sommermøde')
    expect(feed.body).toContain('X-WR-CALNAME:Brugerrådet på Solbakken')
    expect(feed.body).not.toContain('Hemmeligt')
    // Subscribers are reminded the day before, in their own calendar.
    expect(feed.body).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:I morgen: Sommermøde\r\nTRIGGER:-P1D\r\nEND:VALARM/)
    const unknown = await app.inject({ method: 'GET', url: `/api/councils/${uuidv7()}/calendar.ics` })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ code: 'no_such_council' })
    const notAnId = await app.inject({ method: 'GET', url: '/api/councils/solbakken/calendar.ics' })
    expect(notAnId.statusCode).toBe(400)
  })
  it('gives one published meeting as a calendar file, the same the app makes; a draft only to its staff', async () => {
    const shown = uuidv7()
    const hidden = uuidv7()
    await push('secretary', [put('meeting', shown, { ...meeting(solbakken, true), title: 'Høstfest' }), put('meeting', hidden, { ...meeting(solbakken, false), title: 'Hemmeligt kladdemøde' })])
    const file = await app.inject({ method: 'GET', url: `/api/meetings/${shown}/calendar.ics` })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toMatch(/^text\/calendar/)
    expect(file.headers['content-disposition']).toBe('attachment; filename="moede.ics"')
    expect(file.body).toContain('SUMMARY:Høstfest')
    expect(file.body).toContain('X-WR-CALNAME:Brugerrådet på Solbakken')
    expect(file.body).toContain(`/moeder/${shown}`)
    // The same bytes as the app's own (shared/meetings/ics.ts), so either way the calendar gets one event.
    expect(file.body.match(/BEGIN:VEVENT/g)).toHaveLength(1)
    const draft = await app.inject({ method: 'GET', url: `/api/meetings/${hidden}/calendar.ics` })
    expect(draft.statusCode).toBe(404)
    expect(draft.json()).toMatchObject({ code: 'no_such_meeting' })
    expect(draft.body).not.toContain('Hemmeligt')
    expect((await app.inject({ method: 'GET', url: `/api/meetings/${hidden}/calendar.ics`, headers: { cookie: cookies.secretary! } })).body).toContain('SUMMARY:Hemmeligt kladdemøde')
    expect((await app.inject({ method: 'GET', url: '/api/meetings/ikke-et-id/calendar.ics' })).statusCode).toBe(400)
  })

  it("a relative who is not a member sees the council as the public does, even with the resident's consent", async () => {
    // Lene is linked to Karen with consent; here she is not on the council herself.
    const members = await app.inject({ method: 'GET', url: `/api/admin/councils/${solbakken}/members`, headers: { cookie: cookies.secretary! } })
    const lene = members.json<{ membershipId: string; person: { name: string } }[]>().find((m) => m.person.name === 'Lene Holm')!
    const removed = await app.inject({ method: 'DELETE', url: `/api/admin/memberships/${lene.membershipId}`, headers: { cookie: cookies.secretary!, ...origin } })
    expect(removed.statusCode).toBe(200)
    const meetingId = uuidv7()
    const closed = uuidv7()
    await push('secretary', [put('meeting', meetingId, meeting(solbakken, true)), put('agenda-item', closed, item(solbakken, meetingId, { closed: true, title: 'Lukket sag' }))])
    const seen = await pull('relative', solbakken)
    expect(seen.find((c) => c.entityId === closed)?.data).toMatchObject({ closed: true, title: '', sections: [] })
    expect(JSON.stringify(seen.filter((c) => c.data?.meetingId === meetingId))).not.toContain('Lukket sag')
    const names = seen.filter((c) => c.entity === 'council-member' && c.data).map((c) => c.data!.name)
    expect(names).toContain('Karen Holm')
    expect(names).not.toContain('Birthe Lund')
    const memberNames = (await pull('member', solbakken)).filter((c) => c.entity === 'council-member' && c.data).map((c) => c.data!.name)
    expect(memberNames).toContain('Birthe Lund')
  })

  it('a stranger who may not change a record gets no conflict answer and leaves nothing behind', async () => {
    const meetingId = uuidv7()
    const itemId = uuidv7()
    await push('secretary', [put('meeting', meetingId, meeting(solbakken, true)), put('agenda-item', itemId, item(solbakken, meetingId))])
    const before = await database.db.select().from(syncConflicts)
    const anonymous = await push(null, [{ id: uuidv7(), entity: 'agenda-item', entityId: itemId, op: 'patch', patch: { easyText: 'x'.repeat(500) }, baseVersion: 0 }])
    const member = await push('member', [{ id: uuidv7(), entity: 'agenda-item', entityId: itemId, op: 'patch', patch: { easyText: 'y' }, baseVersion: 0 }])
    expect(anonymous[0]).toMatchObject({ status: 'rejected', code: 'not_signed_in' })
    expect(member[0]).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect(await database.db.select().from(syncConflicts)).toHaveLength(before.length)
  })
  it("tells a device opening a shared link which council a published meeting is in, and nothing about drafts", async () => {
    const published = uuidv7()
    const draft = uuidv7()
    await push('secretary', [put('meeting', published, meeting(solbakken, true)), put('meeting', draft, meeting(solbakken, false))])
    const found = await app.inject({ method: 'GET', url: `/api/meetings/${published}/council` })
    expect(found.json()).toEqual({ councilId: solbakken })
    const hidden = await app.inject({ method: 'GET', url: `/api/meetings/${draft}/council` })
    expect(hidden.statusCode).toBe(404)
    const forStaff = await app.inject({ method: 'GET', url: `/api/meetings/${draft}/council`, headers: { cookie: cookies.secretary! } })
    expect(forStaff.json()).toEqual({ councilId: solbakken })
  })
})
