import { expect, type Page } from '@playwright/test'

export const SECRETARY = { email: 'sekretaer@demo.brugerstemme.dk', password: 'demo-sekretaer-kodeord' }

/**
 * Signs the page's browser in as the demo secretary through the same API call the sign-in form
 * makes, and returns the council they work for. Tests about other things start from here; the
 * sign-in form itself is tested in sign-in.spec.ts.
 */
export async function signInAsSecretary(page: Page): Promise<string> {
  // A page of the server's, not of the app (see signIn in admin-helpers.ts). The app may still be
  // finishing a navigation of its own (a page restoring its route after a reload); going there
  // once more then lands where the helper needs to be.
  await page.goto('/api/health').catch(() => page.goto('/api/health'))
  const me = await page.evaluate(async (credentials) => {
    const response = await fetch('/api/auth/staff', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    })
    const body = (await response.json()) as { kind: string; staffCouncilIds?: string[] }
    localStorage.setItem('brugerstemme.session.v1', JSON.stringify(body))
    return body
  }, SECRETARY)
  expect(me.kind).toBe('person')
  await page.goto('/mig')
  return me.staffCouncilIds![0]!
}

/** What the server holds, read the way a device reads it: through sync pull, as this browser; `id` is the record's id. */
export async function serverRecords(page: Page, councilId: string, entity: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    async ({ councilId, entity }) => {
      const response = await fetch(`/api/sync/pull?since=0&scopes=council:${councilId}&protocolVersion=1`)
      const body = (await response.json()) as { changes: { entity: string; entityId: string; data: Record<string, unknown> | null }[] }
      return body.changes.filter((c) => c.entity === entity && c.data !== null).map((c) => ({ ...c.data!, id: c.entityId }))
    },
    { councilId, entity },
  )
}

export async function createMeeting(page: Page, councilId: string, title: string): Promise<void> {
  await page.goto(`/moeder/ny?raad=${councilId}`)
  await page.getByRole('textbox', { name: 'Mødets navn' }).fill(title)
  await page.getByLabel('Dato').fill('2027-01-14')
  await page.getByRole('textbox', { name: 'Starter kl.' }).fill('13:30')
  await page.getByRole('textbox', { name: 'Sted' }).fill('Fælleshuset')
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
}

export async function addItem(page: Page, title: string, easyText: string): Promise<void> {
  await page.getByRole('link', { name: 'Tilføj punkt' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nyt punkt' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Overskrift', exact: true }).fill(title)
  await page.getByRole('textbox', { name: 'Let tekst' }).fill(easyText)
  await page.getByRole('button', { name: 'Gem punktet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
}

/** Another device's change, sent straight through the sync API as the browser of `page`. */
export async function pushFromPage(
  page: Page,
  mutation: { entity: string; entityId: string; op: 'put' | 'patch' | 'delete'; patch: Record<string, unknown>; baseVersion: number | null },
): Promise<string> {
  return page.evaluate(async (m) => {
    const response = await fetch('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: crypto.randomUUID(), protocolVersion: 1, mutations: [{ id: crypto.randomUUID(), ...m }] }),
    })
    const body = (await response.json()) as { results: { status: string }[] }
    return body.results[0]!.status
  }, mutation)
}

/** New records put in one push as the browser of `page` (staff setting up a test's world); their statuses. */
export async function putAllFromPage(page: Page, records: { entity: string; entityId: string; patch: Record<string, unknown> }[]): Promise<string[]> {
  return page.evaluate(async (mutations) => {
    const response = await fetch('/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: crypto.randomUUID(), protocolVersion: 1, mutations: mutations.map((m) => ({ id: crypto.randomUUID(), ...m, op: 'put', baseVersion: null })) }),
    })
    return ((await response.json()) as { results: { status: string }[] }).results.map((r) => r.status)
  }, records)
}

/** The server's id and version of a record, found by a field value. */
export async function findOnServer(page: Page, councilId: string, entity: string, field: string, value: string) {
  return page.evaluate(
    async ({ councilId, entity, field, value }) => {
      const response = await fetch(`/api/sync/pull?since=0&scopes=council:${councilId}&protocolVersion=1`)
      const body = (await response.json()) as { changes: { entity: string; entityId: string; version: number; data: Record<string, unknown> | null }[] }
      const found = body.changes.filter((c) => c.entity === entity && c.data?.[field] === value).pop()
      return found ? { id: found.entityId, version: found.version, data: found.data! } : null
    },
    { councilId, entity, field, value },
  )
}
