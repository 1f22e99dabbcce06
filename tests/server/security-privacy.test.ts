import { eq, or, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountsContext } from '../../src/server/accounts/context.js'
import { auditLog, people, relativeLinks, sessions } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { runRetention } from '../../src/server/privacy/retention.js'
import { createMemoryPokeBus } from '../../src/server/sync/pokes.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

const DAY = 86_400_000

/** Finding 10 of the security review: what is kept about people, for how long, and what they get to see. */
describe.each(databasesUnderTest())('privacy in storage and export on $name', (target) => {
  let database: Database
  let w: World
  let admin: string
  let ctx: AccountsContext

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
    admin = await w.sessionFor({ personId: w.ids.adminId })
    ctx = { db: database.db, registry: w.registry, pokes: createMemoryPokeBus(), limits: w.limits, now: w.clock.now, endedSessionDays: 30 }
  })
  afterAll(async () => {
    await w.app.close()
  })

  const auditRowsNaming = (id: string) =>
    database.db
      .select()
      .from(auditLog)
      .where(or(sql`${auditLog.actorId}::text = ${id}`, eq(auditLog.targetId, id), sql`strpos(${auditLog.details}::text, ${id}) > 0`))

  it('exports ended sessions and the audit entries about the person, and removes ended sessions after ENDED_SESSION_DAYS', async () => {
    const old = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
    await w.call('POST', '/api/auth/sign-out', { cookie: old, payload: {} })
    await w.call('POST', `/api/admin/people/${w.ids.memberId}/cards`, { cookie: admin, payload: { kind: 'card' } })
    const live = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
    const exported = (await w.call('GET', '/api/me/export', { cookie: live })).json()
    const ended = exported.sessions.filter((s: { endedAt: string | null }) => s.endedAt !== null)
    expect(ended.length).toBeGreaterThan(0)
    expect(exported.sessions.some((s: { endedAt: string | null }) => s.endedAt === null)).toBe(true)
    expect(exported.auditEntries.map((e: { action: string }) => e.action)).toContain('card.issue')

    w.clock.advance(29 * DAY)
    await runRetention(ctx)
    expect(await database.db.select().from(sessions).where(eq(sessions.id, ended[0].id))).toHaveLength(1)
    w.clock.advance(2 * DAY)
    await runRetention(ctx)
    expect(await database.db.select().from(sessions).where(eq(sessions.id, ended[0].id))).toEqual([])
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
  })

  it('pseudonymises the erased person in the append-only audit log, and lets nothing else change it', async () => {
    const { personId } = await w.newPerson('member')
    const relative = (await w.newPerson('relative')).personId
    await w.call('POST', `/api/admin/councils/${w.ids.councilId}/members`, {
      cookie: admin,
      payload: { personId, role: 'member', termStart: '2026-01-01', termEnd: null, listedPublicly: false },
    })
    await w.call('POST', `/api/admin/people/${personId}/cards`, { cookie: admin, payload: { kind: 'card' } })
    const link = await w.call('POST', '/api/admin/relative-links', {
      cookie: admin,
      payload: { relativeId: relative, residentId: personId, consentGivenAt: '2026-05-01', consentNote: 'Ja' },
    })
    expect(link.statusCode, link.body).toBe(200)
    const before = (await auditRowsNaming(personId)).length
    expect(before).toBeGreaterThanOrEqual(3)
    const total = (await database.db.select().from(auditLog)).length

    expect((await w.call('POST', `/api/admin/people/${personId}/erase`, { cookie: admin, payload: {} })).statusCode).toBe(200)
    expect(await auditRowsNaming(personId)).toEqual([])
    expect((await database.db.select().from(auditLog)).length).toBe(total + 1)

    await expect(database.db.execute(sql`update audit_log set action = 'x' where id = (select min(id) from audit_log)`)).rejects.toThrow()
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('brugerstemme.audit_pseudonymise', ${`${relative} ${uuidv7()}`}, true)`)
        await tx.execute(sql`update audit_log set action = 'x' where strpos(details::text, ${relative}) > 0`)
      }),
    ).rejects.toThrow()
    await expect(database.db.execute(sql`delete from audit_log`)).rejects.toThrow()
  })

  it('erases relatives and participants who belong to nothing after a year without use', async () => {
    const yearAgo = new Date(w.clock.now().getTime() - 370 * DAY)
    const insert = async (kind: 'relative' | 'participant', createdAt: Date) => {
      const id = uuidv7()
      await database.db.insert(people).values({ id, kind, name: `Gammel ${id.slice(-4)}`, createdAt })
      return id
    }
    const forgotten = await insert('participant', yearAgo)
    const recent = await insert('relative', new Date(w.clock.now().getTime() - 30 * DAY))
    const linked = await insert('relative', yearAgo)
    await database.db.insert(relativeLinks).values({ relativeId: linked, residentId: w.ids.memberId, consentGivenAt: '2025-01-01', consentNote: '', recordedBy: w.ids.adminId })
    const seenLately = await insert('participant', yearAgo)
    await w.sessionFor({ personId: seenLately })

    await runRetention(ctx)
    const erased = async (id: string) => (await database.db.select().from(people).where(eq(people.id, id)))[0]!.erasedAt !== null
    expect(await erased(forgotten)).toBe(true)
    for (const kept of [recent, linked, seenLately]) expect(await erased(kept)).toBe(false)
  })
})
