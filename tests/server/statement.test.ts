import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_STATEMENT, type StatementInput } from '../../src/shared/help/statement.js'
import { auditLog, instanceMeta } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

const FILLED: StatementInput = {
  authority: 'Egebo Kommune',
  compliance: 'partial',
  knownIssues: 'Optagne oplæsninger har ingen tekst ved siden af.',
  burden: '',
  method: 'self',
  methodNote: 'Automatisk test med axe og test med tastatur og skærmlæser.',
  preparedOn: '2026-05-01',
  reviewedOn: '2026-05-20',
  contactUnit: 'Socialforvaltningen',
  contactEmail: 'tilgaengelighed@egebo.dk',
  contactPhone: '+45 70 10 20 30',
  wasUrl: 'https://www.was.digst.dk/brugerstemme-egebo-dk',
}

describe.each(databasesUnderTest())('the accessibility statement on $name', (target) => {
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

  const read = async () => (await w.call('GET', '/api/accessibility-statement')).json()
  const stored = async () => w.db.select().from(instanceMeta)

  it('is empty, and readable without signing in, until the municipality fills it in', async () => {
    const reply = await w.call('GET', '/api/accessibility-statement')
    expect(reply.statusCode).toBe(200)
    expect(reply.json()).toEqual({ ...EMPTY_STATEMENT, updatedAt: null })
  })

  it('an administrator fills it in; everyone reads it; the audit log names the fields, not their values', async () => {
    const saved = await w.call('PUT', '/api/admin/accessibility-statement', { cookie: admin, payload: FILLED })
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toEqual({ ...FILLED, updatedAt: '2026-06-01T10:00:00.000Z' })
    expect(await read()).toEqual(saved.json())

    const [entry] = await w.db.select().from(auditLog).orderBy(auditLog.id).then((rows) => rows.slice(-1))
    expect(entry).toMatchObject({ action: 'statement.update', actorId: w.ids.adminId, targetType: 'accessibility-statement' })
    expect(entry!.details).toEqual({ fields: Object.keys(FILLED).filter((key) => FILLED[key as keyof StatementInput] !== EMPTY_STATEMENT[key as keyof StatementInput]) })
    expect(JSON.stringify(entry!.details)).not.toContain('egebo.dk')

    w.clock.advance(60_000)
    const changed = await w.call('PUT', '/api/admin/accessibility-statement', { cookie: admin, payload: { ...FILLED, contactPhone: '70 99 99 99' } })
    expect(changed.json()).toMatchObject({ contactPhone: '70 99 99 99', updatedAt: '2026-06-01T10:01:00.000Z' })
    const [last] = await w.db.select().from(auditLog).orderBy(auditLog.id).then((rows) => rows.slice(-1))
    expect(last!.details).toEqual({ fields: ['contactPhone'] })
  })

  it('refuses bad input with a clear 400 and keeps what was there', async () => {
    const before = await read()
    const cases: [unknown, string][] = [
      [{ ...FILLED, contactEmail: 'ikke en e-mail' }, 'contactEmail'],
      [{ ...FILLED, wasUrl: 'http://was.digst.dk/x' }, 'wasUrl'],
      [{ ...FILLED, reviewedOn: '2026-02-30' }, 'reviewedOn'],
      [{ ...FILLED, extra: 'felt' }, 'extra'],
      [{ ...FILLED, compliance: 'mostly' }, 'compliance'],
    ]
    for (const [payload, field] of cases) {
      const reply = await w.call('PUT', '/api/admin/accessibility-statement', { cookie: admin, payload })
      expect(reply.statusCode, field).toBe(400)
      expect(reply.json().code, field).toBe('invalid_request')
    }
    const future = await w.call('PUT', '/api/admin/accessibility-statement', { cookie: admin, payload: { ...FILLED, reviewedOn: '2026-07-01' } })
    expect(future.statusCode).toBe(400)
    expect(future.json()).toMatchObject({ code: 'date_in_future' })
    expect(await read()).toEqual(before)
  })

  it('a secretary cannot change it', async () => {
    const before = await stored()
    const reply = await w.call('PUT', '/api/admin/accessibility-statement', { cookie: secretary, payload: { ...FILLED, authority: 'Anden Kommune' } })
    expect(reply.statusCode).toBe(403)
    expect(reply.json().code).toBe('admin_only')
    expect(await stored()).toEqual(before)
  })
})
