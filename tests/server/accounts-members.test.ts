import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { memberships } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { DEMO_ACCOUNTS, openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

const PHOTO = 'data:image/png;base64,iVBORw0KGgo='

interface Change {
  entity: string
  entityId: string
  data: { name?: string; photo?: { sha256: string; type: string; bytes: number } | null; listedPublicly?: boolean } | null
}

describe.each(databasesUnderTest())('council members, photos and relatives on $name', (target) => {
  let database: Database
  let w: World
  let staff: string

  beforeEach(async () => {
    database = await target.open()
    w = await openWorld(database)
    staff = await w.signIn(DEMO_ACCOUNTS.secretary.email, DEMO_ACCOUNTS.secretary.password)
  })
  afterEach(async () => {
    await w.app.close()
  })

  const memberNames = async (cookie: string | null) => {
    const reply = await w.pull(`council:${w.ids.councilId}`, cookie)
    return (reply.json().changes as Change[]).filter((c) => c.entity === 'council-member' && c.data).map((c) => c.data!.name).sort()
  }
  const karensMembership = async () => (await w.db.select().from(memberships).where(eq(memberships.personId, w.ids.memberId)))[0]!

  it('shows the public only members who agreed to be listed; members see everyone', async () => {
    const publicNames = await memberNames(null)
    expect(publicNames).toContain('Karen Holm')
    expect(publicNames).not.toContain('Birthe Lund')
    expect(await memberNames(await w.sessionFor({ personId: w.ids.memberId }))).toContain('Birthe Lund')
    expect(await memberNames(await w.sessionFor({ kioskCouncilId: w.ids.councilId }))).not.toContain('Birthe Lund')

    const members = (await w.call('GET', `/api/admin/councils/${w.ids.councilId}/members`, { cookie: staff })).json() as { membershipId: string; person: { name: string } }[]
    const birthe = members.find((m) => m.person.name === 'Birthe Lund')!
    await w.call('PATCH', `/api/admin/memberships/${birthe.membershipId}`, { cookie: staff, payload: { listedPublicly: true } })
    expect(await memberNames(null)).toContain('Birthe Lund')
  })

  it('keeps a photo only with a consent on record, and removes it everywhere when consent is withdrawn', async () => {
    const { id } = await karensMembership()
    const url = `/api/admin/memberships/${id}`
    const noConsent = await w.call('PATCH', url, { cookie: staff, payload: { photo: PHOTO, role: 'member' } })
    expect(noConsent.statusCode).toBe(400)
    expect(noConsent.json().code).toBe('photo_needs_consent')
    expect(await karensMembership()).toMatchObject({ photo: null, role: 'chair' })

    const withConsent = await w.call('PATCH', url, { cookie: staff, payload: { photo: PHOTO, photoConsentGivenAt: '2026-05-20' } })
    expect(withConsent.statusCode, withConsent.body).toBe(200)
    expect(withConsent.json()).toMatchObject({ photo: PHOTO, photoConsent: { givenAt: '2026-05-20', recordedBy: w.ids.secretaryId } })
    const pulled = async () => ((await w.pull(`council:${w.ids.councilId}`)).json().changes as Change[]).find((c) => c.entityId === id)!.data
    // Devices get the photo as a medium named by reference, never inside the member's record.
    const photo = (await pulled())!.photo!
    expect(photo).toEqual({ sha256: createHash('sha256').update(Buffer.from(PHOTO.split(',')[1]!, 'base64')).digest('hex'), type: 'image/png', bytes: 8 })
    const served = await w.call('GET', `/api/media/${photo.sha256}`)
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe('image/png')

    const withdrawn = await w.call('PATCH', url, { cookie: staff, payload: { photoConsentGivenAt: null } })
    expect(withdrawn.json()).toMatchObject({ photo: null, photoConsent: null })
    expect((await pulled())!.photo).toBeNull()
    expect((await karensMembership()).photo).toBeNull()
    // Nothing names the photo any more: it is no longer served to anyone.
    expect((await w.call('GET', `/api/media/${photo.sha256}`)).statusCode).toBe(404)
  })

  it('lets a relative act for a resident only while the consent link exists', async () => {
    const lene = await w.cardSignIn(DEMO_ACCOUNTS.relativeCard)
    const acting = await w.call('PUT', '/api/me/acting-for', { cookie: lene, payload: { residentId: w.ids.memberId } })
    expect(acting.json().actingFor).toEqual({ personId: w.ids.memberId, name: 'Karen Holm' })

    const stranger = await w.newPerson('member', w.ids.councilId)
    const refused = await w.call('PUT', '/api/me/acting-for', { cookie: lene, payload: { residentId: stranger.personId } })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('no_consent')

    const removed = await w.call('DELETE', `/api/admin/relative-links/${w.ids.relativeId}/${w.ids.memberId}`, { cookie: staff })
    expect(removed.json()).toEqual({ removed: true })
    expect((await w.call('GET', '/api/me', { cookie: lene })).json()).toMatchObject({ actingFor: null, linkedResidents: [] })
    expect((await w.call('PUT', '/api/me/acting-for', { cookie: lene, payload: { residentId: w.ids.memberId } })).statusCode).toBe(403)

    const relinked = await w.call('POST', '/api/admin/relative-links', {
      cookie: staff,
      payload: { relativeId: w.ids.relativeId, residentId: w.ids.memberId, consentGivenAt: '2026-06-01', consentNote: 'Ny erklæring' },
    })
    expect(relinked.json()).toMatchObject({ relativeName: 'Lene Holm', residentName: 'Karen Holm', recordedBy: w.ids.secretaryId })
    expect((await w.call('PUT', '/api/me/acting-for', { cookie: lene, payload: { residentId: w.ids.memberId } })).statusCode).toBe(200)
  })
})
