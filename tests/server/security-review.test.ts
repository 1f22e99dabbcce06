import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_ACCOUNTS } from '../../src/server/demo/accounts.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import type { Me } from '../../src/shared/accounts/model.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'

const origin = { origin: 'http://localhost' }
const cookieOf = (response: { headers: Record<string, unknown> }) => String(response.headers['set-cookie']).split(';')[0]!

/** Findings of the security review, each kept fixed by a test. */
describe.each(databasesUnderTest())('security review findings on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildTestServer>>

  beforeAll(async () => {
    database = await target.open()
    const registry = createSyncRegistry()
    await seedDemoIfEmpty(database.db, registry)
    app = await buildTestServer(database, { syncRegistry: registry })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('a kiosk cannot be ended by signing in or out over it, only through kiosk leave', async () => {
    const staff = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: DEMO_ACCOUNTS.secretary, headers: origin })
    const me = staff.json<Extract<Me, { kind: 'person' }>>()
    const kiosk = await app.inject({
      method: 'POST',
      url: '/api/kiosk',
      payload: { councilId: me.staffCouncilIds[0], mode: 'shared-screen' },
      headers: { ...origin, cookie: cookieOf(staff) },
    })
    const kioskCookie = cookieOf(kiosk)
    for (const [url, payload] of [
      ['/api/auth/sign-out', {}],
      ['/api/auth/card', { code: DEMO_ACCOUNTS.memberCard }],
      ['/api/auth/staff', DEMO_ACCOUNTS.admin],
    ] as const) {
      const response = await app.inject({ method: 'POST', url, payload, headers: { ...origin, cookie: kioskCookie } })
      expect(response.statusCode, url).toBe(409)
      expect(response.json().code).toBe('kiosk_locked')
    }
    const still = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: kioskCookie } })
    expect(still.json<Me>().kind).toBe('kiosk')
  })

  it('a percent-encoded /api path gets the same origin check, session and no-store', async () => {
    const forged = await app.inject({ method: 'POST', url: '/%61pi/auth/card', payload: { code: DEMO_ACCOUNTS.memberCard } })
    expect(forged.statusCode).toBe(403)
    expect(forged.json().code).toBe('cross_origin')
    const card = await app.inject({ method: 'POST', url: '/api/auth/card', payload: { code: DEMO_ACCOUNTS.memberCard }, headers: origin })
    const me = await app.inject({ method: 'GET', url: '/%61pi/me', headers: { cookie: cookieOf(card) } })
    expect(me.json<Me>().kind).toBe('person')
    expect(me.headers['cache-control']).toBe('no-store')
  })
  it("only an administrator changes a council's retention, and the log shows from what to what", async () => {
    const staff = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: DEMO_ACCOUNTS.secretary, headers: origin })
    const councilId = staff.json<Extract<Me, { kind: 'person' }>>().staffCouncilIds[0]!
    const list = await app.inject({ method: 'GET', url: '/api/admin/councils', headers: { cookie: cookieOf(staff) } })
    const council = list.json<{ id: string; retentionMonths: number | null }[]>().find((c) => c.id === councilId)!
    const { id: _id, ...input } = council as Record<string, unknown>
    const bySecretary = await app.inject({
      method: 'PUT',
      url: `/api/admin/councils/${councilId}`,
      payload: { ...input, retentionMonths: 1 },
      headers: { ...origin, cookie: cookieOf(staff) },
    })
    expect(bySecretary.statusCode).toBe(403)
    expect(bySecretary.json().code).toBe('admin_only_retention')
    const admin = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: DEMO_ACCOUNTS.admin, headers: origin })
    const byAdmin = await app.inject({
      method: 'PUT',
      url: `/api/admin/councils/${councilId}`,
      payload: { ...input, retentionMonths: 36 },
      headers: { ...origin, cookie: cookieOf(admin) },
    })
    expect(byAdmin.json()).toMatchObject({ retentionMonths: 36 })
    const log = await app.inject({ method: 'GET', url: '/api/admin/audit', headers: { cookie: cookieOf(admin) } })
    const entry = log.json<{ action: string; details: Record<string, unknown> }[]>().find((e) => e.action === 'council.update')
    expect(entry?.details).toMatchObject({ retentionMonths: { from: council.retentionMonths, to: 36 } })
  })
  it("a person not (or no longer) on a council is managed by whoever created them and admins, not by every secretary", async () => {
    const admin = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: DEMO_ACCOUNTS.admin, headers: origin })
    const adminCookie = cookieOf(admin)
    const councils = await app.inject({ method: 'GET', url: '/api/admin/councils', headers: { cookie: adminCookie } })
    const other = councils.json<{ id: string; name: string }[]>().find((c) => c.name !== 'Brugerrådet på Solbakken')!
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/staff',
      payload: { name: 'Olga Anden', email: 'olga@kommune.dk', password: 'et-langt-kodeord-her', staffRole: 'secretary', councilIds: [other.id] },
      headers: { ...origin, cookie: adminCookie },
    })
    expect(created.statusCode).toBe(200)
    const olga = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: { email: 'olga@kommune.dk', password: 'et-langt-kodeord-her' }, headers: origin })
    const sami = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: DEMO_ACCOUNTS.secretary, headers: origin })

    const person = await app.inject({ method: 'POST', url: '/api/admin/people', payload: { name: 'Nora Ny', kind: 'member' }, headers: { ...origin, cookie: cookieOf(sami) } })
    const noraId = person.json<{ id: string }>().id
    const visibleTo = async (cookie: string) =>
      (await app.inject({ method: 'GET', url: '/api/admin/people', headers: { cookie } })).json<{ id: string }[]>().some((p) => p.id === noraId)
    expect(await visibleTo(cookieOf(sami))).toBe(true)
    expect(await visibleTo(adminCookie)).toBe(true)
    expect(await visibleTo(cookieOf(olga))).toBe(false)
    const card = await app.inject({ method: 'POST', url: `/api/admin/people/${noraId}/cards`, payload: { kind: 'card' }, headers: { ...origin, cookie: cookieOf(olga) } })
    expect(card.statusCode).toBe(403)
  })
})
