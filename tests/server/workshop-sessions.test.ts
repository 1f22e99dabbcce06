import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import type { ProcessData, SessionData } from '../../src/shared/workshops/entities.js'
import type { Question } from '../../src/shared/workshops/model.js'
import { DEMO_ACCOUNTS, OTHER_SECRETARY, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

/**
 * A facilitator adds sessions and questions to a process that already runs. The server keeps a
 * session in its own council's process, and never lets a change lose a contribution: a question
 * that contributions answer is hidden, not removed, and a session with contributions stays.
 */
describe.each(databasesUnderTest())('workshop sessions added later, on $name', (target) => {
  let w: World
  let staff: string
  let other: string
  const ids = { process: uuidv7(), first: uuidv7(), firstQuestion: uuidv7() }
  const FIRST_CODE = 'FQRST2'

  type Result = { status: string; code?: string; reason?: string; version?: number; data?: { ref: string } }
  const push = async (cookie: string | null, mutations: { entity: string; entityId: string; op?: 'put' | 'patch' | 'delete'; patch: Record<string, unknown> }[]) => {
    const reply = await w.call('POST', '/api/sync/push', {
      cookie,
      payload: { clientId: uuidv7(), protocolVersion: 1, mutations: mutations.map((m) => ({ id: uuidv7(), op: 'put', baseVersion: null, ...m })) },
    })
    expect(reply.statusCode).toBe(200)
    return reply.json().results as Result[]
  }
  const sessionData = (over: Partial<SessionData> = {}): SessionData => ({
    councilId: w.ids.councilId, processId: ids.process, kind: 'dialogue', title: 'Dialogmøde på biblioteket', date: '2026-12-03', place: 'Biblioteket', code: 'DAGMDE',
    inputOpen: true, allowAnonymous: true, questions: [], minutes: '', ...over,
  })
  const question = (text: string): Question => ({ id: uuidv7(), text, easyText: '' })
  const patchQuestions = (sessionId: string, questions: Question[], cookie = staff) => push(cookie, [{ entity: 'workshop-session', entityId: sessionId, op: 'patch', patch: { questions } }])
  const contribute = async (cookie: string, sessionId: string, questionId: string, text: string) => {
    const id = uuidv7()
    const payload = { id, processId: ids.process, sessionId, questionId, text, photo: null, recording: null, role: 'user', anonymous: false, interviewConsentOn: null }
    return (await push(cookie, [{ entity: 'workshop-contribute', entityId: id, patch: payload }]))[0]!
  }
  const stored = async (sessionId: string) => {
    const reply = await w.pull(`council:${w.ids.councilId}`, staff)
    const changes = reply.json().changes as { entity: string; entityId: string; data: SessionData | null }[]
    return changes.filter((c) => c.entityId === sessionId).at(-1)?.data ?? null
  }

  beforeAll(async () => {
    w = await openWorld(await target.open())
    staff = await w.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
    other = await w.signIn(OTHER_SECRETARY.email, OTHER_SECRETARY.password)
    const process: ProcessData = {
      councilId: w.ids.councilId, kind: 'co-creation', title: 'Haven ved huset', purpose: '', frame: '', budget: null, phase: 'collect', templateId: null, invitees: [],
      status: '', statusEasy: '', proposal: '', proposalEasy: '', deadline: null, caseText: '', caseEasy: '', response: '', responseSentOn: null, reportPublished: false,
    }
    const results = await push(staff, [
      { entity: 'workshop-process', entityId: ids.process, patch: process },
      { entity: 'workshop-session', entityId: ids.first, patch: sessionData({ kind: 'workshop', title: 'Værksted', code: FIRST_CODE, questions: [{ id: ids.firstQuestion, text: 'Hvad savner du?', easyText: '' }] }) },
    ])
    expect(results.map((r) => r.reason ?? r.status)).toEqual(['applied', 'applied'])
  })
  afterAll(async () => {
    await w?.app.close()
  })

  it('staff add a second session with two questions to a running process; a participant who joined earlier reads it and answers the new question', async () => {
    const joined = await w.call('POST', '/api/workshops/join', { payload: { code: FIRST_CODE, role: 'user', name: null } })
    const participant = w.sessionCookie(joined)!
    const id = uuidv7()
    const [a, b] = [question('Hvad skal der plantes?'), question('Hvem passer haven?')]
    expect((await push(staff, [{ entity: 'workshop-session', entityId: id, patch: sessionData({ questions: [a] }) }]))[0]?.reason ?? 'applied').toBe('applied')
    expect((await patchQuestions(id, [a, b]))[0]).toMatchObject({ status: 'applied' })

    const reply = await w.pull(`council:${w.ids.councilId}`, participant)
    const seen = (reply.json().changes as { entityId: string; data: SessionData | null }[]).filter((c) => c.entityId === id).at(-1)?.data
    expect(seen?.questions.map((q) => q.text)).toEqual(['Hvad skal der plantes?', 'Hvem passer haven?'])
    expect(await contribute(participant, id, b.id, 'Vi kan skiftes')).toMatchObject({ status: 'applied', data: { ref: expect.stringMatching(/^B-\d+$/) } })
  })

  it("keeps a session in its own council's process: another council's staff, a missing process and a move are refused", async () => {
    const foreign = await push(other, [{ entity: 'workshop-session', entityId: uuidv7(), patch: sessionData({ councilId: w.ids.otherCouncilId, code: 'FRMMED' }) }])
    expect(foreign[0]).toMatchObject({ status: 'rejected', reason: 'A session belongs to the council of its process.' })
    const orphan = await push(staff, [{ entity: 'workshop-session', entityId: uuidv7(), patch: sessionData({ processId: uuidv7(), code: 'NPRCSS' }) }])
    expect(orphan[0]).toMatchObject({ status: 'rejected', reason: 'There is no such process; create the process before its sessions.' })

    const elsewhere = uuidv7()
    const process = (await w.pull(`council:${w.ids.councilId}`, staff)).json().changes.find((c: { entityId: string }) => c.entityId === ids.process).data as ProcessData
    expect((await push(staff, [{ entity: 'workshop-process', entityId: elsewhere, patch: { ...process, title: 'Et andet sted' } }]))[0]!.status).toBe('applied')
    const moved = await push(staff, [{ entity: 'workshop-session', entityId: ids.first, op: 'patch', patch: { processId: elsewhere } }])
    expect(moved[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/stays in its process/) })
    const participant = w.sessionCookie(await w.call('POST', '/api/workshops/join', { payload: { code: FIRST_CODE, role: 'user', name: null } }))!
    expect((await patchQuestions(ids.first, [], participant))[0]!.status).toBe('rejected')
    expect((await stored(ids.first))?.processId).toBe(ids.process)
  })

  it('a question with contributions is hidden, never removed; one without may be removed, edited and moved; a session with contributions stays', async () => {
    const participant = w.sessionCookie(await w.call('POST', '/api/workshops/join', { payload: { code: FIRST_CODE, role: 'user', name: null } }))!
    const id = uuidv7()
    const [answered, spare, third] = [question('Hvad er godt ved haven?'), question('Hvad er skidt?'), question('Noget andet?')]
    expect((await push(staff, [{ entity: 'workshop-session', entityId: id, patch: sessionData({ code: 'HVGDT3', questions: [answered, spare, third] }) }]))[0]!.status).toBe('applied')
    expect((await contribute(participant, id, answered.id, 'Bænkene')).status).toBe('applied')

    const removed = await patchQuestions(id, [spare, third])
    expect(removed[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/question with contributions is not removed/) })
    expect((await stored(id))?.questions.map((q) => q.id)).toEqual([answered.id, spare.id, third.id])

    // Reordered, one edited, the one without contributions removed, the answered one hidden.
    const edited = { ...third, text: 'Er der noget andet?' }
    expect((await patchQuestions(id, [edited, { ...answered, hidden: true }]))[0]).toMatchObject({ status: 'applied' })
    expect((await stored(id))?.questions).toEqual([edited, { ...answered, hidden: true }])
    // An answer written offline before it was hidden still lands: nothing typed is lost.
    expect((await contribute(participant, id, answered.id, 'Fuglene')).status).toBe('applied')

    const deleted = await push(staff, [{ entity: 'workshop-session', entityId: id, op: 'delete', patch: {} }])
    expect(deleted[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/has contributions, so it is kept/) })
    expect(await stored(id)).not.toBeNull()

    const empty = uuidv7()
    expect((await push(staff, [{ entity: 'workshop-session', entityId: empty, patch: sessionData({ code: 'TMMDE4', questions: [question('Ingen svar endnu')] }) }]))[0]!.status).toBe('applied')
    expect((await push(staff, [{ entity: 'workshop-session', entityId: empty, op: 'delete', patch: {} }]))[0]!.status).toBe('applied')
    expect(await stored(empty)).toBeNull()
  })

  it('refuses a blank question with a reason', async () => {
    const [r] = await patchQuestions(ids.first, [{ id: ids.firstQuestion, text: 'Hvad savner du?', easyText: '' }, { id: uuidv7(), text: '   ', easyText: '' }])
    expect(r).toMatchObject({ status: 'rejected', code: 'invalid', reason: expect.stringMatching(/questions/) })
  })
})
