import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/server/db/database.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { councilScope } from '../../src/shared/accounts/entities.js'
import { formatHlc } from '../../src/shared/live/hlc.js'
import type { LiveQuestionData, LiveStateData } from '../../src/shared/live/entities.js'
import { emptyAgendaItem, isWithheld, type AgendaItemData } from '../../src/shared/meetings/entities.js'
import { SYNC_PROTOCOL_VERSION, type MutationResult, type Poke, type PullResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { buildTestServer, databasesUnderTest, meetingData } from './helpers.js'

const meeting = (councilId: string, published = true) => meetingData(councilId, { title: 'Møde i brugerrådet', date: '2026-06-01', startTime: '10:00', endTime: '12:00', published })

const item = (councilId: string, meetingId: string, position: number, extra: Partial<AgendaItemData> = {}): AgendaItemData => ({
  ...emptyAgendaItem(councilId, meetingId, position),
  title: `Punkt ${position}`,
  easyTitle: `Punkt ${position}`,
  easyText: 'Vi taler om det.',
  ...extra,
})

const put = (entity: string, entityId: string, patch: object) => ({ id: uuidv7(), entity, entityId, op: 'put', patch, baseVersion: null })

describe.each(databasesUnderTest())('live meetings on $name', (target) => {
  let database: Database
  let world: World
  let council: string
  let secretary: string
  let chair: string
  let member: string
  let otherMember: string
  let otherSecretary: string
  let kiosk: string

  const push = async (cookie: string | null, mutations: unknown[]): Promise<MutationResult[]> => {
    const reply = await world.call('POST', '/api/sync/push', { cookie, payload: { clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations } })
    expect(reply.statusCode).toBe(200)
    return reply.json().results
  }
  const pull = async (cookie: string | null, councilId = council): Promise<PullResponse['changes']> => {
    const reply = await world.pull(councilScope(councilId), cookie)
    expect(reply.statusCode).toBe(200)
    return reply.json().changes
  }
  const dataOf = <T>(changes: PullResponse['changes'], entity: string, id: string) => (changes.find((c) => c.entity === entity && c.entityId === id)?.data ?? null) as T | null

  /** A meeting with an open item, a closed one and another open one. */
  async function newMeeting(published = true) {
    const meetingId = uuidv7()
    const ids = [uuidv7(), uuidv7(), uuidv7()]
    const results = await push(secretary, [
      put('meeting', meetingId, meeting(council, published)),
      put('agenda-item', ids[0]!, item(council, meetingId, 1)),
      put('agenda-item', ids[1]!, item(council, meetingId, 2, { closed: true, title: 'Personsag om en beboer', easyTitle: 'Personsag' })),
      put('agenda-item', ids[2]!, item(council, meetingId, 3)),
    ])
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied'])
    return { meetingId, items: ids }
  }

  let clock = Date.parse('2026-06-01T10:00:00Z')
  const stamp = (node = 'chair') => formatHlc((clock += 1000), 0, node)
  const move = (meetingId: string, currentItemId: string | null, status: LiveStateData['status'] = 'running', at = stamp()) =>
    put('live-move', uuidv7(), { meetingId, councilId: council, status, currentItemId, breakEndsAt: null, at })

  beforeAll(async () => {
    database = await target.open()
    world = await openWorld(database, { registry: createSyncRegistry() })
    council = world.ids.councilId
    secretary = await world.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
    chair = await world.sessionFor({ personId: world.ids.memberId })
    member = await world.sessionFor({ personId: (await world.newPerson('member', council)).personId })
    otherMember = await world.sessionFor({ personId: (await world.newPerson('member', council)).personId })
    otherSecretary = await world.sessionFor({ personId: world.ids.otherSecretaryId })
    kiosk = await world.sessionFor({ kioskCouncilId: council })
  })
  afterAll(async () => {
    await world?.app.close()
  })

  it('only the chair and the council’s staff move the meeting', async () => {
    const { meetingId, items } = await newMeeting()
    const [byMember] = await push(member, [move(meetingId, items[0]!)])
    expect(byMember).toMatchObject({ status: 'rejected', code: 'forbidden' })
    const [byStranger] = await push(otherSecretary, [move(meetingId, items[0]!)])
    expect(byStranger).toMatchObject({ status: 'rejected', code: 'forbidden' })
    const [byNobody] = await push(null, [move(meetingId, items[0]!)])
    expect(byNobody).toMatchObject({ status: 'rejected', code: 'not_signed_in' })
    const [notOnAgenda] = await push(secretary, [move(meetingId, uuidv7())])
    expect(notOnAgenda).toMatchObject({ status: 'rejected', code: 'invalid' })
    expect(notOnAgenda!.reason).toMatch(/agenda/)
    const [byChair] = await push(chair, [move(meetingId, items[0]!)])
    expect(byChair).toMatchObject({ status: 'applied', data: { seq: 1 } })
    const [bySecretary] = await push(secretary, [move(meetingId, items[1]!)])
    expect(bySecretary).toMatchObject({ status: 'applied', data: { seq: 2 } })
  })

  it('followers of the council see where the meeting is; a closed item only as closed', async () => {
    const { meetingId, items } = await newMeeting()
    await push(secretary, [move(meetingId, items[1]!)])
    for (const who of [null, kiosk]) {
      const seen = await pull(who)
      const state = dataOf<LiveStateData>(seen, 'live-state', meetingId)
      expect(state).toMatchObject({ status: 'running', currentItemId: items[1], agenda: [{ id: items[0], closed: false }, { id: items[1], closed: true }, { id: items[2], closed: false }] })
      // Of the item itself only its place reaches them: the screen says "Lukket punkt" and nothing more.
      const place = dataOf<AgendaItemData>(seen, 'agenda-item', items[1]!)
      expect(place !== null && isWithheld(place)).toBe(true)
      expect(JSON.stringify(seen)).not.toContain('Personsag')
    }
    expect(dataOf<AgendaItemData>(await pull(member), 'agenda-item', items[1]!)).toMatchObject({ easyTitle: 'Personsag' })
    // Another council's scope does not carry it.
    expect((await pull(null, world.ids.otherCouncilId)).some((c) => c.entityId === meetingId)).toBe(false)
  })

  it('a question about a closed item stays the council’s, also once the item is deleted', async () => {
    const { meetingId, items } = await newMeeting()
    const questionId = uuidv7()
    const ask = put('live-question-send', uuidv7(), { op: 'ask', questionId, meetingId, councilId: council, itemId: items[1], text: 'Skal fru Hansen have mere hjælp?', options: [] })
    expect((await push(secretary, [ask]))[0]!.status).toBe('applied')
    const about = async (who: string | null) => dataOf<{ text: string }>(await pull(who), 'live-question', questionId)
    expect(await about(null)).toBeNull()
    expect(await about(member)).toMatchObject({ text: 'Skal fru Hansen have mere hjælp?' })

    // Deleted afterwards: nothing tells any more that the item was closed, so the question stays closed.
    const deleted = await push(secretary, [{ id: uuidv7(), entity: 'agenda-item', entityId: items[1]!, op: 'delete', patch: {}, baseVersion: null }])
    expect(deleted[0]!.status).toBe('applied')
    for (const who of [null, kiosk]) expect(JSON.stringify(await pull(who))).not.toContain('fru Hansen')
    expect(await about(member)).toMatchObject({ text: 'Skal fru Hansen have mere hjælp?' })
  })

  it('a draft meeting’s live state stays with its staff', async () => {
    const { meetingId, items } = await newMeeting(false)
    expect((await push(secretary, [move(meetingId, items[0]!)]))[0]!.status).toBe('applied')
    expect((await pull(null)).some((c) => c.entityId === meetingId)).toBe(false)
    expect((await pull(member)).some((c) => c.entityId === meetingId)).toBe(false)
    expect(dataOf(await pull(secretary), 'live-state', meetingId)).toMatchObject({ currentItemId: items[0] })
  })

  it('a stale "previous" from an offline chair does not undo a newer "next"; a move sent twice counts once', async () => {
    const { meetingId, items } = await newMeeting()
    await push(secretary, [move(meetingId, items[0]!)])
    // The chair, offline, presses "previous" (stamped now) ...
    const offlinePrevious = move(meetingId, items[0]!, 'running', stamp('chair'))
    // ... while the secretary, online a moment later, presses "next" twice.
    const next = move(meetingId, items[1]!, 'running', stamp('secretary'))
    await push(secretary, [next])
    await push(secretary, [move(meetingId, items[2]!, 'running', stamp('secretary'))])
    const before = dataOf<LiveStateData>(await pull(null), 'live-state', meetingId)!
    // The chair's phone comes back and sends its old move: it changes nothing.
    const [late] = await push(chair, [offlinePrevious])
    expect(late).toMatchObject({ status: 'applied', data: { superseded: true } })
    expect(late!.version).toBeUndefined()
    const [again] = await push(secretary, [{ ...next, id: uuidv7() }])
    expect(again).toMatchObject({ status: 'applied', data: { superseded: true } })
    const after = dataOf<LiveStateData>(await pull(null), 'live-state', meetingId)!
    expect(after).toEqual(before)
    expect(after).toMatchObject({ currentItemId: items[2], seq: 3 })
  })

  it('signal cards: once per person, "Jeg forstår det ikke" only as a count, cleared by the chair', async () => {
    const { meetingId, items } = await newMeeting()
    const card = (kind: string, signalId = uuidv7()) => put('live-signal-send', uuidv7(), { op: 'raise', meetingId, councilId: council, signalId, kind })
    const [early] = await push(member, [card('speak')])
    expect(early).toMatchObject({ status: 'rejected', code: 'not_running' })
    await push(secretary, [move(meetingId, items[0]!)])

    const speak = card('speak')
    const raised = await push(member, [speak, card('speak'), { ...speak, id: uuidv7() }, card('confused'), card('confused')])
    expect(raised.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied'])
    await push(otherMember, [card('confused'), card('break')])
    const [byKiosk] = await push(kiosk, [card('speak')])
    expect(byKiosk).toMatchObject({ status: 'rejected' })

    const staffView = await pull(secretary)
    const signals = staffView.filter((c) => c.entity === 'live-signal' && c.data)
    expect(signals.map((s) => s.data!.kind).sort()).toEqual(['break', 'speak'])
    expect(signals.find((s) => s.data!.kind === 'speak')!.data).toMatchObject({ name: expect.stringMatching(/^Prøve/) })
    expect(dataOf<LiveStateData>(staffView, 'live-state', meetingId)).toMatchObject({ confused: 2 })
    // Its holder sees their own don't-understand card; nobody else does, the public not even the count's source.
    const own = (await pull(member)).filter((c) => c.entity === 'live-signal' && c.data)
    expect(own.map((s) => s.data!.kind).sort()).toEqual(['confused', 'speak'])
    expect((await pull(null)).some((c) => c.entity === 'live-signal')).toBe(false)

    const clear = (extra: object) => put('live-signal-send', uuidv7(), { op: 'clear', meetingId, councilId: council, signalId: null, kind: null, ...extra })
    expect((await push(member, [clear({})]))[0]).toMatchObject({ status: 'rejected', code: 'forbidden' })
    await push(secretary, [clear({ kind: 'confused' })])
    expect(dataOf<LiveStateData>(await pull(secretary), 'live-state', meetingId)).toMatchObject({ confused: 0 })
    await push(secretary, [clear({})])
    const cleared = (await pull(member)).filter((c) => c.entity === 'live-signal' && c.data)
    expect(cleared.every((s) => s.data!.clearedAt !== null)).toBe(true)
    // Cleared, the member may hold the card up again.
    await push(member, [card('speak')])
    const up = (await pull(secretary)).filter((c) => c.entity === 'live-signal' && c.data && c.data.kind === 'speak' && c.data.clearedAt === null)
    expect(up).toHaveLength(1)
  })

  it('a quick question: one answer per person, the result in the item’s minutes draft once', async () => {
    const { meetingId, items } = await newMeeting()
    await push(secretary, [move(meetingId, items[0]!)])
    const questionId = uuidv7()
    const ask = put('live-question-send', uuidv7(), { op: 'ask', questionId, meetingId, councilId: council, itemId: items[0], text: 'Skal vi på tur?', options: [] })
    expect((await push(member, [ask]))[0]).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect((await push(secretary, [ask]))[0]!.status).toBe('applied')
    const answer = (choice: number) => put('live-answer-send', uuidv7(), { questionId, meetingId, councilId: council, choice })
    const first = answer(0)
    await push(member, [first, { ...first, id: uuidv7() }, answer(0)])
    await push(member, [answer(1)])
    await push(otherMember, [answer(0)])
    expect((await push(null, [answer(2)]))[0]).toMatchObject({ code: 'not_signed_in' })
    expect((await push(member, [answer(3)]))[0]).toMatchObject({ status: 'rejected', code: 'invalid' })
    const open = dataOf<LiveQuestionData>(await pull(null), 'live-question', questionId)!
    expect(open).toMatchObject({ status: 'open', counts: [1, 1, 0], options: [{ label: 'Ja' }, { label: 'Nej' }, { label: 'Ved ikke' }] })
    // A person reads back only their own answer.
    expect((await pull(member)).filter((c) => c.entity === 'live-answer' && c.data).map((c) => c.data!.choice)).toEqual([1])
    expect((await pull(secretary)).some((c) => c.entity === 'live-answer')).toBe(false)

    const close = put('live-question-send', uuidv7(), { op: 'close', questionId, meetingId, councilId: council, itemId: null, text: '', options: [] })
    await push(secretary, [close, { ...close, id: uuidv7() }])
    expect((await push(otherMember, [answer(1)]))[0]).toMatchObject({ status: 'rejected', code: 'closed' })
    const minutes = dataOf<AgendaItemData>(await pull(null), 'agenda-item', items[0]!)!
    expect(minutes.sections).toEqual([{ kind: 'other', heading: 'Hurtigt spørgsmål: Skal vi på tur?', text: 'Ja: 1. Nej: 1. Ved ikke: 0.' }])
  })

  it('a question with pictures needs a word beside every picture', async () => {
    const { meetingId } = await newMeeting()
    const ask = (options: object[]) => put('live-question-send', uuidv7(), { op: 'ask', questionId: uuidv7(), meetingId, councilId: council, itemId: null, text: 'Hvad skal vi spise?', options })
    const [bad] = await push(secretary, [ask([{ pictogram: 'pizza', label: 'Pizza' }, { pictogram: 'soup', label: ' ' }])])
    expect(bad).toMatchObject({ status: 'rejected', code: 'invalid' })
    const [good] = await push(secretary, [ask([{ pictogram: 'pizza', label: 'Pizza' }, { pictogram: 'soup', label: 'Suppe' }])])
    expect(good!.status).toBe('applied')
  })

  it('a decision edit in the same push as closing a question keeps the result in the minutes', async () => {
    const { meetingId, items } = await newMeeting()
    await push(secretary, [move(meetingId, items[0]!)])
    const questionId = uuidv7()
    await push(secretary, [put('live-question-send', uuidv7(), { op: 'ask', questionId, meetingId, councilId: council, itemId: items[0], text: 'Er I enige?', options: [] })])
    await push(member, [put('live-answer-send', uuidv7(), { questionId, meetingId, councilId: council, choice: 0 })])
    // The secretary's phone last saw the item before the question was closed.
    const seenVersion = (await pull(secretary)).find((c) => c.entityId === items[0])!.version
    const results = await push(secretary, [
      put('live-question-send', uuidv7(), { op: 'close', questionId, meetingId, councilId: council, itemId: null, text: '', options: [] }),
      { id: uuidv7(), entity: 'agenda-item', entityId: items[0], op: 'patch', patch: { decision: 'decided', easyDecision: 'Vi er enige.' }, baseVersion: seenVersion },
    ])
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const minutes = dataOf<AgendaItemData>(await pull(secretary), 'agenda-item', items[0]!)!
    expect(minutes).toMatchObject({ decision: 'decided', easyDecision: 'Vi er enige.', sections: [{ heading: 'Hurtigt spørgsmål: Er I enige?', text: 'Ja: 1. Nej: 0. Ved ikke: 0.' }] })
  })

  it('presence is ticked by staff and read by staff only', async () => {
    const { meetingId } = await newMeeting()
    const presence = put('live-presence', meetingId, { councilId: council, meetingId, personIds: [world.ids.memberId] })
    expect((await push(member, [presence]))[0]).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect((await push(secretary, [{ ...presence, id: uuidv7() }]))[0]).toMatchObject({ status: 'applied' })
    expect((await pull(member)).some((c) => c.entity === 'live-presence')).toBe(false)
    expect(dataOf(await pull(secretary), 'live-presence', meetingId)).toMatchObject({ personIds: [world.ids.memberId] })
  })

  it('a stream nobody signed in to carries each public change as an anonymous pull sees it; other streams only poke', async () => {
    const { meetingId, items } = await newMeeting()
    const pushed = async (cookie: string, mutations: unknown[]) => {
      const reply = await world.call('POST', '/api/sync/push', { cookie, payload: { clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations } })
      const body = reply.json() as { version: number; results: MutationResult[] }
      expect(body.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'))
      return body.version
    }
    /** Exactly what a device nobody signed in to pulls from `after`, in the council's scope and any the poke names. */
    const matchesPull = async (poke: Poke) => {
      const scopes = [...new Set([councilScope(council), ...(poke.changes ?? []).map((c) => c.scope)])].join(',')
      const pulled = (await world.call('GET', `/api/sync/pull?since=${poke.after}&scopes=${scopes}&protocolVersion=${SYNC_PROTOCOL_VERSION}`)).json() as PullResponse
      expect(pulled.changes.filter((c) => c.version < poke.version)).toEqual([])
      expect(poke.changes).toEqual(pulled.changes.filter((c) => c.version === poke.version))
      expect(poke.changes!.length).toBeGreaterThan(0)
    }
    const first = await pushed(secretary, [move(meetingId, items[0]!)])
    const base = await world.app.listen({ port: 0, host: '127.0.0.1' })
    const publicStream = stream(base, null)
    const memberStream = stream(base, member)
    const kioskStream = stream(base, kiosk)
    await until(() => publicStream.open() && memberStream.open() && kioskStream.open())

    // "Next" to the closed item: the public's poke holds the live state, and nothing of the item.
    const toClosed = await pushed(secretary, [move(meetingId, items[1]!)])
    await until(() => [publicStream, memberStream, kioskStream].every((s) => s.pokes.some((p) => p.version === toClosed)))
    const poke = publicStream.pokes.find((p) => p.version === toClosed)!
    // The live state's row now holds the newer version, so the poke follows on from the meeting's.
    expect(poke.after).toBeLessThan(first)
    expect(dataOf<LiveStateData>(poke.changes!, 'live-state', meetingId)).toMatchObject({ currentItemId: items[1], agenda: [{ id: items[0], closed: false }, { id: items[1], closed: true }, { id: items[2], closed: false }] })
    expect(JSON.stringify(poke)).not.toContain('Personsag')
    await matchesPull(poke)
    // Signed-in streams and the kiosk's have views of their own: they are told to pull.
    expect(memberStream.pokes.find((p) => p.version === toClosed)).toEqual({ version: toClosed })
    expect(kioskStream.pokes.find((p) => p.version === toClosed)).toEqual({ version: toClosed })

    // A staff-only change is no poke for the public, and the next public poke follows on from
    // the last public one.
    const privateVersion = await pushed(secretary, [put('live-presence', meetingId, { councilId: council, meetingId, personIds: [world.ids.memberId] })])
    const next = await pushed(secretary, [move(meetingId, items[2]!)])
    await until(() => publicStream.pokes.some((p) => p.version === next))
    expect(publicStream.pokes.map((p) => p.version)).not.toContain(privateVersion)
    const nextPoke = publicStream.pokes.find((p) => p.version === next)!
    expect(nextPoke.after).not.toBe(privateVersion)
    await matchesPull(nextPoke)
    expect(JSON.stringify(publicStream.pokes)).not.toContain('personIds')
    for (const s of [publicStream, memberStream, kioskStream]) s.close()
  })
})

/** Opens the event stream as `cookie`'s session (or nobody's) and collects each poke whole. */
function stream(base: string, cookie: string | null) {
  const pokes: Poke[] = []
  let buffer = ''
  let open = false
  const headers: Record<string, string> = { 'last-event-id': '999999999' }
  if (cookie) headers.cookie = `${SESSION_COOKIE}=${cookie}`
  const request = http.get(`${base}/api/sync/events`, { headers }, (response) => {
    open = true
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
        if (data) pokes.push(JSON.parse(data[1]!) as Poke)
      }
    })
  })
  request.on('error', () => {})
  return { pokes, open: () => open, close: () => request.destroy() }
}

/** Opens the event stream and collects the versions it announces. */
function listen(base: string) {
  const versions: number[] = []
  let buffer = ''
  let open = false
  const request = http.get(`${base}/api/sync/events`, { headers: { 'last-event-id': '0' } }, (response) => {
    open = true
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      buffer += chunk
      for (const match of buffer.matchAll(/event: poke\ndata: \{"version":(\d+)[,}]/g)) versions.push(Number(match[1]))
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2)
    })
  })
  request.on('error', () => {})
  return { versions, open: () => open, close: () => request.destroy() }
}

const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
}

const postgres = databasesUnderTest().find((target) => target.name === 'postgres')
if (postgres) describe('live meetings across two server processes on PostgreSQL', () => {
  it('"next" through one server reaches a public follower connected to the other', async () => {
    const database = await postgres.open()
    const world = await openWorld({ ...database, close: async () => {} }, { registry: createSyncRegistry() })
    const secondDb = await openDatabase({ kind: 'postgres', url: database.url! })
    const two = await buildTestServer(secondDb, { syncRegistry: createSyncRegistry() })
    try {
      const baseOne = await world.app.listen({ port: 0, host: '127.0.0.1' })
      const baseTwo = await two.listen({ port: 0, host: '127.0.0.1' })
      await new Promise((r) => setTimeout(r, 300))
      const council = world.ids.councilId
      const token = await world.sessionFor({ personId: world.ids.secretaryId })
      const send = async (mutations: unknown[]) => {
        const reply = await fetch(`${baseOne}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: baseOne, cookie: `${SESSION_COOKIE}=${token}` },
          body: JSON.stringify({ clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
        })
        return (await reply.json()) as { version: number; results: MutationResult[] }
      }
      const meetingId = uuidv7()
      const items = [uuidv7(), uuidv7()]
      await send([put('meeting', meetingId, meeting(council)), put('agenda-item', items[0]!, item(council, meetingId, 1)), put('agenda-item', items[1]!, item(council, meetingId, 2))])
      const start = await send([put('live-move', uuidv7(), { meetingId, councilId: council, status: 'running', currentItemId: items[0], breakEndsAt: null, at: formatHlc(Date.now(), 0, 'chair') })])
      expect(start.results[0]!.status).toBe('applied')

      // An anonymous follower (a relative at home) on the other server.
      const follower = listen(baseTwo)
      await until(follower.open)
      const next = await send([put('live-move', uuidv7(), { meetingId, councilId: council, status: 'running', currentItemId: items[1], breakEndsAt: null, at: formatHlc(Date.now() + 1, 0, 'chair') })])
      await until(() => follower.versions.includes(next.version), 1000)
      expect(follower.versions).toContain(next.version)
      const pulled = await fetch(`${baseTwo}/api/sync/pull?since=${start.version}&scopes=${councilScope(council)}&protocolVersion=${SYNC_PROTOCOL_VERSION}`)
      const changes = ((await pulled.json()) as PullResponse).changes
      expect(changes.find((c) => c.entity === 'live-state')?.data).toMatchObject({ currentItemId: items[1], seq: 2 })
      follower.close()
    } finally {
      await two.close()
      await world.app.close()
      await database.close()
    }
  })
})
