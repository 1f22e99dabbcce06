import { createHash } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_STATEMENT } from '../../src/shared/help/statement.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import { electionCards, electionRoll, memberships, relativeLinks, signInCards } from '../../src/server/db/schema.js'
import { toBase64url } from '../../src/shared/elections/bytes.js'
import { electionInput, insertCandidate, insertElection } from './election-world.js'
import { sha256 } from '../../src/server/accounts/secrets.js'
import type { Database } from '../../src/server/db/database.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

const ROLES = ['anonymous', 'participant', 'relative', 'secretary-of-another-council', 'secretary', 'admin', 'kiosk'] as const
type Role = (typeof ROLES)[number]
type Outcome = 'allow' | 'deny'
type Expect = Record<Role, Outcome>
interface Built {
  url: string
  payload?: unknown
  headers?: Record<string, string>
}
interface Row {
  build: (w: World) => Promise<Built> | Built
  expect: Expect
}

const only = (...allowed: Role[]): Expect => Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? 'allow' : 'deny'])) as Expect
const everyone = only(...ROLES)
const people = only('participant', 'relative', 'secretary-of-another-council', 'secretary', 'admin')
const staff = only('secretary-of-another-council', 'secretary', 'admin')
/** Staff of the first council (the one every request below points at). */
const councilStaff = only('secretary', 'admin')
const admin = only('admin')

const get = (url: string) => () => ({ url })
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
const PULL = '/api/sync/pull?since=0&scopes=public:councils&protocolVersion=1'
const membership = { role: 'member', termStart: '2026-02-01', termEnd: null, listedPublicly: false }
const council = { name: 'Prøveråd', kind: 'other', centre: 'Prøvecentret', description: '', retentionMonths: null }
const STATEMENT = { ...EMPTY_STATEMENT, authority: 'Prøve Kommune' }

/**
 * Who may call what. Every /api route the server registers must have a row; a route without one
 * fails the test, so a new route cannot ship without its access decided. "deny" is 401 or 403;
 * "allow" is anything else but a 5xx (a 404 for a made-up id still got past the guard).
 */
const MATRIX: Record<string, Row> = {
  'GET /api/health': { build: get('/api/health'), expect: everyone },
  'GET /api/openapi.json': { build: get('/api/openapi.json'), expect: everyone },
  'POST /api/sync/push': { build: () => ({ url: '/api/sync/push', payload: { clientId: uuidv7(), protocolVersion: 1, mutations: [] } }), expect: everyone },
  'GET /api/sync/pull': { build: get(PULL), expect: everyone },
  'GET /api/sync/events': { build: get('/api/sync/events'), expect: everyone },
  'GET /api/me': { build: get('/api/me'), expect: everyone },
  // Anyone signed in as a person uploads photos and recordings; reading follows the records naming them.
  'PUT /api/media/:sha256': { build: () => ({ url: `/api/media/${createHash('sha256').update(PNG).digest('hex')}`, payload: PNG, headers: { 'content-type': 'image/png' } }), expect: people },
  'GET /api/media/:sha256': { build: () => ({ url: `/api/media/${'0'.repeat(64)}` }), expect: everyone },
  // Agendas and minutes are public by law; the feed holds only published meetings.
  // A made-up id: every role gets the same 404, which is past the guard.
  'GET /api/meetings/:id/council': { build: () => ({ url: `/api/meetings/${uuidv7()}/council` }), expect: everyone },
  'GET /api/councils/:id/calendar.ics': { build: (w) => ({ url: `/api/councils/${w.ids.councilId}/calendar.ics` }), expect: everyone },
  // One meeting as the app's own file: whoever may read the meeting (a made-up id: the same 404 for all).
  'GET /api/meetings/:id/calendar.ics': { build: () => ({ url: `/api/meetings/${uuidv7()}/calendar.ics` }), expect: everyone },
  // The accessibility statement is for everyone to read; only an administrator fills it in.
  'GET /api/accessibility-statement': { build: get('/api/accessibility-statement'), expect: everyone },
  'PUT /api/admin/accessibility-statement': { build: () => ({ url: '/api/admin/accessibility-statement', payload: STATEMENT }), expect: admin },
  'POST /api/auth/staff': { build: () => ({ url: '/api/auth/staff', payload: DEMO_ACCOUNTS.secretary }), expect: everyone },
  'POST /api/auth/card': { build: () => ({ url: '/api/auth/card', payload: { code: DEMO_ACCOUNTS.memberCard } }), expect: everyone },
  'POST /api/auth/sign-out': { build: () => ({ url: '/api/auth/sign-out', payload: {} }), expect: everyone },
  'PUT /api/me/acting-for': { build: () => ({ url: '/api/me/acting-for', payload: { residentId: null } }), expect: people },
  'GET /api/me/devices': { build: get('/api/me/devices'), expect: people },
  'DELETE /api/me/devices/:id': { build: () => ({ url: `/api/me/devices/${uuidv7()}` }), expect: people },
  'GET /api/me/export': { build: get('/api/me/export'), expect: people },
  'POST /api/me/erasure-request': { build: () => ({ url: '/api/me/erasure-request', payload: {} }), expect: people },
  'POST /api/kiosk': { build: (w) => ({ url: '/api/kiosk', payload: { councilId: w.ids.councilId, mode: 'shared-screen' } }), expect: councilStaff },
  // Open to all: it checks a staff password itself (a device that is no kiosk gets 400).
  'POST /api/kiosk/leave': { build: () => ({ url: '/api/kiosk/leave', payload: DEMO_ACCOUNTS.secretary }), expect: everyone },

  'GET /api/admin/councils': { build: get('/api/admin/councils'), expect: staff },
  'POST /api/admin/councils': { build: () => ({ url: '/api/admin/councils', payload: council }), expect: admin },
  'PUT /api/admin/councils/:id': {
    build: (w) => ({ url: `/api/admin/councils/${w.ids.councilId}`, payload: { ...council, name: 'Brugerrådet på Solbakken', retentionMonths: 24 } }),
    expect: councilStaff,
  },
  'GET /api/admin/people': { build: get('/api/admin/people'), expect: staff },
  'POST /api/admin/people': { build: () => ({ url: '/api/admin/people', payload: { name: 'Ny Person', kind: 'participant' } }), expect: staff },
  'PATCH /api/admin/people/:id': { build: (w) => ({ url: `/api/admin/people/${w.ids.memberId}`, payload: { name: 'Karen Holm' } }), expect: councilStaff },
  'GET /api/admin/councils/:id/members': { build: (w) => ({ url: `/api/admin/councils/${w.ids.councilId}/members` }), expect: councilStaff },
  'POST /api/admin/councils/:id/members': {
    build: async (w) => ({ url: `/api/admin/councils/${w.ids.councilId}/members`, payload: { ...membership, personId: (await w.newPerson()).personId } }),
    expect: councilStaff,
  },
  'PATCH /api/admin/memberships/:id': {
    build: async (w) => ({ url: `/api/admin/memberships/${(await w.newPerson('member', w.ids.councilId)).membershipId}`, payload: { role: 'substitute' } }),
    expect: councilStaff,
  },
  'DELETE /api/admin/memberships/:id': {
    build: async (w) => ({ url: `/api/admin/memberships/${(await w.newPerson('member', w.ids.councilId)).membershipId}` }),
    expect: councilStaff,
  },
  'GET /api/admin/people/:id/cards': { build: (w) => ({ url: `/api/admin/people/${w.ids.memberId}/cards` }), expect: councilStaff },
  'POST /api/admin/people/:id/cards': { build: (w) => ({ url: `/api/admin/people/${w.ids.memberId}/cards`, payload: { kind: 'link' } }), expect: councilStaff },
  'POST /api/admin/cards/:id/revoke': {
    build: async (w) => {
      const { personId } = await w.newPerson('member', w.ids.councilId)
      const id = uuidv7()
      await w.db.insert(signInCards).values({ id, personId, kind: 'card', codeHash: sha256(id), createdBy: w.ids.adminId })
      return { url: `/api/admin/cards/${id}/revoke`, payload: {} }
    },
    expect: councilStaff,
  },
  'GET /api/admin/relative-links': { build: (w) => ({ url: `/api/admin/relative-links?personId=${w.ids.memberId}` }), expect: councilStaff },
  'POST /api/admin/relative-links': {
    build: async (w) => ({
      url: '/api/admin/relative-links',
      payload: {
        relativeId: (await w.newPerson('relative')).personId,
        residentId: (await w.newPerson('member', w.ids.councilId)).personId,
        consentGivenAt: '2026-05-01',
        consentNote: 'Underskrevet',
      },
    }),
    expect: councilStaff,
  },
  'DELETE /api/admin/relative-links/:relativeId/:residentId': {
    build: async (w) => {
      const relativeId = (await w.newPerson('relative')).personId
      const residentId = (await w.newPerson('member', w.ids.councilId)).personId
      await w.db.insert(relativeLinks).values({ relativeId, residentId, consentGivenAt: '2026-05-01', consentNote: '', recordedBy: w.ids.adminId })
      return { url: `/api/admin/relative-links/${relativeId}/${residentId}` }
    },
    expect: councilStaff,
  },

  // Elections: the protocol's routes are public (a device votes with its card, not a sign-in).
  ...Object.fromEntries(
    (['manifest', 'board', 'result', 'receipts', 'candidates'] as const).map((r) => [
      `GET /api/elections/:id/${r}`,
      { build: async (w: World) => ({ url: `/api/elections/${await insertElection(w.db, w.ids.councilId)}/${r}` }), expect: everyone },
    ]),
  ),
  'GET /api/elections': { build: get('/api/elections'), expect: everyone },
  // Workshops: a made-up code or process gives every role the same 404, past the guard; a kiosk cannot join.
  'GET /api/workshops/join/:code': { build: get('/api/workshops/join/ABCDEF'), expect: everyone },
  'POST /api/workshops/join': { build: () => ({ url: '/api/workshops/join', payload: { code: 'ABCDEF', role: 'user', name: null } }), expect: only('anonymous', 'participant', 'relative', 'secretary-of-another-council', 'secretary', 'admin') },
  'GET /api/workshops/:id/results': { build: () => ({ url: `/api/workshops/${uuidv7()}/results` }), expect: everyone },
  'GET /api/workshops/:id/report.json': { build: () => ({ url: `/api/workshops/${uuidv7()}/report.json` }), expect: everyone },
  'GET /api/workshops/:id/report.csv': { build: () => ({ url: `/api/workshops/${uuidv7()}/report.csv` }), expect: everyone },
  'POST /api/workshops/mine': { build: () => ({ url: '/api/workshops/mine', payload: { ids: [uuidv7()] } }), expect: everyone },
  'GET /api/elections/:id': { build: async (w) => ({ url: `/api/elections/${await insertElection(w.db, w.ids.councilId)}` }), expect: everyone },
  'POST /api/elections/:id/card-check': { build: async (w) => ({ url: `/api/elections/${await insertElection(w.db, w.ids.councilId)}/card-check`, payload: { card: randomKey() } }), expect: everyone },
  'POST /api/elections/:id/ballots': { build: async (w) => ({ url: `/api/elections/${await insertElection(w.db, w.ids.councilId)}/ballots`, payload: fakeEnvelope() }), expect: everyone },
  'GET /api/elections/:id/candidacy': { build: async (w) => ({ url: `/api/elections/${await insertElection(w.db, w.ids.councilId)}/candidacy` }), expect: people },
  // Members stand themselves; staff enter a resident's presentation through the admin route.
  'PUT /api/elections/:id/candidacy': {
    build: async (w) => ({ url: `/api/elections/${await insertElection(w.db, w.ids.councilId)}/candidacy`, payload: { name: 'Karen Holm', presentation: 'Jeg stiller op.', photo: null, recording: null } }),
    expect: only('participant', 'relative'),
  },
  'GET /api/admin/elections': { build: get('/api/admin/elections'), expect: staff },
  'POST /api/admin/elections': { build: (w) => ({ url: '/api/admin/elections', payload: electionInput(w.ids.councilId) }), expect: councilStaff },
  'GET /api/admin/elections/:id': { build: async (w) => ({ url: `/api/admin/elections/${await insertElection(w.db, w.ids.councilId)}` }), expect: councilStaff },
  'PUT /api/admin/elections/:id': { build: async (w) => ({ url: `/api/admin/elections/${await insertElection(w.db, w.ids.councilId)}`, payload: electionInput(w.ids.councilId) }), expect: councilStaff },
  ...Object.fromEntries(
    (['candidates', 'roll', 'turnout', 'result'] as const).map((r) => [
      `GET /api/admin/elections/:id/${r}`,
      { build: async (w: World) => ({ url: `/api/admin/elections/${await insertElection(w.db, w.ids.councilId)}/${r}` }), expect: councilStaff },
    ]),
  ),
  ...Object.fromEntries(
    (['open', 'close', 'tally', 'publish', 'apply'] as const).map((r) => [
      `POST /api/admin/elections/:id/${r}`,
      { build: async (w: World) => ({ url: `/api/admin/elections/${await insertElection(w.db, w.ids.councilId)}/${r}`, payload: {} }), expect: councilStaff },
    ]),
  ),
  'POST /api/admin/elections/:id/candidates': {
    build: async (w) => ({
      url: `/api/admin/elections/${await insertElection(w.db, w.ids.councilId)}/candidates`,
      payload: { name: 'Ny Kandidat', presentation: 'Jeg bor her.', photo: null, recording: null, personId: null, consentGivenAt: '2026-05-01', consentNote: 'Sagde ja' },
    }),
    expect: councilStaff,
  },
  'POST /api/admin/candidates/:id/approve': {
    build: async (w) => ({ url: `/api/admin/candidates/${await insertCandidate(w.db, await insertElection(w.db, w.ids.councilId), 'Ny', 'proposed')}/approve`, payload: {} }),
    expect: councilStaff,
  },
  'POST /api/admin/candidates/:id/return': {
    build: async (w) => ({ url: `/api/admin/candidates/${await insertCandidate(w.db, await insertElection(w.db, w.ids.councilId), 'Ny', 'proposed')}/return`, payload: { reason: 'Skriv lidt mere.' } }),
    expect: councilStaff,
  },
  'POST /api/admin/elections/:id/cards': {
    build: async (w) => ({ url: `/api/admin/elections/${await insertElection(w.db, w.ids.councilId)}/cards`, payload: { cards: [randomKey()] } }),
    expect: councilStaff,
  },
  'POST /api/admin/elections/:id/cards/revoke': {
    build: async (w) => {
      const electionId = await insertElection(w.db, w.ids.councilId)
      const card = randomKey()
      await w.db.insert(electionCards).values({ electionId, publicKey: card, cardNumber: 'ACDEFG', batchId: uuidv7() })
      return { url: `/api/admin/elections/${electionId}/cards/revoke`, payload: { card, cardNumber: null, replacement: null } }
    },
    expect: councilStaff,
  },
  'POST /api/admin/elections/:id/roll': {
    build: async (w) => ({ url: `/api/admin/elections/${await insertElection(w.db, w.ids.councilId)}/roll`, payload: { name: 'Ny Vælger', personId: null } }),
    expect: councilStaff,
  },
  'PUT /api/admin/roll/:id': { build: async (w) => ({ url: `/api/admin/roll/${await rollEntry(w)}`, payload: { received: 'self' } }), expect: councilStaff },
  'DELETE /api/admin/roll/:id': { build: async (w) => ({ url: `/api/admin/roll/${await rollEntry(w)}` }), expect: councilStaff },

  'GET /api/admin/staff': { build: get('/api/admin/staff'), expect: admin },
  'POST /api/admin/staff': {
    build: () => ({
      url: '/api/admin/staff',
      payload: { name: 'Ny Sekretær', email: `${uuidv7()}@test.dk`, password: 'et-langt-kodeord', staffRole: 'secretary', councilIds: [] },
    }),
    expect: admin,
  },
  'PATCH /api/admin/staff/:id': { build: (w) => ({ url: `/api/admin/staff/${w.ids.otherSecretaryId}`, payload: { name: 'Olga Andenråd' } }), expect: admin },
  'GET /api/admin/audit': { build: get('/api/admin/audit?limit=5'), expect: admin },
  'GET /api/admin/erasure-requests': { build: get('/api/admin/erasure-requests'), expect: admin },
  'POST /api/admin/people/:id/erase': {
    build: async (w) => ({ url: `/api/admin/people/${(await w.newPerson('member', w.ids.councilId)).personId}/erase`, payload: {} }),
    expect: admin,
  },
}

/** A member of both councils, made by the first council's secretary. */
async function memberOfBoth(w: World): Promise<string> {
  const { personId } = await w.newPerson('member', w.ids.councilId)
  await w.db.insert(memberships).values({ id: uuidv7(), councilId: w.ids.otherCouncilId, personId, role: 'member', termStart: '2026-01-01', termEnd: null, listedPublicly: false })
  return personId
}

/** A relative linked to a member of each council. */
async function relativeOfBoth(w: World): Promise<string> {
  const relativeId = (await w.newPerson('relative')).personId
  for (const councilId of [w.ids.councilId, w.ids.otherCouncilId]) {
    const residentId = (await w.newPerson('member', councilId)).personId
    await w.db.insert(relativeLinks).values({ relativeId, residentId, consentGivenAt: '2026-05-01', consentNote: '', recordedBy: w.ids.adminId })
  }
  return relativeId
}

const TWO_COUNCILS: Record<string, (w: World) => Promise<Built>> = {
  'PATCH /api/admin/people/:id': async (w) => ({ url: `/api/admin/people/${await memberOfBoth(w)}`, payload: { name: 'Nyt Navn' } }),
  'PATCH /api/admin/people/:id (relative)': async (w) => ({ url: `/api/admin/people/${await relativeOfBoth(w)}`, payload: { name: 'Nyt Navn' } }),
  'GET /api/admin/people/:id/cards': async (w) => ({ url: `/api/admin/people/${await memberOfBoth(w)}/cards` }),
  'POST /api/admin/people/:id/cards': async (w) => ({ url: `/api/admin/people/${await memberOfBoth(w)}/cards`, payload: { kind: 'link' } }),
  'POST /api/admin/people/:id/cards (relative)': async (w) => ({ url: `/api/admin/people/${await relativeOfBoth(w)}/cards`, payload: { kind: 'card' } }),
  'POST /api/admin/cards/:id/revoke': async (w) => {
    const id = uuidv7()
    await w.db.insert(signInCards).values({ id, personId: await memberOfBoth(w), kind: 'card', codeHash: sha256(id), createdBy: w.ids.adminId })
    return { url: `/api/admin/cards/${id}/revoke`, payload: {} }
  },
  'GET /api/admin/relative-links': async (w) => ({ url: `/api/admin/relative-links?personId=${await memberOfBoth(w)}` }),
  'POST /api/admin/relative-links': async (w) => ({
    url: '/api/admin/relative-links',
    payload: { relativeId: (await w.newPerson('relative')).personId, residentId: await memberOfBoth(w), consentGivenAt: '2026-05-01', consentNote: 'Underskrevet' },
  }),
  'POST /api/admin/councils/:id/members': async (w) => {
    const personId = (await w.newPerson('member', w.ids.otherCouncilId)).personId
    return { url: `/api/admin/councils/${w.ids.councilId}/members`, payload: { ...membership, personId } }
  },
}

function randomKey(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(32)))
}

/** Well-formed as far as the schema goes; the election has no manifest, so it is refused with 409. */
function fakeEnvelope() {
  return { protocol: 'brugerstemme-ballot/1', electionId: uuidv7(), manifestHash: '0'.repeat(64), card: randomKey(), enc: randomKey(), ciphertext: 'AAAA', signature: 'A'.repeat(86) }
}

async function rollEntry(w: World): Promise<string> {
  const id = uuidv7()
  await w.db.insert(electionRoll).values({ id, electionId: await insertElection(w.db, w.ids.councilId), name: 'Vælger' })
  return id
}

/** "METHOD /path" for every /api route, read from Fastify's route tree (HEAD twins left out). */
function registeredRoutes(tree: string): string[] {
  const found: string[] = []
  const parents: string[] = []
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line)
    if (!match) continue
    const depth = match[1]!.length / 4
    const path = (depth > 0 ? parents[depth - 1]! : '') + match[2]!
    parents[depth] = path
    if (!path.startsWith('/api') || !match[3]) continue
    for (const method of match[3].split(', ')) if (method !== 'HEAD') found.push(`${method} ${path}`)
  }
  return found.sort()
}

function cookieFor(w: World, role: Role): Promise<string | null> {
  const { ids } = w
  switch (role) {
    case 'anonymous':
      return Promise.resolve(null)
    case 'participant':
      return w.sessionFor({ personId: ids.memberId })
    case 'relative':
      return w.sessionFor({ personId: ids.relativeId })
    case 'secretary-of-another-council':
      return w.sessionFor({ personId: ids.otherSecretaryId })
    case 'secretary':
      return w.sessionFor({ personId: ids.secretaryId })
    case 'admin':
      return w.sessionFor({ personId: ids.adminId })
    case 'kiosk':
      return w.sessionFor({ kioskCouncilId: ids.councilId })
  }
}

/** The event stream never ends by itself: read the status of a real request, then hang up. */
function streamStatus(port: number, url: string, cookie: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ port, path: url, headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {} }, (response) => {
      resolve(response.statusCode ?? 0)
      request.destroy()
    })
    request.on('error', reject)
  })
}

describe.each(databasesUnderTest())('access matrix on $name', (target) => {
  let database: Database
  let w: World
  let port: number

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
    await w.app.listen({ port: 0, host: '127.0.0.1' })
    port = (w.app.server.address() as { port: number }).port
  })
  afterAll(async () => {
    await w.app.close()
  })

  it('has a row for every /api route the server registers, and no row for a route that is gone', () => {
    const routes = registeredRoutes(w.app.printRoutes({ commonPrefix: false }))
    expect(routes.length).toBeGreaterThan(30)
    expect(routes.filter((route) => !(route in MATRIX)), 'routes without an access decision').toEqual([])
    expect(Object.keys(MATRIX).filter((key) => !routes.includes(key)), 'rows for routes that do not exist').toEqual([])
  })

  it.each(Object.keys(MATRIX))('%s', async (key) => {
    const [method, path] = key.split(' ') as [string, string]
    const row = MATRIX[key]!
    const outcomes: Record<string, string> = {}
    for (const role of ROLES) {
      const cookie = await cookieFor(w, role)
      const built = await row.build(w)
      let status: number
      let body = ''
      if (path === '/api/sync/events') status = await streamStatus(port, built.url, cookie)
      else {
        const reply = await w.call(method as 'GET', built.url, { cookie, payload: built.payload, headers: built.headers })
        status = reply.statusCode
        body = reply.body
      }
      expect(status, `${role}: ${body}`).toBeLessThan(500)
      outcomes[role] = `${status === 401 || status === 403 ? 'deny' : 'allow'}`
      if (outcomes[role] !== row.expect[role]) outcomes[role] += ` (${status} ${body.slice(0, 120)})`
    }
    expect(outcomes).toEqual(row.expect)
  })

  /**
   * A person on two councils (or a relative of a member of the other council) is managed only by
   * an administrator: a secretary of either council who could issue them a card, rename or link
   * them would reach into the other council.
   */
  it.each(Object.keys(TWO_COUNCILS))('%s for a person on two councils: administrator only', async (key) => {
    const [method] = key.split(' ') as [string, string]
    const outcomes: Record<string, string> = {}
    for (const role of ['secretary', 'secretary-of-another-council', 'admin'] as const) {
      const built = await TWO_COUNCILS[key]!(w)
      const reply = await w.call(method as 'GET', built.url, { cookie: await cookieFor(w, role), payload: built.payload })
      expect(reply.statusCode, `${role}: ${reply.body}`).toBeLessThan(500)
      outcomes[role] = reply.statusCode === 401 || reply.statusCode === 403 ? 'deny' : `allow`
    }
    expect(outcomes).toEqual({ secretary: 'deny', 'secretary-of-another-council': 'deny', admin: 'allow' })
  })

  it('refuses every state-changing route without an Origin, or from another origin, before it does anything', async () => {
    const cookie = await cookieFor(w, 'admin')
    for (const key of Object.keys(MATRIX)) {
      const [method, path] = key.split(' ') as [string, string]
      if (method === 'GET') continue
      const built = await MATRIX[key]!.build(w)
      for (const origin of [undefined, 'https://evil.example', 'null']) {
        const response = await w.app.inject({
          method: method as 'POST',
          url: built.url,
          headers: { cookie: `${SESSION_COOKIE}=${cookie}`, ...built.headers, ...(origin ? { origin } : {}) },
          ...(built.payload !== undefined ? { payload: built.payload as object } : {}),
        })
        expect(response.statusCode, `${key} from ${origin ?? 'nowhere'}`).toBe(403)
        expect(response.json().code, path).toBe('cross_origin')
      }
    }
  })
})
