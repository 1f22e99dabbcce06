import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signInCards } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { DEMO_ACCOUNTS, OTHER_SECRETARY, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

const { admin, secretary } = DEMO_ACCOUNTS

describe.each(databasesUnderTest())('cards, invite links and kiosks on $name', (target) => {
  let database: Database
  let w: World
  let staff: string

  beforeEach(async () => {
    database = await target.open()
    w = await openWorld(database)
    staff = await w.signIn(secretary.email, secretary.password)
  })
  afterEach(async () => {
    await w.app.close()
  })

  it('issues a link whose code works once printed, and keeps only a hash of it', async () => {
    // Without PUBLIC_ORIGIN (a server on localhost only), links name this machine.
    const host = { host: 'localhost:8080', origin: 'http://localhost:8080' }
    const issued = await w.call('POST', `/api/admin/people/${w.ids.memberId}/cards`, { cookie: staff, payload: { kind: 'link' }, headers: host })
    expect(issued.statusCode, issued.body).toBe(200)
    const { card, code, url } = issued.json()
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    expect(url).toBe(`http://localhost:8080/k#${code.replaceAll('-', '')}`)
    expect(card).toMatchObject({ personId: w.ids.memberId, kind: 'link', revokedAt: null })

    const stored = await w.db.select().from(signInCards)
    expect(JSON.stringify(stored)).not.toContain(code.replaceAll('-', ''))
    const listed = await w.call('GET', `/api/admin/people/${w.ids.memberId}/cards`, { cookie: staff })
    expect(listed.json().map((c: { id: string }) => c.id)).toContain(card.id)
    expect(listed.body).not.toContain(code.replaceAll('-', ''))

    const signIn = await w.call('POST', '/api/auth/card', { payload: { code: code.toLowerCase() } })
    expect(signIn.json()).toMatchObject({ kind: 'person', personId: w.ids.memberId })
  })

  it('never issues a card for a staff account: a card needs no password', async () => {
    const reply = await w.call('POST', `/api/admin/people/${w.ids.adminId}/cards`, { cookie: await w.signIn(admin.email, admin.password), payload: { kind: 'card' } })
    expect(reply.statusCode).toBe(400)
    expect(reply.json().code).toBe('staff_use_password')
  })

  it('revokes a card at once: signed-in devices get session_ended on their next request and sync', async () => {
    const issued = (await w.call('POST', `/api/admin/people/${w.ids.memberId}/cards`, { cookie: staff, payload: { kind: 'card' } })).json()
    const phone = await w.cardSignIn(issued.code)
    expect((await w.call('GET', '/api/me/devices', { cookie: phone })).statusCode).toBe(200)

    const revoked = await w.call('POST', `/api/admin/cards/${issued.card.id}/revoke`, { cookie: staff, payload: {} })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json().revokedAt).not.toBeNull()

    const devices = await w.call('GET', '/api/me/devices', { cookie: phone })
    expect(devices.statusCode).toBe(401)
    expect(devices.json().code).toBe('session_ended')
    const pull = await w.pull(`council:${w.ids.councilId}`, phone)
    expect(pull.statusCode).toBe(401)
    expect(pull.json().code).toBe('session_ended')
    expect((await w.call('POST', '/api/auth/card', { payload: { code: issued.code } })).json().code).toBe('unknown_card')
    // Karen's other card still works: only the lost one was stopped.
    expect((await w.call('POST', '/api/auth/card', { payload: { code: DEMO_ACCOUNTS.memberCard } })).statusCode).toBe(200)
  })

  it('puts a tablet in kiosk mode, and only staff of that council can take it out', async () => {
    const start = await w.call('POST', '/api/kiosk', { cookie: staff, payload: { councilId: w.ids.councilId, mode: 'voting-booth' } })
    expect(start.json()).toMatchObject({ kind: 'kiosk', councilId: w.ids.councilId, mode: 'voting-booth' })
    const kiosk = w.sessionCookie(start)!
    expect((await w.call('GET', '/api/admin/councils', { cookie: kiosk })).statusCode).toBe(401)

    const wrongCouncil = await w.call('POST', '/api/kiosk/leave', { cookie: kiosk, payload: OTHER_SECRETARY })
    expect(wrongCouncil.statusCode).toBe(403)
    expect(wrongCouncil.json().code).toBe('not_your_council')
    expect((await w.call('GET', '/api/me', { cookie: kiosk })).json().kind).toBe('kiosk')

    const wrongPassword = await w.call('POST', '/api/kiosk/leave', { cookie: kiosk, payload: { ...secretary, password: 'gæt' } })
    expect(wrongPassword.statusCode).toBe(401)
    expect((await w.call('GET', '/api/me', { cookie: kiosk })).json().kind).toBe('kiosk')

    const leave = await w.call('POST', '/api/kiosk/leave', { cookie: kiosk, payload: secretary })
    expect(leave.json()).toMatchObject({ kind: 'person', staffRole: 'secretary' })
    expect((await w.call('GET', '/api/me', { cookie: kiosk })).json()).toEqual({ kind: 'anonymous' })

    // The secretary's own session became the kiosk's, so they sign in again on this tablet.
    expect((await w.call('GET', '/api/me', { cookie: staff })).json()).toEqual({ kind: 'anonymous' })
    const otherCouncil = await w.call('POST', '/api/kiosk', { cookie: w.sessionCookie(leave)!, payload: { councilId: w.ids.otherCouncilId, mode: 'shared-screen' } })
    expect(otherCouncil.statusCode).toBe(403)
  })
})
