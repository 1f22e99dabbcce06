import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import pg from 'pg'
import type { Database } from '../../src/server/db/database.js'
import { people, sessions } from '../../src/server/db/schema.js'
import { erasePerson } from '../../src/server/privacy/erase.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import type { ContributionData, PrioritisationData, ProcessData, SessionData, StatementData, ThemeData } from '../../src/shared/workshops/entities.js'
import { reportEntries, type Report } from '../../src/shared/workshops/report.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

const CODE = 'KAFE23'
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
/** Enough of a JPEG and a WebM for the server's check of the first bytes. */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1200, 7)])
const VOICE = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(900, 3)])

describe.each(databasesUnderTest())('workshops, on $name', (target) => {
  let database: Database
  let w: World
  let staff: string
  const ids = { process: uuidv7(), consultation: uuidv7(), session: uuidv7(), closed: uuidv7(), question: uuidv7(), statement: uuidv7(), prio: uuidv7(), theme: uuidv7(), cafe: uuidv7(), bus: uuidv7() }

  const push = async (cookie: string | null, mutations: { entity: string; entityId: string; op?: 'put' | 'patch' | 'delete'; baseVersion?: number; patch: Record<string, unknown> }[]) => {
    const reply = await w.call('POST', '/api/sync/push', {
      cookie,
      payload: { clientId: uuidv7(), protocolVersion: 1, mutations: mutations.map((m) => ({ id: uuidv7(), op: 'put', baseVersion: null, ...m })) },
    })
    expect(reply.statusCode).toBe(200)
    return reply.json().results as { status: string; code?: string; reason?: string; data?: { ref: string } }[]
  }
  const contribute = async (cookie: string, over: Record<string, unknown> = {}, id = uuidv7()) => {
    const payload = { id, processId: ids.process, sessionId: ids.session, questionId: ids.question, text: 'Mere musik om aftenen', photo: null, recording: null, role: 'user', anonymous: false, interviewConsentOn: null, ...over }
    return { id, result: (await push(cookie, [{ entity: 'workshop-contribute', entityId: id, patch: payload }]))[0]! }
  }
  const join = async (cookie: string | null, role = 'user', name: string | null = null, code = CODE) => w.call('POST', '/api/workshops/join', { cookie, payload: { code, role, name } })
  const pulled = async (cookie: string | null) => {
    const reply = await w.pull(`council:${w.ids.councilId}`, cookie)
    return reply.json().changes as { entity: string; entityId: string; data: Record<string, unknown> | null }[]
  }
  const report = async (cookie: string | null, processId = ids.process) => w.call('GET', `/api/workshops/${processId}/report.json`, { cookie })

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
    staff = await w.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
    const councilId = w.ids.councilId
    const process: ProcessData = {
      councilId, kind: 'co-creation', title: 'Aktiviteter i lokalområdet', purpose: '', frame: 'Inden for budgettet', budget: 100_000, phase: 'collect', templateId: null,
      invitees: [{ id: uuidv7(), name: 'Ældresagen', how: 'Brev', invitedOn: '2026-05-01' }], status: '', statusEasy: '', proposal: '', proposalEasy: '',
      deadline: null, caseText: '', caseEasy: '', response: '', responseSentOn: null, reportPublished: false,
    }
    const session = (code: string, open: boolean): SessionData => ({
      councilId, processId: ids.process, kind: 'workshop', title: 'Værksted', date: '2026-06-01', place: 'Caféen', code, inputOpen: open, allowAnonymous: true,
      questions: [{ id: ids.question, text: 'Hvad savner du?', easyText: 'Hvad mangler du?' }], minutes: '',
    })
    const statement: StatementData = { councilId, processId: ids.process, sessionId: ids.session, text: 'Vi skal have mere musik', easyText: '', open: true }
    const prio: PrioritisationData = {
      councilId, processId: ids.process, title: 'Hvad skal vi bruge pengene på?', method: 'dots', perPerson: 3, withinBudget: true, open: true,
      options: [{ id: ids.cafe, text: 'Café', cost: 40_000 }, { id: ids.bus, text: 'Bus', cost: 70_000 }],
    }
    const theme: ThemeData = { councilId, processId: ids.process, title: 'Musik', easyTitle: '', inProposal: true }
    const results = await push(staff, [
      { entity: 'workshop-process', entityId: ids.process, patch: process },
      { entity: 'workshop-process', entityId: ids.consultation, patch: { ...process, kind: 'consultation', title: 'Høring om åbningstider', budget: null, deadline: new Date(Date.now() + 3 * 86_400_000).toISOString() } },
      { entity: 'workshop-session', entityId: ids.session, patch: session(CODE, true) },
      { entity: 'workshop-session', entityId: ids.closed, patch: session('PQRS23', false) },
      { entity: 'workshop-statement', entityId: ids.statement, patch: statement },
      { entity: 'workshop-prioritisation', entityId: ids.prio, patch: prio },
      { entity: 'workshop-theme', entityId: ids.theme, patch: theme },
    ])
    expect(results.map((r) => r.reason ?? r.status)).toEqual(Array(7).fill('applied'))
  })
  afterAll(async () => {
    await w?.app.close()
  })

  it('refuses bad input on every route with a reason, never a 500', async () => {
    const cases = [
      await w.call('GET', '/api/workshops/join/xx'),
      await w.call('GET', '/api/workshops/join/ZZZZZZ'),
      await w.call('POST', '/api/workshops/join', { payload: { code: CODE } }),
      await w.call('POST', '/api/workshops/join', { payload: { code: CODE, role: 'king', name: null } }),
      await w.call('POST', '/api/workshops/join', { payload: { code: 'ZZZZZZ', role: 'user', name: null } }),
      await w.call('GET', '/api/workshops/not-a-uuid/results'),
      await w.call('GET', `/api/workshops/${uuidv7()}/results`),
      await w.call('GET', '/api/workshops/not-a-uuid/report.json'),
      await w.call('GET', `/api/workshops/${uuidv7()}/report.csv`),
      await w.call('POST', '/api/workshops/mine', { payload: { ids: [] } }),
      await w.call('POST', '/api/workshops/mine', { payload: { ids: ['x'] } }),
    ]
    for (const reply of cases) {
      expect(reply.statusCode, reply.body).toBeGreaterThanOrEqual(400)
      expect(reply.statusCode, reply.body).toBeLessThan(500)
      expect(reply.json().message).toMatch(/\w/)
    }
  })

  it('a facilitator creates a process from scratch, keeps its invitee list and writes minutes; bad input is refused with a reason', async () => {
    const councilId = w.ids.councilId
    const id = uuidv7()
    const session = uuidv7()
    const base: ProcessData = {
      councilId, kind: 'co-creation', title: 'Ny café', purpose: 'Hvad skal caféen kunne?', frame: '', budget: null, phase: 'collect', templateId: null, invitees: [],
      status: '', statusEasy: '', proposal: '', proposalEasy: '', deadline: null, caseText: '', caseEasy: '', response: '', responseSentOn: null, reportPublished: false,
    }
    const first: SessionData = { councilId, processId: id, kind: 'dialogue', title: 'Dialogmøde', date: null, place: '', code: 'NYCAFE', inputOpen: false, allowAnonymous: true, questions: [], minutes: '' }
    const created = (await push(staff, [{ entity: 'workshop-process', entityId: id, patch: base }, { entity: 'workshop-session', entityId: session, patch: first }])) as { status: string; reason?: string; version?: number }[]
    expect(created.map((r) => r.reason ?? r.status)).toEqual(['applied', 'applied'])
    // Minutes are protected text: a change names the version it was written on, as the app's writer does.
    const baseVersion = created[1]!.version!

    const invitee = { id: uuidv7(), name: 'Ældresagen', how: 'Brev', invitedOn: '2026-05-01' }
    const patchProcess = (cookie: string | null, patch: Record<string, unknown>) => push(cookie, [{ entity: 'workshop-process', entityId: id, op: 'patch', patch }])
    expect((await patchProcess(staff, { invitees: [invitee] }))[0]!.status).toBe('applied')
    const written = (await push(staff, [{ entity: 'workshop-session', entityId: session, op: 'patch', baseVersion, patch: { minutes: '12 kom. Musik var det vigtigste.' } }]))[0] as { status: string; version?: number }
    expect(written.status).toBe('applied')
    const seen = written.version!
    const built: Report = (await report(staff, id)).json()
    expect(built.invitees).toEqual([invitee])
    expect(built.sessions[0]).toMatchObject({ title: 'Dialogmøde', minutes: '12 kom. Musik var det vigtigste.' })

    const participant = w.sessionCookie(await join(null))!
    const refused = [
      ...(await patchProcess(staff, { title: '   ' })),
      ...(await patchProcess(staff, { invitees: [{ ...invitee, invitedOn: 'i går' }] })),
      ...(await patchProcess(staff, { invitees: [{ ...invitee, name: '' }] })),
      ...(await patchProcess(staff, { invitees: [invitee, invitee] })),
      ...(await patchProcess(staff, { budget: -5 })),
      ...(await patchProcess(staff, { deadline: new Date().toISOString() })),
      ...(await push(staff, [{ entity: 'workshop-process', entityId: uuidv7(), patch: { ...base, kind: 'consultation' } }])),
      ...(await push(staff, [{ entity: 'workshop-session', entityId: session, op: 'patch', baseVersion: seen, patch: { minutes: 'x'.repeat(20_001) } }])),
      ...(await push(staff, [{ entity: 'workshop-session', entityId: session, op: 'patch', patch: { questions: [{ id: invitee.id, text: 'A', easyText: '' }, { id: invitee.id, text: 'B', easyText: '' }] } }])),
      ...(await push(participant, [{ entity: 'workshop-session', entityId: session, op: 'patch', baseVersion: seen, patch: { minutes: 'Mit referat' } }])),
      ...(await patchProcess(participant, { invitees: [] })),
      ...(await patchProcess(null, { invitees: [] })),
    ]
    for (const r of refused) {
      expect(r.status, JSON.stringify(r)).toBe('rejected')
      expect(r.reason).toMatch(/\w{3}/)
    }
    expect(refused.map((r) => r.reason).slice(3, 7)).toEqual([
      'Each invitee is on the list once; two have the same id.',
      expect.stringMatching(/budget/),
      'Only a consultation has a deadline.',
      'A consultation needs a deadline.',
    ])
    // Nothing refused changed the record.
    expect(((await report(staff, id)).json() as Report).invitees).toEqual([invitee])
  })

  it('a person joins by link without an account: a participant, signed in on the device, with no address kept', async () => {
    const preview = await w.call('GET', `/api/workshops/join/${CODE.toLowerCase()}`)
    expect(preview.json()).toMatchObject({ processTitle: 'Aktiviteter i lokalområdet', inputOpen: true, allowAnonymous: true })
    const joined = await join(null, 'relative')
    expect(joined.statusCode).toBe(200)
    expect(joined.json().newParticipant).toBe(true)
    const cookie = w.sessionCookie(joined)!
    const me = (await w.call('GET', '/api/me', { cookie })).json()
    expect(me).toMatchObject({ kind: 'person', personKind: 'participant', name: '' })
    const [session] = await w.db.select().from(sessions).where(eq(sessions.personId, me.personId))
    expect(JSON.stringify(session)).not.toMatch(/127\.0\.0\.1|::1/)
    // The participant now reads the session (its questions), which the public does not.
    expect((await pulled(cookie)).some((c) => c.entityId === ids.session && c.data)).toBe(true)
    expect((await pulled(null)).some((c) => c.entityId === ids.session)).toBe(false)
  })

  it('numbers contributions, lands a resent one once, and keeps the role; anonymous ones carry no person', async () => {
    const cookie = w.sessionCookie(await join(null, 'user', 'Bent'))!
    const first = await contribute(cookie)
    expect(first.result).toMatchObject({ status: 'applied', data: { ref: expect.stringMatching(/^B-\d+$/) } })
    const again = await contribute(cookie, {}, first.id)
    expect(again.result).toMatchObject({ status: 'applied', data: { ref: first.result.data!.ref } })
    const records = (await pulled(staff)).filter((c) => c.entityId === first.id)
    expect(records).toHaveLength(1)
    expect(records[0]!.data).toMatchObject({ role: 'user', name: 'Bent', anonymous: false, relative: false })

    const anonymous = await contribute(cookie, { anonymous: true, text: 'Bedre kaffe' })
    const stored = (await pulled(staff)).find((c) => c.entityId === anonymous.id)!.data!
    expect(stored).toMatchObject({ personId: null, name: null, anonymous: true, relative: false, onBehalfOf: null })
  })

  it('two contributions sent in one push (written offline) land at the version of that push, and the next pull shows both', async () => {
    const cookie = w.sessionCookie(await join(null, 'user'))!
    const payload = (id: string, text: string) => ({ id, processId: ids.process, sessionId: ids.session, questionId: ids.question, text, photo: null, recording: null, role: 'user', anonymous: false, interviewConsentOn: null })
    const [a, b] = [uuidv7(), uuidv7()]
    const reply = await w.call('POST', '/api/sync/push', {
      cookie,
      payload: { clientId: uuidv7(), protocolVersion: 1, mutations: [a, b].map((id, i) => ({ id: uuidv7(), entity: 'workshop-contribute', entityId: id, op: 'put', baseVersion: null, patch: payload(id, `Idé ${i + 1}`) })) },
    })
    const answer = reply.json() as { version: number; results: { status: string; version: number }[] }
    expect(answer.results.map((r) => [r.status, r.version])).toEqual([
      ['applied', answer.version],
      ['applied', answer.version],
    ])
    const after = `since=${answer.version - 1}&scopes=${encodeURIComponent(`council:${w.ids.councilId}`)}&protocolVersion=1`
    const pulled = (await w.call('GET', `/api/sync/pull?${after}`, { cookie: staff })).json() as { cursor: string; changes: { entityId: string; version: number }[] }
    expect(pulled.changes.filter((c) => c.entityId === a || c.entityId === b).map((c) => c.version)).toEqual([answer.version, answer.version])
    expect(Number(pulled.cursor)).toBe(answer.version)
  })

  it('a signed-in relative contributes as a relative, and it shows', async () => {
    const lene = await w.cardSignIn(DEMO_ACCOUNTS.relativeCard)
    expect((await join(lene, 'relative')).json().newParticipant).toBe(false)
    const sent = await contribute(lene, { role: 'relative', text: 'Flere ture for dem der bruger kørestol' })
    expect(sent.result.status).toBe('applied')
    expect((await pulled(staff)).find((c) => c.entityId === sent.id)!.data).toMatchObject({ role: 'relative', relative: true, personId: w.ids.relativeId })
  })

  it('refuses input to a closed session, to a stranger, and an interview from a non-staff person', async () => {
    const cookie = w.sessionCookie(await join(null))!
    expect((await contribute(cookie, { sessionId: ids.closed })).result).toMatchObject({ status: 'rejected', code: 'closed' })
    const stranger = await w.sessionFor(await w.newPerson('participant'))
    expect((await contribute(stranger)).result).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect((await contribute(cookie, { interviewConsentOn: '2026-06-01' })).result).toMatchObject({ status: 'rejected', code: 'forbidden' })
    expect((await contribute(cookie, { text: '   ' })).result).toMatchObject({ status: 'rejected', code: 'invalid' })
    expect((await push(cookie, [{ entity: 'workshop-process', entityId: ids.process, op: 'patch', patch: { title: 'Mit' } }]))[0]!.status).toBe('rejected')
  })

  it('staff enter an interview with consent and no person; a hidden contribution is gone for others and its reason shown to its author', async () => {
    const interview = await contribute(staff, { text: 'Hun vil gerne have bankospil', role: 'user', interviewConsentOn: '2026-06-01' })
    expect((await pulled(staff)).find((c) => c.entityId === interview.id)!.data).toMatchObject({ personId: null, interview: { consentOn: '2026-06-01' } })

    const author = w.sessionCookie(await join(null))!
    const other = w.sessionCookie(await join(null))!
    const hidden = await contribute(author, { text: 'Navnet på en anden beboer' })
    expect((await pulled(other)).find((c) => c.entityId === hidden.id)?.data).toBeTruthy()
    const reason = 'Den nævner en anden beboer ved navn'
    expect((await push(staff, [{ entity: 'workshop-contribution', entityId: hidden.id, op: 'patch', patch: { hiddenReason: reason } }]))[0]!.status).toBe('applied')
    expect((await pulled(other)).find((c) => c.entityId === hidden.id)?.data ?? null).toBeNull()
    expect((await pulled(author)).find((c) => c.entityId === hidden.id)!.data).toMatchObject({ hiddenReason: reason })
    const mine = await w.call('POST', '/api/workshops/mine', { cookie: author, payload: { ids: [hidden.id] } })
    expect(mine.json()).toEqual([expect.objectContaining({ place: 'hidden', hiddenReason: reason })])
    // Staff change where it ended up, never the words.
    expect((await push(staff, [{ entity: 'workshop-contribution', entityId: hidden.id, op: 'patch', patch: { text: 'Pænere' } }]))[0]!.status).toBe('rejected')
  })

  it('a merge keeps both references, each pointing at the other, in the theme', async () => {
    const cookie = w.sessionCookie(await join(null))!
    const a = await contribute(cookie, { text: 'Mere musik' })
    const b = await contribute(cookie, { text: 'Musik om aftenen' })
    const results = await push(staff, [
      { entity: 'workshop-contribution', entityId: a.id, op: 'patch', patch: { themeId: ids.theme, mergedWith: [b.id] } },
      { entity: 'workshop-contribution', entityId: b.id, op: 'patch', patch: { mergedWith: [a.id] } },
    ])
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const built: Report = (await report(staff)).json()
    const musik = built.themes.find((t) => t.title === 'Musik')!
    expect(musik.entries.map((e) => [e.ref, e.mergedWith])).toEqual(
      expect.arrayContaining([[a.result.data!.ref, [b.result.data!.ref]], [b.result.data!.ref, [a.result.data!.ref]]]),
    )
    const placed = (await w.call('POST', '/api/workshops/mine', { payload: { ids: [a.id, b.id] } })).json()
    expect(placed.map((p: { place: string; themeTitle: string; inProposal: boolean }) => [p.place, p.themeTitle, p.inProposal])).toEqual([['theme', 'Musik', true], ['theme', 'Musik', true]])
  })

  it('a late viewpoint to a consultation is kept and marked', async () => {
    const karen = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
    const onTime = await contribute(karen, { processId: ids.consultation, sessionId: null, questionId: null, text: 'Åbent til kl. 22' })
    expect(onTime.result.status).toBe('applied')
    // The push decides by the server's clock; staff move the deadline to just before it.
    const passed = await push(staff, [{ entity: 'workshop-process', entityId: ids.consultation, op: 'patch', patch: { deadline: new Date(w.clock.now().getTime() - 60_000).toISOString() } }])
    expect(passed[0]!.status).toBe('applied')
    const late = await contribute(karen, { processId: ids.consultation, sessionId: null, questionId: null, text: 'Også om søndagen' })
    expect(late.result.status).toBe('applied')
    const built: Report = (await report(staff, ids.consultation)).json()
    expect(reportEntries(built).map((e) => [e.text, e.late])).toEqual([['Åbent til kl. 22', false], ['Også om søndagen', true]])
  })

  it('reactions and dots count once per person, within the budget frame, by count', async () => {
    const cookie = w.sessionCookie(await join(null))!
    const react = (answer: string) => push(cookie, [{ entity: 'workshop-react', entityId: uuidv7(), patch: { statementId: ids.statement, answer } }])
    expect((await react('disagree'))[0]!.status).toBe('applied')
    expect((await react('agree'))[0]!.status).toBe('applied')
    const allocate = (allocation: Record<string, number>) => push(cookie, [{ entity: 'workshop-allocate', entityId: uuidv7(), patch: { prioritisationId: ids.prio, allocation } }])
    expect((await allocate({ [ids.cafe]: 1, [ids.bus]: 1 }))[0]).toMatchObject({ status: 'rejected', code: 'invalid' })
    expect((await allocate({ [ids.cafe]: 4 }))[0]).toMatchObject({ status: 'rejected' })
    expect((await allocate({ [ids.cafe]: 2 }))[0]!.status).toBe('applied')
    const results = (await w.call('GET', `/api/workshops/${ids.process}/results`, { cookie })).json()
    expect(results.statements[0]).toMatchObject({ agree: 1, disagree: 0, pass: 0, verdict: 'unclear' })
    expect(results.priorities[0].totals[0]).toMatchObject({ optionId: ids.cafe, total: 2, people: 1 })
    expect(results.mine).toEqual({ answers: { [ids.statement]: 'agree' }, allocations: { [ids.prio]: { [ids.cafe]: 2 } } })
    expect((await w.call('GET', `/api/workshops/${ids.process}/results`)).statusCode).toBe(401)
  })

  it('gives contributions sent at once each their own reference, and takes reactions sent at once', async () => {
    // Contributions take the sync version lock to number themselves; reactions take none (an
    // upsert per person), so on PostgreSQL they really run side by side.
    const cookies = await Promise.all(Array.from({ length: 8 }, async () => w.sessionCookie(await join(null))!))
    const counted = async () => {
      const results = (await w.call('GET', `/api/workshops/${ids.process}/results`, { cookie: cookies[0]! })).json()
      const statement = results.statements.find((s: { statementId: string }) => s.statementId === ids.statement)
      return statement.agree + statement.disagree + statement.pass
    }
    const before = await counted()
    const sent = await Promise.all(cookies.map((cookie, i) => contribute(cookie, { text: `Samtidig idé ${i}` })))
    expect(sent.map((s) => s.result.status)).toEqual(Array(8).fill('applied'))
    expect(new Set(sent.map((s) => s.result.data!.ref)).size).toBe(8)
    const reactions = await Promise.all(
      cookies.flatMap((cookie) => ['disagree', 'agree'].map((answer) => push(cookie, [{ entity: 'workshop-react', entityId: uuidv7(), patch: { statementId: ids.statement, answer } }]))),
    )
    expect(reactions.map((r) => r[0]!.status)).toEqual(Array(16).fill('applied'))
    // Each of the eight answered twice; one answer each counts, whichever came last.
    expect((await counted()) - before).toBe(8)
  })

  it('takes input as a photo or a voice recording once the media are uploaded; participants may fetch them, strangers not; the report says so', async () => {
    const cookie = w.sessionCookie(await join(null, 'relative'))!
    const photo = { sha256: sha(PHOTO), type: 'image/jpeg', bytes: PHOTO.length }
    const recording = { sha256: sha(VOICE), type: 'audio/webm', bytes: VOICE.length }
    // Named before it was uploaded: the device is told to upload it and try again, nothing is stored.
    const early = await contribute(cookie, { text: '', photo, role: 'relative' })
    expect(early.result).toMatchObject({ status: 'rejected', code: 'media_missing' })
    expect((await pulled(staff)).some((c) => c.entityId === early.id)).toBe(false)
    for (const [bytes, type] of [[PHOTO, 'image/jpeg'], [VOICE, 'audio/webm']] as const) {
      const put = await w.call('PUT', `/api/media/${sha(bytes)}`, { cookie, payload: bytes, headers: { 'content-type': type } })
      expect(put.statusCode, put.body).toBeLessThan(300)
    }
    // A reference that calls the recording a photo is refused with a reason.
    const mislabelled = await contribute(cookie, { text: '', photo: { ...recording, type: 'image/jpeg' } })
    expect(mislabelled.result).toMatchObject({ status: 'rejected', code: 'invalid', reason: expect.stringMatching(/audio\/webm/) })
    // The same contribution sent again after the upload lands, without any text.
    const sent = await contribute(cookie, { text: '', photo, recording, role: 'relative' }, early.id)
    expect(sent.result).toMatchObject({ status: 'applied', data: { ref: expect.stringMatching(/^B-\d+$/) } })
    expect((await pulled(staff)).find((c) => c.entityId === sent.id)!.data).toMatchObject({ text: '', photo, recording, role: 'relative', relative: false })

    const other = w.sessionCookie(await join(null))!
    expect((await w.call('GET', `/api/media/${photo.sha256}`, { cookie: other })).statusCode).toBe(200)
    expect((await w.call('GET', `/api/media/${recording.sha256}`, { cookie: staff })).statusCode).toBe(200)
    const stranger = await w.sessionFor(await w.newPerson('participant'))
    expect((await w.call('GET', `/api/media/${photo.sha256}`, { cookie: stranger })).statusCode).toBe(404)
    expect((await w.call('GET', `/api/media/${photo.sha256}`)).statusCode).toBe(404)

    const entry = reportEntries((await report(staff)).json()).find((e) => e.ref === sent.result.data!.ref)!
    expect(entry).toMatchObject({ hasPhoto: true, hasRecording: true, role: 'relative', text: '' })
    const csv = (await w.call('GET', `/api/workshops/${ids.process}/report.csv`, { cookie: staff })).body
    const lines = csv.split('\r\n')
    expect(lines[0]).toMatch(/"photo","recording"$/)
    expect(lines.find((l) => l.startsWith(`"${sent.result.data!.ref}",`))).toMatch(/,"?true"?,"?true"?$/)
  })

  it('the report places every reference once, is for staff until published, then public without personal data', async () => {
    const inside: Report = (await report(staff)).json()
    const refs = reportEntries(inside).map((e) => e.ref)
    const stored = (await pulled(staff)).filter((c) => c.entity === 'workshop-contribution' && (c.data as ContributionData | null)?.processId === ids.process)
    expect(refs.sort()).toEqual(stored.map((c) => (c.data as ContributionData).ref).sort())
    expect(new Set(refs).size).toBe(refs.length)
    expect(inside.sessions.find((s) => s.id === ids.session)!.participants.some((p) => p.names.includes('Bent'))).toBe(true)

    expect((await report(null)).statusCode).toBe(401)
    const participant = w.sessionCookie(await join(null))!
    expect((await report(participant)).statusCode).toBe(403)
    expect((await push(staff, [{ entity: 'workshop-process', entityId: ids.process, op: 'patch', patch: { reportPublished: true } }]))[0]!.status).toBe('applied')
    const open = await report(null)
    expect(open.statusCode).toBe(200)
    const text = open.body
    expect(text).not.toContain('Bent')
    expect(text).not.toContain(w.ids.relativeId)
    expect(text).not.toContain('personId')
    expect(open.json().public).toBe(true)
    const csv = await w.call('GET', `/api/workshops/${ids.process}/report.csv`)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.trim().split('\r\n')).toHaveLength(refs.length + 1)
    const api = (await w.call('GET', '/api/openapi.json')).json()
    expect(Object.keys(api.paths)).toContain('/api/workshops/{id}/report.json')
  })

  it('erasing a participant anonymises their contributions and keeps the report whole', async () => {
    const joined = await join(null, 'user', 'Gitte')
    const cookie = w.sessionCookie(joined)!
    const personId = joined.json().personId as string
    const sent = await contribute(cookie, { text: 'Gittes idé' })
    await push(cookie, [{ entity: 'workshop-react', entityId: uuidv7(), patch: { statementId: ids.statement, answer: 'agree' } }])
    const before: Report = (await report(staff)).json()
    await w.db.transaction((tx) => erasePerson(tx, w.registry, personId, { kind: 'system' }, new Date()))
    const after: Report = (await report(staff)).json()
    expect(reportEntries(after).map((e) => e.ref).sort()).toEqual(reportEntries(before).map((e) => e.ref).sort())
    expect(after.statements[0]!.total).toBe(before.statements[0]!.total)
    expect(after.sessions.flatMap((x) => x.participants.flatMap((p) => p.names))).not.toContain('Gitte')
    expect(before.sessions.flatMap((x) => x.participants.flatMap((p) => p.names))).toContain('Gitte')
    expect((await pulled(staff)).find((c) => c.entityId === sent.id)!.data).toMatchObject({ personId: null, name: null, text: 'Gittes idé' })
    const [row] = await w.db.select().from(people).where(eq(people.id, personId))
    expect(row!.name).toBe('')
  })
})

// Only PostgreSQL has a second connection to hold the lock with; PGlite is one connection.
describe.each(databasesUnderTest().filter((target) => target.name === 'postgres'))('workshop reactions and the sync version lock, on $name', (target) => {
  /** An open statement in a new process, and a second connection to hold locks with. */
  async function withStatement(run: (w: World, staff: string, statementId: string, holder: pg.Client) => Promise<void>) {
    const database = await target.open()
    const w = await openWorld(database)
    try {
      const staff = await w.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
      const processId = uuidv7()
      const statementId = uuidv7()
      const councilId = w.ids.councilId
      const setup = await w.call('POST', '/api/sync/push', {
        cookie: staff,
        payload: {
          clientId: uuidv7(),
          protocolVersion: 1,
          mutations: [
            { id: uuidv7(), entity: 'workshop-process', entityId: processId, op: 'put', baseVersion: null, patch: { councilId, kind: 'co-creation', title: 'Lås', purpose: '', frame: '', budget: null, phase: 'collect', templateId: null, invitees: [], status: '', statusEasy: '', proposal: '', proposalEasy: '', deadline: null, caseText: '', caseEasy: '', response: '', responseSentOn: null, reportPublished: false } },
            { id: uuidv7(), entity: 'workshop-statement', entityId: statementId, op: 'put', baseVersion: null, patch: { councilId, processId, sessionId: null, text: 'Vi skal have mere musik', easyText: '', open: true } },
          ],
        },
      })
      expect(setup.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied'])
      const holder = new pg.Client({ connectionString: database.url })
      await holder.connect()
      try {
        await holder.query('begin')
        await run(w, staff, statementId, holder)
      } finally {
        await holder.query('rollback')
        await holder.end()
      }
    } finally {
      await w.app.close()
    }
  }
  const react = (w: World, cookie: string, statementId: string) =>
    w.call('POST', '/api/sync/push', {
      cookie,
      payload: { clientId: uuidv7(), protocolVersion: 1, mutations: [{ id: uuidv7(), entity: 'workshop-react', entityId: uuidv7(), op: 'put', baseVersion: null, patch: { statementId, answer: 'agree' } }] },
    })
  const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), ms))])

  it('takes a reaction while another transaction holds the sync version lock', async () => {
    await withStatement(async (w, staff, statementId, holder) => {
      const [locked] = (await holder.query('select version from sync_state where id = 1 for update')).rows as { version: string }[]
      const answered = await within(react(w, staff, statementId), 10_000)
      expect(answered).not.toBe('waited')
      if (answered === 'waited') return
      expect(answered.json()).toEqual({ results: [expect.objectContaining({ status: 'applied' })], version: Number(locked!.version) })
    })
  })

  it('a reaction sent while the statement is being closed waits for the close and is refused, so none lands after it', async () => {
    await withStatement(async (w, staff, statementId, holder) => {
      await holder.query(`update sync_records set data = jsonb_set(data, '{open}', 'false') where entity = 'workshop-statement' and id = $1`, [statementId])
      const reaction = react(w, staff, statementId)
      // Without the shared lock the reaction read the statement as last committed (open) and was stored.
      expect(await within(reaction, 500)).toBe('waited')
      await holder.query('commit')
      const answered = await reaction
      expect(answered.json().results).toEqual([expect.objectContaining({ status: 'rejected', code: 'closed' })])
      const stored = await holder.query('select count(*)::int as n from workshop_reactions where statement_id = $1', [statementId])
      expect(stored.rows[0].n).toBe(0)
      await holder.query('begin')
    })
  })
})
