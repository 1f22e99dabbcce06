import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AttemptLimiter, PAIR_RULE } from '../../src/server/accounts/rate-limit.js'
import { attemptLimits } from '../../src/server/db/schema.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import type { Database } from '../../src/server/db/database.js'
import { DEMO_ACCOUNTS, openWorld, START, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

const { admin, secretary } = DEMO_ACCOUNTS

describe.each(databasesUnderTest())('staff and card sign-in on $name', (target) => {
  let database: Database
  let w: World

  beforeEach(async () => {
    database = await target.open()
    w = await openWorld(database)
  })
  afterEach(async () => {
    await w.app.close()
  })

  it('signs staff in with the right password, and gives a wrong password and an unknown e-mail the same answer', async () => {
    const right = await w.call('POST', '/api/auth/staff', { payload: { email: ' Admin@Demo.Brugerstemme.dk ', password: admin.password } })
    expect(right.statusCode).toBe(200)
    expect(right.json()).toMatchObject({ kind: 'person', staffRole: 'admin' })

    const wrong = await w.call('POST', '/api/auth/staff', { payload: { email: admin.email, password: 'not-the-password' } })
    const unknown = await w.call('POST', '/api/auth/staff', { payload: { email: 'nobody@demo.brugerstemme.dk', password: 'not-the-password' } })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(unknown.body).toBe(wrong.body)
    expect(w.sessionCookie(wrong)).toBeNull()
  })

  it('gives each person their own hold key at every sign-in, the same each time, and nobody else theirs', async () => {
    const me = async (cookie: string) => (await w.call('GET', '/api/me', { cookie })).json() as { holdKey?: string }
    const first = await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard } })
    const key = (first.json() as { holdKey: string }).holdKey
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // Another device, another day: work sealed with the key on the first still opens.
    w.clock.advance(86_400_000)
    const again = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
    expect((await me(again)).holdKey).toBe(key)
    expect((await me(w.sessionCookie(first)!)).holdKey).toBe(key)
    const relative = await w.cardSignIn(DEMO_ACCOUNTS.relativeCard)
    const staff = await w.signIn(admin.email, admin.password)
    const others = [(await me(relative)).holdKey, (await me(staff)).holdKey]
    expect(new Set([key, ...others]).size).toBe(3)
    // A kiosk or a device nobody signed in on has none.
    expect((await w.call('GET', '/api/me')).json()).toEqual({ kind: 'anonymous' })
  })

  it('sets the session cookie as __Host-, HttpOnly, Secure, SameSite=Strict, Path=/ and without a domain', async () => {
    const reply = await w.call('POST', '/api/auth/staff', { payload: admin })
    const header = String(reply.headers['set-cookie'])
    expect(header).toMatch(new RegExp(`^${SESSION_COOKIE}=`))
    expect(header).toContain('HttpOnly')
    expect(header).toContain('Secure')
    expect(header).toContain('SameSite=Strict')
    expect(header).toContain('Path=/')
    expect(header).not.toMatch(/Domain=/i)
  })

  const staffFrom = (remoteAddress: string, password: string, who: { email: string } = admin) => w.call('POST', '/api/auth/staff', { payload: { email: who.email, password }, remoteAddress })

  it('slows down wrong passwords from one address with a growing delay, and never holds up the owner elsewhere', async () => {
    for (let i = 0; i < 4; i++) expect((await staffFrom('10.0.0.9', 'guess')).statusCode).toBe(401)
    const slowed = await staffFrom('10.0.0.9', 'guess')
    expect(slowed.statusCode).toBe(429)
    expect(slowed.json().code).toBe('too_many_attempts')
    expect(Number(slowed.headers['retry-after'])).toBe(1)
    w.clock.advance(1000)
    expect((await staffFrom('10.0.0.9', 'guess')).statusCode).toBe(401)
    expect(Number((await staffFrom('10.0.0.9', 'guess')).headers['retry-after'])).toBe(2)
    // The owner, from their own device, is not held up by the guessing.
    expect((await staffFrom('10.0.1.1', admin.password)).statusCode).toBe(200)
    // Nor, once the short delay has passed, at the guessing address itself.
    w.clock.advance(2000)
    expect((await staffFrom('10.0.0.9', admin.password)).statusCode).toBe(200)
    // Another account from the guessing address is not slowed by that account's delay.
    expect((await staffFrom('10.0.0.9', secretary.password, secretary)).statusCode).toBe(200)
  })

  it('lets the right password from a new address through while the account is guessed at from many', async () => {
    for (let i = 0; i < 30; i++) expect((await staffFrom(`10.2.0.${i}`, 'guess')).statusCode).toBe(401)
    // Under attack, an address that guessed once waits at once …
    expect((await staffFrom('10.2.0.29', 'guess')).statusCode).toBe(429)
    // … but the administrator's right password from a fresh address still signs in.
    expect((await staffFrom('10.2.1.1', admin.password)).statusCode).toBe(200)
  })

  it('slows down, never locks out, an address that sends many wrong card codes (a care home shares one)', async () => {
    for (let i = 0; i <= 100; i++) {
      const failed = await w.call('POST', '/api/auth/card', { payload: { code: `WRONG-CODE-${i}` }, remoteAddress: '192.0.2.7' })
      expect(failed.statusCode).toBe(401)
    }
    const waiting = await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard }, remoteAddress: '192.0.2.7' })
    expect(waiting.statusCode).toBe(429)
    const retryAfter = Number(waiting.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(30)
    expect((await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard }, remoteAddress: '192.0.2.8' })).statusCode).toBe(200)
    w.clock.advance(retryAfter * 1000)
    expect((await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard }, remoteAddress: '192.0.2.7' })).statusCode).toBe(200)
    expect((await staffFrom('192.0.2.7', admin.password)).statusCode).toBe(200)
  })

  it('keeps no address or e-mail in clear, shares its counts between processes, and forgets a key after its window', async () => {
    await staffFrom('198.51.100.23', 'guess')
    const rows = await database.db.select().from(attemptLimits)
    expect(rows.length).toBeGreaterThan(0)
    const stored = JSON.stringify(rows)
    expect(stored).not.toContain('198.51.100.23')
    expect(stored).not.toContain(admin.email)
    expect(rows.every((r) => /^[A-Za-z0-9_-]{43}$/.test(r.key))).toBe(true)

    // Another server process on the same database and secret sees the same count.
    const secret = crypto.getRandomValues(new Uint8Array(32))
    const one = new AttemptLimiter(database.db, secret, () => START)
    const two = new AttemptLimiter(database.db, secret, () => START)
    for (let i = 0; i < 4; i++) await one.fail(one.keyOf('pair', 'x', '203.0.113.5'), PAIR_RULE)
    expect(await two.waitSeconds([two.keyOf('pair', 'x', '203.0.113.5')])).toBe(1)

    w.clock.advance(15 * 60_000)
    await staffFrom('198.51.100.24', 'guess', secretary)
    const left = await database.db.select().from(attemptLimits)
    expect(left.every((r) => !rows.some((old) => old.key === r.key))).toBe(true)
  })

  it('starts a new session at every sign-in: the cookie from before stops working', async () => {
    const before = await w.cardSignIn(DEMO_ACCOUNTS.memberCard)
    const reply = await w.call('POST', '/api/auth/staff', { payload: admin, cookie: before })
    const after = w.sessionCookie(reply)!
    expect(after).not.toBe(before)
    expect((await w.call('GET', '/api/me/devices', { cookie: after })).statusCode).toBe(200)
    const old = await w.call('GET', '/api/me/devices', { cookie: before })
    expect(old.statusCode).toBe(401)
    expect(old.json().code).toBe('session_ended')
  })

  it('never adopts a cookie value chosen before sign-in (session fixation)', async () => {
    const planted = 'attacker-chosen-value-that-is-long-enough-000000'
    const reply = await w.call('POST', '/api/auth/staff', { payload: admin, cookie: planted })
    expect(reply.statusCode).toBe(200)
    expect(w.sessionCookie(reply)).not.toBe(planted)
    expect((await w.call('GET', '/api/me', { cookie: planted })).json()).toEqual({ kind: 'anonymous' })
  })

  it('a request still on its way with the cookie of a session just replaced is refused, and leaves the new cookie alone', async () => {
    // A tablet starts a kiosk while a sync pull with the staff cookie is in flight. The pull is
    // answered after the kiosk's cookie arrived: clearing "the" cookie then would sign the
    // kiosk out the moment it started.
    const staff = await w.signIn(admin.email, admin.password)
    const start = await w.call('POST', '/api/kiosk', { cookie: staff, payload: { councilId: w.ids.councilId, mode: 'shared-screen' } })
    expect(start.statusCode).toBe(200)
    const kiosk = w.sessionCookie(start)!
    const late = await w.call('GET', `/api/sync/pull?since=0&scopes=council:${w.ids.councilId}&protocolVersion=1`, { cookie: staff })
    expect(late.statusCode).toBe(401)
    expect(late.json().code).toBe('session_ended')
    expect(late.headers['set-cookie']).toBeUndefined()
    expect((await w.call('GET', '/api/me', { cookie: kiosk })).json()).toMatchObject({ kind: 'kiosk', councilId: w.ids.councilId })
  })

  it('ends the session at sign-out: the same cookie sent again is refused', async () => {
    const cookie = await w.signIn(admin.email, admin.password)
    const out = await w.call('POST', '/api/auth/sign-out', { cookie, payload: {} })
    expect(out.statusCode).toBe(200)
    expect(String(out.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/)
    const again = await w.call('GET', '/api/admin/councils', { cookie })
    expect(again.statusCode).toBe(401)
    expect(again.json().code).toBe('session_ended')
  })

  it('ends a staff session after an hour without use, and keeps it while in use', async () => {
    const cookie = await w.signIn(admin.email, admin.password)
    w.clock.advance(50 * 60_000)
    expect((await w.call('GET', '/api/admin/councils', { cookie })).statusCode).toBe(200)
    w.clock.advance(50 * 60_000)
    expect((await w.call('GET', '/api/admin/councils', { cookie })).statusCode).toBe(200)
    w.clock.advance(61 * 60_000)
    const idle = await w.call('GET', '/api/admin/councils', { cookie })
    expect(idle.statusCode).toBe(401)
    expect(idle.json().code).toBe('session_ended')
  })

  it('signs in with a card code typed in any case, with or without dashes and spaces', async () => {
    for (const code of ['KAFE-HAVE-TUR4', 'kafe-have-tur4', 'kafehavetur4', ' Kafe Have Tur4 ', 'KAFE - HAVE - TUR4']) {
      const reply = await w.call('POST', '/api/auth/card', { payload: { code } })
      expect(reply.statusCode, code).toBe(200)
      expect(reply.json()).toMatchObject({ kind: 'person', name: 'Karen Holm', staffRole: null })
    }
    const wrong = await w.call('POST', '/api/auth/card', { payload: { code: 'KAFE-HAVE-TUR5' } })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().code).toBe('unknown_card')
  })
})
