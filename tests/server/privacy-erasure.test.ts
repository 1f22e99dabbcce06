import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { erasureRequests, memberships, people, signInCards, sessions } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { writeServerRecords } from '../../src/server/sync/server-write.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'
import { TestDiary, TestIdea } from './sync-fixture.js'

interface Change {
  entity: string
  entityId: string
  data: Record<string, unknown> | null
}

describe.each(databasesUnderTest())('export and erasure on $name', (target) => {
  let database: Database
  let w: World
  let admin: string
  let karen: string
  let lene: string
  const ideaId = uuidv7()
  const othersIdeaId = uuidv7()
  const diaryId = uuidv7()

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
    admin = await w.signIn(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password)
    karen = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
    lene = await w.cardSignIn(DEMO_ACCOUNTS.relativeCard)
    await w.db.transaction((tx) =>
      writeServerRecords(tx, w.registry, [
        { entity: TestIdea.name, id: ideaId, data: { councilId: 'solbakken', authorId: w.ids.memberId, signature: 'Karen fra 2. sal', text: 'Mere frugt til morgenmaden' } },
        { entity: TestIdea.name, id: othersIdeaId, data: { councilId: 'solbakken', authorId: w.ids.relativeId, signature: 'Lene', text: 'Længere besøgstid' } },
        { entity: TestDiary.name, id: diaryId, data: { ownerId: w.ids.memberId, text: 'Min dagbog' } },
      ]),
    )
  })
  afterAll(async () => {
    await w.app.close()
  })

  it('exports everything held about the person as a JSON file, without card codes', async () => {
    const reply = await w.call('GET', '/api/me/export', { cookie: karen })
    expect(reply.statusCode).toBe(200)
    expect(reply.headers['content-disposition']).toBe('attachment; filename="brugerstemme-mine-data.json"')
    const data = reply.json()
    expect(data.profile).toMatchObject({ id: w.ids.memberId, name: 'Karen Holm', councilIds: [w.ids.councilId] })
    expect(data.memberships).toEqual([expect.objectContaining({ councilName: 'Brugerrådet på Solbakken', role: 'chair' })])
    expect(data.relativeLinks).toEqual([expect.objectContaining({ relativeName: 'Lene Holm', residentName: 'Karen Holm' })])
    expect(data.cards).toHaveLength(1)
    expect(reply.body).not.toContain('KAFE')
    expect(data.devices.filter((d: { current: boolean }) => d.current)).toHaveLength(1)
    expect(data.records.map((r: { id: string }) => r.id).sort()).toEqual([ideaId, diaryId].sort())
  })

  it('takes one erasure request at a time and lists open requests first for the admin', async () => {
    const first = await w.call('POST', '/api/me/erasure-request', { cookie: karen, payload: {} })
    expect(first.json()).toMatchObject({ personId: w.ids.memberId, personName: 'Karen Holm', carriedOutAt: null })
    const second = await w.call('POST', '/api/me/erasure-request', { cookie: karen, payload: {} })
    expect(second.json().id).toBe(first.json().id)
    expect((await w.db.select().from(erasureRequests)).length).toBe(1)
    expect((await w.call('GET', '/api/admin/erasure-requests', { cookie: admin })).json()[0].id).toBe(first.json().id)
  })

  it('erases the person, ends their devices, and keeps their contributions without their name', async () => {
    expect((await w.call('GET', '/api/me', { cookie: karen })).json().holdKey).toMatch(/^[\w-]{43}$/)
    const erased = await w.call('POST', `/api/admin/people/${w.ids.memberId}/erase`, { cookie: admin, payload: {} })
    expect(erased.json()).toEqual({ erased: true })

    const [row] = await w.db.select().from(people).where(eq(people.id, w.ids.memberId))
    // Her hold key goes too: work a device still holds for her can no longer be opened.
    expect(row).toMatchObject({ name: '', email: null, passwordHash: null, holdKey: null })
    expect(row!.erasedAt).not.toBeNull()
    expect(await w.db.select().from(memberships).where(eq(memberships.personId, w.ids.memberId))).toEqual([])
    // Cards and devices go entirely: when and where they used the app is theirs too.
    expect(await w.db.select().from(signInCards).where(eq(signInCards.personId, w.ids.memberId))).toEqual([])
    expect(await w.db.select().from(sessions).where(eq(sessions.personId, w.ids.memberId))).toEqual([])

    const ended = await w.call('GET', '/api/me/devices', { cookie: karen })
    expect(ended.json().code).toBe('session_ended')
    expect((await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard } })).statusCode).toBe(401)
    expect((await w.call('GET', '/api/me', { cookie: lene })).json().linkedResidents).toEqual([])

    const council = (await w.pull(`council:${w.ids.councilId}`, await w.sessionFor({ personId: w.ids.secretaryId }))).json().changes as Change[]
    expect(council.filter((c) => c.entity === 'council-member' && c.data && (c.data as { personId: string }).personId === w.ids.memberId)).toEqual([])
    expect(JSON.stringify(council)).not.toContain('Karen Holm')

    const ideas = (await w.pull('council:solbakken')).json().changes as Change[]
    expect(ideas.find((c) => c.entityId === ideaId)!.data).toEqual({ councilId: 'solbakken', authorId: null, signature: null, text: 'Mere frugt til morgenmaden' })
    expect(ideas.find((c) => c.entityId === othersIdeaId)!.data).toMatchObject({ authorId: w.ids.relativeId, signature: 'Lene' })
    const diary = (await w.pull('public:diary')).json().changes as Change[]
    expect(diary.find((c) => c.entityId === diaryId)!.data).toBeNull()

    const requests = (await w.call('GET', '/api/admin/erasure-requests', { cookie: admin })).json()
    expect(requests[0]).toMatchObject({ personId: w.ids.memberId, personName: '' })
    expect(requests[0].carriedOutAt).not.toBeNull()
    const audit = (await w.call('GET', '/api/admin/audit?limit=1', { cookie: admin })).json()
    // The erased person appears in the log under a pseudonym only (finding 10 of the security review).
    expect(audit[0]).toMatchObject({ action: 'person.erase', targetType: 'person', actorId: w.ids.adminId })
    expect(audit[0].targetId).not.toBe(w.ids.memberId)
    const everything = (await w.call('GET', '/api/admin/audit?limit=500', { cookie: admin })).body
    expect(everything).not.toContain(w.ids.memberId)
    expect(JSON.stringify(audit[0].details)).not.toContain('Karen')
  })
})
