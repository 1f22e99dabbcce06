import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { auditLog, councils, memberships, people, relativeLinks } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

describe.each(databasesUnderTest())('the admin API on $name', (target) => {
  let database: Database
  let w: World
  let admin: string
  let secretary: string

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
    admin = await w.signIn(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password)
    secretary = await w.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
  })
  afterAll(async () => {
    await w.app.close()
  })

  const counts = async () => ({
    people: (await w.db.select().from(people)).length,
    memberships: (await w.db.select().from(memberships)).length,
    links: (await w.db.select().from(relativeLinks)).length,
    councils: (await w.db.select().from(councils)).length,
  })

  it('shows a secretary only their councils and the people they may manage', async () => {
    const theirs = (await w.call('GET', '/api/admin/councils', { cookie: secretary })).json()
    expect(theirs.map((c: { id: string }) => c.id)).toEqual([w.ids.councilId])
    expect((await w.call('GET', '/api/admin/councils', { cookie: admin })).json()).toHaveLength(2)

    const fresh = (await w.call('POST', '/api/admin/people', { cookie: secretary, payload: { name: ' Nyt Medlem ', kind: 'member' } })).json()
    expect(fresh).toMatchObject({ name: 'Nyt Medlem', kind: 'member', councilIds: [] })
    const elsewhere = await w.newPerson('member', w.ids.otherCouncilId)
    const names = (await w.call('GET', '/api/admin/people', { cookie: secretary })).json().map((p: { id: string }) => p.id)
    expect(names).toContain(fresh.id)
    expect(names).toContain(w.ids.relativeId)
    expect(names).not.toContain(elsewhere.personId)
    expect(names).not.toContain(w.ids.adminId)

    const patched = await w.call('PATCH', `/api/admin/people/${elsewhere.personId}`, { cookie: secretary, payload: { name: 'X' } })
    expect(patched.statusCode).toBe(403)
    expect(patched.json().code).toBe('not_your_person')
  })

  it('publishes a new council to every device and audits it with who did it', async () => {
    const input = { name: 'Hjemløserådet', kind: 'homeless-council', centre: 'Herberget', description: 'Rådet for herberget.', retentionMonths: 12 }
    const created = await w.call('POST', '/api/admin/councils', { cookie: admin, payload: input })
    expect(created.json()).toMatchObject(input)
    const pulled = (await w.pull('public:councils')).json().changes.find((c: { entityId: string }) => c.entityId === created.json().id)
    expect(pulled.data).toEqual({ name: input.name, kind: input.kind, centre: input.centre, description: input.description })

    const audit = (await w.call('GET', '/api/admin/audit?limit=1', { cookie: admin })).json()
    expect(audit[0]).toMatchObject({ action: 'council.create', targetId: created.json().id, actorId: w.ids.adminId, actorName: 'Dorthe Demo (administrator)' })
    const older = (await w.call('GET', `/api/admin/audit?limit=2&before=${audit[0].id}`, { cookie: admin })).json()
    expect(older.every((e: { id: number }) => e.id < audit[0].id)).toBe(true)
  })

  it('creates staff accounts once per e-mail, and keeps at least one administrator', async () => {
    const input = { name: 'Sara Sekretær', email: 'Sara@Kommune.dk', password: 'et langt kodeord', staffRole: 'secretary', councilIds: [w.ids.otherCouncilId] }
    const created = await w.call('POST', '/api/admin/staff', { cookie: admin, payload: input })
    expect(created.json()).toMatchObject({ email: 'sara@kommune.dk', staffRole: 'secretary', councilIds: [w.ids.otherCouncilId] })
    const again = await w.call('POST', '/api/admin/staff', { cookie: admin, payload: { ...input, email: 'SARA@kommune.dk' } })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('email_taken')

    const sara = await w.signIn('sara@kommune.dk', 'et langt kodeord')
    expect((await w.call('GET', '/api/me', { cookie: sara })).json().staffCouncilIds).toEqual([w.ids.otherCouncilId])
    await w.call('PATCH', `/api/admin/staff/${created.json().id}`, { cookie: admin, payload: { councilIds: [w.ids.councilId] } })
    expect((await w.call('GET', '/api/me', { cookie: sara })).json().staffCouncilIds).toEqual([w.ids.councilId])

    const demote = await w.call('PATCH', `/api/admin/staff/${w.ids.adminId}`, { cookie: admin, payload: { staffRole: 'secretary' } })
    expect(demote.statusCode).toBe(409)
    expect(demote.json().code).toBe('last_admin')
  })

  it('answers bad input on every route with a 4xx and a message, and saves nothing', async () => {
    const before = await counts()
    const ghost = uuidv7()
    const { personId: loose } = await w.newPerson('member')
    const { membershipId } = await w.newPerson('member', w.ids.councilId)
    const after = { ...before, people: before.people + 2, memberships: before.memberships + 1 }
    const member = { personId: ghost, role: 'member', termStart: '2026-01-01', termEnd: null, listedPublicly: false }
    const cases: [string, string, unknown, number, string?][] = [
      ['POST', '/api/admin/councils', { name: '', kind: 'other', centre: 'C', description: '', retentionMonths: null }, 400],
      ['POST', '/api/admin/councils', { name: 'R', kind: 'club', centre: 'C', description: '', retentionMonths: null }, 400],
      ['PUT', `/api/admin/councils/${ghost}`, { name: 'R', kind: 'other', centre: 'C', description: '', retentionMonths: 0 }, 400],
      ['PUT', `/api/admin/councils/${ghost}`, { name: 'R', kind: 'other', centre: 'C', description: '', retentionMonths: null }, 404, 'no_such_council'],
      ['PUT', '/api/admin/councils/not-a-uuid', { name: 'R', kind: 'other', centre: 'C', description: '', retentionMonths: null }, 400],
      ['GET', '/api/admin/people?councilId=nope', undefined, 400],
      ['POST', '/api/admin/people', { name: '   ', kind: 'member' }, 400],
      ['POST', '/api/admin/people', { name: 'Ib', kind: 'staff' }, 400],
      ['PATCH', `/api/admin/people/${ghost}`, { name: 'Ib' }, 404, 'no_such_person'],
      ['PATCH', `/api/admin/people/${loose}`, { name: 'Ib', email: 'x@y.dk' }, 400],
      ['POST', `/api/admin/councils/${w.ids.councilId}/members`, member, 400, 'no_such_person'],
      ['POST', `/api/admin/councils/${w.ids.councilId}/members`, { ...member, personId: loose, termEnd: '2025-12-31' }, 400, 'term_end_before_start'],
      ['POST', `/api/admin/councils/${w.ids.councilId}/members`, { ...member, personId: loose, role: 'king' }, 400],
      ['POST', `/api/admin/councils/${ghost}/members`, { ...member, personId: loose }, 404, 'no_such_council'],
      ['POST', `/api/admin/councils/${w.ids.councilId}/members`, { ...member, personId: w.ids.memberId }, 409, 'already_member'],
      ['PATCH', `/api/admin/memberships/${membershipId}`, {}, 400],
      ['PATCH', `/api/admin/memberships/${membershipId}`, { termEnd: '2020-01-01' }, 400, 'term_end_before_start'],
      ['PATCH', `/api/admin/memberships/${membershipId}`, { photo: 'data:text/html;base64,AAAA', photoConsentGivenAt: '2026-01-01' }, 400],
      ['PATCH', `/api/admin/memberships/${ghost}`, { role: 'member' }, 404, 'no_such_membership'],
      ['DELETE', `/api/admin/memberships/${ghost}`, undefined, 404, 'no_such_membership'],
      ['GET', `/api/admin/people/${ghost}/cards`, undefined, 404, 'no_such_person'],
      ['POST', `/api/admin/people/${loose}/cards`, { kind: 'tattoo' }, 400],
      ['POST', `/api/admin/cards/${ghost}/revoke`, {}, 404, 'no_such_card'],
      ['POST', '/api/admin/relative-links', { relativeId: loose, residentId: loose, consentGivenAt: '2026-01-01', consentNote: '' }, 400, 'same_person'],
      ['POST', '/api/admin/relative-links', { relativeId: loose, residentId: w.ids.memberId, consentGivenAt: '2026-01-01', consentNote: '' }, 400, 'not_a_relative'],
      ['POST', '/api/admin/relative-links', { relativeId: ghost, residentId: w.ids.memberId, consentGivenAt: '2026-01-01', consentNote: '' }, 400, 'no_such_person'],
      ['POST', '/api/admin/relative-links', { relativeId: w.ids.relativeId, residentId: w.ids.memberId, consentGivenAt: '2026-01-01', consentNote: '' }, 409, 'already_linked'],
      ['POST', '/api/admin/relative-links', { relativeId: w.ids.relativeId, residentId: loose, consentGivenAt: 'yesterday', consentNote: '' }, 400],
      ['DELETE', `/api/admin/relative-links/${w.ids.relativeId}/${loose}`, undefined, 404, 'no_such_link'],
      ['POST', '/api/admin/staff', { name: 'Kim', email: 'kim@x.dk', password: 'elleve-tegn', staffRole: 'admin', councilIds: [] }, 400],
      ['POST', '/api/admin/staff', { name: 'Kim', email: 'no-at-sign', password: 'et langt kodeord', staffRole: 'admin', councilIds: [] }, 400],
      ['POST', '/api/admin/staff', { name: 'Kim', email: 'kim@x.dk', password: 'et langt kodeord', staffRole: 'secretary', councilIds: [ghost] }, 400, 'no_such_council'],
      ['PATCH', `/api/admin/staff/${w.ids.memberId}`, { name: 'Karen' }, 404, 'no_such_staff'],
      ['PATCH', `/api/admin/staff/${w.ids.secretaryId}`, {}, 400],
      ['GET', '/api/admin/audit?limit=0', undefined, 400],
      ['GET', '/api/admin/audit?before=abc', undefined, 400],
      ['POST', `/api/admin/people/${ghost}/erase`, {}, 404, 'no_such_person'],
      ['POST', `/api/admin/people/${w.ids.adminId}/erase`, {}, 400, 'cannot_erase_self'],
      ['POST', `/api/admin/people/${loose}/erase`, { really: true }, 400],
      ['POST', '/api/me/erasure-request', { now: true }, 400],
    ]
    for (const [method, url, payload, status, code] of cases) {
      const reply = await w.call(method as 'POST', url, { cookie: admin, payload })
      expect(reply.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${reply.body}`).toBe(status)
      expect(reply.json().message, url).toMatch(/\w{3,}/)
      if (code) expect(reply.json().code, url).toBe(code)
    }
    expect(await counts()).toEqual(after)
  })

  it('keeps the audit log append-only: the database refuses UPDATE and DELETE', async () => {
    expect((await w.db.select().from(auditLog)).length).toBeGreaterThan(0)
    await expect(w.db.execute(sql`update audit_log set action = 'nothing'`)).rejects.toThrow()
    await expect(w.db.execute(sql`delete from audit_log`)).rejects.toThrow()
    expect((await w.db.select().from(auditLog)).some((e) => e.action === 'nothing')).toBe(false)
  })
})
