import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { attemptLimits } from '../../src/server/db/schema.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import type { MutationResult } from '../../src/shared/sync/protocol.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'

const json = { 'content-type': 'application/json' }
const NUL = '\u0000'

/**
 * Findings 2, 5 and 6 of the security review: hostile values (NUL, deep nesting, numbers that are
 * not finite, dates and integers the database cannot hold) are answered with a 400 the sender can
 * act on, by one rule for every route, and never reach PostgreSQL.
 */
describe.each(databasesUnderTest())('hostile input on $name', (target) => {
  let database: Database
  let w: World
  let admin: string
  let secretary: string

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
    admin = await w.sessionFor({ personId: w.ids.adminId })
    secretary = await w.sessionFor({ personId: w.ids.secretaryId })
  })
  afterAll(async () => {
    await w.app.close()
  })

  const refused = (reply: { statusCode: number; body: string }, code = 'hostile_input') => {
    expect(reply.statusCode, reply.body).toBe(400)
    expect(JSON.parse(reply.body).code).toBe(code)
  }

  it('refuses a NUL character in the staff sign-in, a card code, a name and a query, anonymously or not', async () => {
    refused(await w.call('POST', '/api/auth/staff', { payload: { email: `admin${NUL}@demo.brugerstemme.dk`, password: 'x'.repeat(12) } }))
    refused(await w.call('POST', '/api/auth/card', { payload: { code: `KAFE${NUL}HAVE` } }))
    refused(await w.call('POST', '/api/admin/people', { cookie: admin, payload: { name: `Nul${NUL}Person`, kind: 'member' } }))
    refused(await w.call('PATCH', `/api/admin/people/${w.ids.memberId}`, { cookie: secretary, payload: { name: `Karen${NUL}` } }))
    refused(await w.call('GET', '/api/admin/people?councilId=%00', { cookie: admin }))
    refused(await w.call('POST', '/api/admin/people', { cookie: admin, payload: { [`na${NUL}me`]: 'x', kind: 'member' } }))
    const still = await w.call('POST', '/api/auth/staff', { payload: DEMO_ACCOUNTS.admin })
    expect(still.statusCode).toBe(200)
  })

  it('refuses a body nested 10,000 levels deep and a number beyond any before validation', async () => {
    const deep = `${'{"d":'.repeat(10_000)}1${'}'.repeat(10_000)}`
    refused(await w.call('POST', '/api/admin/people', { cookie: admin, payload: `{"name":"A","kind":"member","x":${deep}}`, headers: json }))
    refused(await w.call('POST', '/api/auth/card', { payload: `{"code":${deep}}`, headers: json }))
    const huge = await w.call('POST', '/api/admin/people', { cookie: admin, payload: '{"name":"A","kind":"member","n":1e400}', headers: json })
    refused(huge)
    expect(JSON.parse(huge.body).message).toMatch(/not finite/)
  })

  it('refuses one meeting with a NUL title in a push on its own and stores the others', async () => {
    const meeting = (title: string) => ({
      id: uuidv7(),
      entity: 'meeting',
      entityId: uuidv7(),
      op: 'put',
      baseVersion: null,
      patch: {
        councilId: w.ids.councilId,
        title,
        date: '2026-09-01',
        startTime: null,
        endTime: null,
        place: '',
        placePhoto: null,
        participants: '',
        absent: '',
        published: false,
        minutesPublished: false,
      },
    })
    const mutations = [meeting(`Møde${NUL}`), { ...meeting('Navn'), entity: `meet${NUL}ing` }, meeting('Septembermødet')]
    const reply = await w.call('POST', '/api/sync/push', { cookie: secretary, payload: { clientId: uuidv7(), protocolVersion: 1, mutations } })
    expect(reply.statusCode, reply.body).toBe(200)
    const results = reply.json().results as MutationResult[]
    expect(results.map((r) => [r.status, r.code ?? null])).toEqual([['rejected', 'invalid'], ['rejected', 'invalid'], ['applied', null]])
  })

  it('bounds integers and dates in the schemas: the audit cursor, a term start, a consent date', async () => {
    refused(await w.call('GET', '/api/admin/audit?before=99999999999999999999', { cookie: admin }), 'invalid_request')
    refused(await w.call('GET', '/api/admin/audit?before=9007199254740992', { cookie: admin }), 'invalid_request')
    expect((await w.call('GET', '/api/admin/audit?before=9007199254740991', { cookie: admin })).statusCode).toBe(200)
    const person = await w.newPerson()
    const membership = { personId: person.personId, role: 'member', termStart: '0000-01-01', termEnd: null, listedPublicly: false }
    refused(await w.call('POST', `/api/admin/councils/${w.ids.councilId}/members`, { cookie: admin, payload: membership }), 'invalid_request')
    const relative = await w.newPerson('relative')
    const link = { relativeId: relative.personId, residentId: w.ids.memberId, consentGivenAt: '0000-01-01', consentNote: '' }
    refused(await w.call('POST', '/api/admin/relative-links', { cookie: admin, payload: link }), 'invalid_request')
    const fine = await w.call('POST', '/api/admin/relative-links', { cookie: admin, payload: { ...link, consentGivenAt: '2026-05-01' } })
    expect(fine.statusCode, fine.body).toBe(200)
  })

  it('slows down anonymous pushes per address in the database, and never a signed-in device', async () => {
    const push = (cookie: string | null, remoteAddress: string) =>
      w.call('POST', '/api/sync/push', { cookie, remoteAddress, payload: { clientId: uuidv7(), protocolVersion: 1, mutations: [] } })
    for (let i = 0; i < 61; i++) expect((await push(null, '192.0.2.50')).statusCode).toBe(200)
    const slowed = await push(null, '192.0.2.50')
    expect(slowed.statusCode).toBe(429)
    expect(slowed.json().code).toBe('too_many_pushes')
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0)
    expect((await push(null, '192.0.2.51')).statusCode).toBe(200)
    expect((await push(secretary, '192.0.2.50')).statusCode).toBe(200)
    const stored = JSON.stringify(await database.db.select().from(attemptLimits))
    expect(stored).not.toContain('192.0.2.50')
  })

  it('trusts no Host header: without PUBLIC_ORIGIN only this machine, and the whole origin must match', async () => {
    const forged = await w.app.inject({
      method: 'POST',
      url: '/api/auth/card',
      headers: { host: 'evil.example', origin: 'http://evil.example' },
      payload: { code: DEMO_ACCOUNTS.memberCard },
    })
    expect(forged.statusCode).toBe(403)
    const otherScheme = await w.app.inject({ method: 'POST', url: '/api/auth/card', headers: { origin: 'https://localhost' }, payload: { code: DEMO_ACCOUNTS.memberCard } })
    expect(otherScheme.statusCode).toBe(403)
    const otherPort = await w.app.inject({ method: 'POST', url: '/api/auth/card', headers: { origin: 'http://localhost:8081' }, payload: { code: DEMO_ACCOUNTS.memberCard } })
    expect(otherPort.statusCode).toBe(403)
    const calendar = await w.app.inject({ method: 'GET', url: `/api/councils/${w.ids.councilId}/calendar.ics`, headers: { host: 'evil.example' } })
    expect(calendar.body).not.toContain('evil.example')
  })
})

describe.each(databasesUnderTest())('PUBLIC_ORIGIN on $name', (target) => {
  let app: Awaited<ReturnType<typeof buildTestServer>>
  let admin: string

  beforeAll(async () => {
    const database = await target.open()
    const registry = createSyncRegistry()
    await seedDemoIfEmpty(database.db, registry)
    app = await buildTestServer(database, { syncRegistry: registry, publicOrigin: 'https://raad.kommune.dk' })
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/staff', headers: { origin: 'https://raad.kommune.dk', host: 'raad.kommune.dk' }, payload: DEMO_ACCOUNTS.admin })
    expect(signIn.statusCode, signIn.body).toBe(200)
    admin = String(signIn.headers['set-cookie']).split(';')[0]!
  })
  afterAll(async () => {
    await app?.close()
  })

  it('takes changes only from exactly that origin, and builds invite links from it, whatever the Host says', async () => {
    const people = await app.inject({ method: 'GET', url: '/api/admin/people', headers: { cookie: admin } })
    const karen = people.json<{ id: string; name: string }[]>().find((p) => p.name === 'Karen Holm')!
    const issue = (origin: string, host = 'evil.example') =>
      app.inject({ method: 'POST', url: `/api/admin/people/${karen.id}/cards`, headers: { cookie: admin, origin, host }, payload: { kind: 'link' } })
    for (const origin of ['http://raad.kommune.dk', 'https://raad.kommune.dk:8443', 'http://evil.example', 'https://evil.example']) {
      expect((await issue(origin)).statusCode, origin).toBe(403)
    }
    const issued = await issue('https://raad.kommune.dk')
    expect(issued.statusCode, issued.body).toBe(200)
    expect(issued.json().url).toMatch(/^https:\/\/raad\.kommune\.dk\/k#/)
  })
})
