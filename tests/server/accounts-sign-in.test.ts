import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createSignInLimits } from '../../src/server/accounts/rate-limit.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import type { Database } from '../../src/server/db/database.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
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

  it('limits failed sign-ins per account, from any address, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      const failed = await w.call('POST', '/api/auth/staff', { payload: { email: admin.email, password: 'guess' }, remoteAddress: `10.0.0.${i}` })
      expect(failed.statusCode).toBe(401)
    }
    // Now even the right password from a fresh address waits: guessing cannot go on elsewhere.
    const blocked = await w.call('POST', '/api/auth/staff', { payload: admin, remoteAddress: '10.0.1.1' })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().code).toBe('too_many_attempts')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    // Another account is not held up by it.
    expect((await w.call('POST', '/api/auth/staff', { payload: secretary, remoteAddress: '10.0.1.1' })).statusCode).toBe(200)

    w.clock.advance(15 * 60_000)
    expect((await w.call('POST', '/api/auth/staff', { payload: admin, remoteAddress: '10.0.1.1' })).statusCode).toBe(200)
  })

  it('limits attempts per address, staff and card alike, and forgets the address after the window', async () => {
    for (let i = 0; i < w.limits.address.max; i++) {
      const failed = await w.call('POST', '/api/auth/card', { payload: { code: `WRONG-CODE-${i}` }, remoteAddress: '192.0.2.7' })
      expect(failed.statusCode).toBe(401)
    }
    const blocked = await w.call('POST', '/api/auth/staff', { payload: admin, remoteAddress: '192.0.2.7' })
    expect(blocked.statusCode).toBe(429)
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60)
    expect((await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard }, remoteAddress: '192.0.2.7' })).statusCode).toBe(429)
    expect((await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard }, remoteAddress: '192.0.2.8' })).statusCode).toBe(200)

    expect(w.limits.address.size).toBeGreaterThan(0)
    w.clock.advance(15 * 60_000)
    expect(w.limits.address.size).toBe(0)
    expect((await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard }, remoteAddress: '192.0.2.7' })).statusCode).toBe(200)
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

describe('the sign-in limiter', () => {
  it('holds no address longer than its window', () => {
    let now = 0
    const limits = createSignInLimits(() => now)
    limits.address.hit('198.51.100.1')
    limits.address.hit('198.51.100.2')
    expect(limits.address.size).toBe(2)
    now += 15 * 60_000 - 1
    expect(limits.address.size).toBe(2)
    now += 1
    expect(limits.address.size).toBe(0)
  })
})
