import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Change, Mutation, MutationResult, PullResponse } from '../../src/shared/sync/protocol.js'
import { emptyAgendaItem, type AgendaItemData } from '../../src/shared/meetings/entities.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import type { Database } from '../../src/server/db/database.js'
import { memberships, relativeLinks } from '../../src/server/db/schema.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest, meetingData } from './helpers.js'

/**
 * Who learns what through pull: an agenda item is exactly as visible as its meeting, whatever
 * the item itself says, and a caller who could never read a record is not told it exists.
 */
describe.each(databasesUnderTest())('visibility through sync on $name', (target) => {
  let database: Database
  let w: World
  let secretary: string
  let member: string
  let otherSecretary: string

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database, { registry: createSyncRegistry() })
    secretary = await w.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
    member = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
    otherSecretary = await w.sessionFor({ personId: w.ids.otherSecretaryId })
  })
  afterAll(async () => {
    await w.app.close()
  })

  const push = async (cookie: string | null, mutations: Partial<Mutation>[]): Promise<MutationResult[]> => {
    const reply = await w.call('POST', '/api/sync/push', {
      cookie,
      payload: { clientId: uuidv7(), protocolVersion: 1, mutations: mutations.map((m) => ({ id: uuidv7(), op: 'put', baseVersion: null, ...m })) },
    })
    expect(reply.statusCode, reply.body).toBe(200)
    return reply.json().results
  }
  const pull = async (cookie: string | null, councilId = w.ids.councilId, since = '0'): Promise<PullResponse> =>
    (await w.call('GET', `/api/sync/pull?since=${since}&scopes=council:${councilId}&protocolVersion=1`, { cookie })).json()
  const find = (page: PullResponse, id: string): Change | undefined => page.changes.find((c) => c.entityId === id)

  const meeting = (published: boolean, councilId = w.ids.councilId) => meetingData(councilId, { date: '2027-03-01', startTime: '13:00', endTime: '14:00', published })
  const item = (meetingId: string, extra: Partial<AgendaItemData> = {}): AgendaItemData => ({
    ...emptyAgendaItem(w.ids.councilId, meetingId, 1),
    title: 'Personsag om en beboer',
    easyTitle: 'Et lukket punkt',
    ...extra,
  })

  it('never lets an item of a draft meeting be public, whatever an old device sends with it', async () => {
    const meetingId = uuidv7()
    const itemId = uuidv7()
    const results = await push(secretary, [
      { entity: 'meeting', entityId: meetingId, patch: meeting(false) },
      { entity: 'agenda-item', entityId: itemId, patch: item(meetingId) },
      // An app from before this change still sent the item's own copy of the flag: refused, not trusted.
      { entity: 'agenda-item', entityId: uuidv7(), patch: { ...item(meetingId), published: true } },
    ])
    expect(results.map((r) => [r.status, r.code ?? null])).toEqual([['applied', null], ['applied', null], ['rejected', 'invalid']])

    const anonymous = await pull(null)
    expect(find(anonymous, meetingId)).toBeUndefined()
    expect(find(anonymous, itemId)).toBeUndefined()
    expect(find(await pull(member), itemId)).toBeUndefined()
    expect(find(await pull(secretary), itemId)?.data).toMatchObject({ title: 'Personsag om en beboer' })

    // Published: the item follows at once, with a new version so devices past the cursor get it.
    const before = anonymous.cursor
    await push(secretary, [{ entity: 'meeting', entityId: meetingId, op: 'patch', patch: { published: true } }])
    const later = await pull(null, w.ids.councilId, before)
    expect(find(later, itemId)?.data).toMatchObject({ easyTitle: 'Et lukket punkt' })

    // Back to draft: those who saw it are told to drop it; it is not left on their devices.
    const cursor = later.cursor
    await push(secretary, [{ entity: 'meeting', entityId: meetingId, op: 'patch', patch: { published: false } }])
    const withdrawn = await pull(null, w.ids.councilId, cursor)
    expect(find(withdrawn, itemId)).toMatchObject({ data: null })
    expect(find(withdrawn, meetingId)).toMatchObject({ data: null })
  })

  it('works out visibility in the order of one push: an item made before its meeting is published follows it', async () => {
    const meetingId = uuidv7()
    const itemId = uuidv7()
    const results = await push(secretary, [
      { entity: 'meeting', entityId: meetingId, patch: meeting(false) },
      { entity: 'agenda-item', entityId: itemId, patch: item(meetingId, { title: 'Sommerfest' }) },
      { entity: 'meeting', entityId: meetingId, op: 'patch', patch: { published: true } },
    ])
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    expect(find(await pull(null), itemId)?.data).toMatchObject({ title: 'Sommerfest' })
  })

  it('refuses an item that points at a meeting of another council, or at none, with a reason', async () => {
    const theirs = uuidv7()
    await push(otherSecretary, [{ entity: 'meeting', entityId: theirs, patch: meeting(true, w.ids.otherCouncilId) }])
    const results = await push(secretary, [
      { entity: 'agenda-item', entityId: uuidv7(), patch: item(theirs) },
      { entity: 'agenda-item', entityId: uuidv7(), patch: item(uuidv7()) },
    ])
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden', reason: 'This agenda item points at a meeting of another council.' })
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect(results[1]!.reason).toMatch(/meeting of this agenda item does not exist/)
  })

  it('keeps closed items for members and staff, and tells the public only where on the agenda they are', async () => {
    const meetingId = uuidv7()
    const closed = uuidv7()
    await push(secretary, [
      { entity: 'meeting', entityId: meetingId, patch: meeting(true) },
      { entity: 'agenda-item', entityId: closed, patch: item(meetingId, { closed: true, position: 3, easyText: 'Om fru Hansens hjælp.', question: 'Hvem?' }) },
    ])
    const forPublic = await pull(null)
    expect(find(forPublic, closed)?.data).toEqual({ ...emptyAgendaItem(w.ids.councilId, meetingId, 3), closed: true })
    const ofThisMeeting = forPublic.changes.filter((c) => c.data?.meetingId === meetingId)
    expect(JSON.stringify(ofThisMeeting)).not.toMatch(/Personsag|Et lukket punkt|Hansen|Hvem/)
    expect(find(await pull(member), closed)?.data).toMatchObject({ closed: true, title: 'Personsag om en beboer', easyText: 'Om fru Hansens hjælp.' })
    // A kiosk (a screen the whole room sees) gets the place only, like the public.
    const kiosk = await w.sessionFor({ kioskCouncilId: w.ids.councilId })
    expect(find(await pull(kiosk), closed)?.data).toMatchObject({ closed: true, title: '', easyText: '' })

    // Closed later: the public's copy becomes the place only, in the same pull that would have shown it.
    const open = uuidv7()
    await push(secretary, [{ entity: 'agenda-item', entityId: open, patch: item(meetingId, { title: 'Sommerfest', position: 4 }) }])
    const seen = await pull(null)
    expect(find(seen, open)?.data).toMatchObject({ title: 'Sommerfest' })
    await push(secretary, [{ entity: 'agenda-item', entityId: open, op: 'patch', patch: { closed: true } }])
    expect(find(await pull(null, w.ids.councilId, seen.cursor), open)?.data).toEqual({ ...emptyAgendaItem(w.ids.councilId, meetingId, 4), closed: true })
    // Moved on the agenda: the public's place moves with it.
    await push(secretary, [{ entity: 'agenda-item', entityId: open, op: 'patch', patch: { position: 2.5 } }])
    expect(find(await pull(null), open)?.data).toMatchObject({ position: 2.5, title: '' })
  })

  it('tells the public nothing of unlisted members, and of listed ones leaves out who they are linked to', async () => {
    const anonymous = (await pull(null)).changes.filter((c) => c.entity === 'council-member')
    const inside = (await pull(member)).changes.filter((c) => c.entity === 'council-member')
    expect(inside.length).toBeGreaterThan(anonymous.length)
    expect(anonymous.every((c) => c.data !== null)).toBe(true)
    for (const change of anonymous) {
      expect(change.data).not.toHaveProperty('personId')
      expect(change.data).not.toHaveProperty('isRelative')
    }
    expect(inside.every((c) => typeof c.data?.personId === 'string' && typeof c.data?.isRelative === 'boolean')).toBe(true)
  })

  it("lets a relatives' representative read closed items as the member they are, and a relative acting for a member not", async () => {
    const meetingId = uuidv7()
    const closed = uuidv7()
    await push(secretary, [
      { entity: 'meeting', entityId: meetingId, patch: meeting(true) },
      { entity: 'agenda-item', entityId: closed, patch: item(meetingId, { closed: true }) },
    ])
    const representative = (await w.newPerson('relative')).personId
    await w.db.insert(memberships).values({ id: uuidv7(), councilId: w.ids.councilId, personId: representative, role: 'relatives-representative', termStart: '2026-01-01', termEnd: null, listedPublicly: false })
    expect(find(await pull(await w.sessionFor({ personId: representative })), closed)?.data).toMatchObject({ closed: true })

    // A relative who is not on the council (the demo's Lene is: she is its relatives' representative).
    const relativeId = (await w.newPerson('relative')).personId
    await w.db.insert(relativeLinks).values({ relativeId, residentId: w.ids.memberId, consentGivenAt: '2026-05-01', consentNote: 'Ja', recordedBy: w.ids.adminId })
    const relative = await w.sessionFor({ personId: relativeId })
    const acting = await w.call('PUT', '/api/me/acting-for', { cookie: relative, payload: { residentId: w.ids.memberId } })
    expect(acting.statusCode, acting.body).toBe(200)
    expect(find(await pull(relative), closed)?.data).toMatchObject({ closed: true, title: '', easyTitle: '' })
  })
  // Last: its large item makes every later pull from the start take two pages.
  it("cuts the public's pull pages by what it receives, so where a page ends does not tell how much a closed item hides", async () => {
    const meetingId = uuidv7()
    const closed = uuidv7()
    await push(secretary, [{ entity: 'meeting', entityId: meetingId, patch: meeting(true) }])
    const before = (await pull(null)).cursor
    // About 600 kB of closed sections, more than a pull page holds (PULL_PAGE_BYTES, 512 kB).
    const sections = Array.from({ length: 12 }, (_, i) => ({ kind: 'description' as const, heading: `Del ${i + 1}`, text: 'Fortroligt. '.repeat(4_000) }))
    await push(secretary, [{ entity: 'agenda-item', entityId: closed, patch: item(meetingId, { closed: true, sections }) }])
    const later = uuidv7()
    await push(secretary, [{ entity: 'agenda-item', entityId: later, patch: item(meetingId, { title: 'Eventuelt', position: 9 }) }])

    const forPublic = await pull(null, w.ids.councilId, before)
    expect(forPublic.hasMore).toBe(false)
    expect([find(forPublic, closed)?.data?.title, find(forPublic, later)?.data?.title]).toEqual(['', 'Eventuelt'])
    // A member gets the whole item, and the page ends after it as it must.
    const forMember = await pull(member, w.ids.councilId, before)
    expect(find(forMember, closed)?.data?.sections).toHaveLength(12)
    expect(forMember.hasMore).toBe(true)
  })
})
