import { expect, test, type Browser, type Page } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { dumpBrowserStorage, expectSignedInAs, fromNextMeetingToMig, KAREN, signInAsStaffUI, signInWithCardCode } from './accounts-helpers.js'
import { ADMIN, councilIdByName, signInAsStaff } from './admin-helpers.js'
import { chooseSettings, waitForServiceWorker } from './helpers.js'
import { createMeeting } from './sync-helpers.js'

/**
 * A session that ends somewhere else (a card blocked by staff, "Log ud" on another device) must
 * clear the shared device the next time the app starts on it: a notice says what happened, and
 * nothing of the person is left for whoever picks the tablet up next.
 */

const SESSION_ENDED = 'Du er blevet logget ud på denne enhed. Måske er dit kort spærret, eller du er logget ud et andet sted.'
/** Staff have no card: their session ends after an hour without use, or from another device. */
const STAFF_SESSION_ENDED = 'Du er blevet logget ud på denne enhed. Det sker fx, når du ikke har brugt appen i en time, eller når du er logget ud et andet sted.'
const SETTINGS_KEY = 'brugerstemme.settings.v1'

/** JSON over the API with the cookie of the staff browser `page` (as the admin screens send it). */
async function asStaff<T>(page: Page, method: 'POST' | 'GET', path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
      return response.json()
    },
    { method, path, body },
  ) as Promise<T>
}

/** An administrator on another device, who has set up `name`'s membership of Solbakken. */
async function adminElsewhere(browser: Browser): Promise<{ staff: Page; councilId: string }> {
  const staff = await (await browser.newContext()).newPage()
  await signInAsStaff(staff, ADMIN)
  return { staff, councilId: await councilIdByName(staff, 'Brugerrådet på Solbakken') }
}

/** Another feature's runtime cache holding something of the person (a photo they took). */
async function cacheSomethingOf(page: Page, text: string): Promise<void> {
  await page.evaluate(async (text) => {
    await (await caches.open('runtime-photos')).put('/photo-of-the-person', new Response(text))
  }, text)
}

/**
 * After the device signed the person out: IndexedDB, localStorage (but the display settings) and
 * Cache Storage (but the app's own precached files) hold nothing of them, and no unsent work.
 */
async function expectNothingLeftOf(page: Page, traces: string[]): Promise<void> {
  const dump = JSON.parse(await dumpBrowserStorage(page)) as Record<string, unknown>
  expect(Object.keys(dump.localStorage as object)).toEqual([SETTINGS_KEY])
  const cacheNames = new Set(Object.keys(dump).filter((key) => key.startsWith('cache:')).map((key) => key.split(':')[1]))
  // The pictogram cache may come back at once: the device keeps the pictures of the public
  // meetings it still follows (the same files for everyone), and nothing else goes in there.
  expect([...cacheNames].filter((name) => !name!.startsWith('workbox-precache') && name !== 'pictograms')).toEqual([])
  const pictogramEntries = Object.keys(dump).filter((key) => key.startsWith('cache:pictograms:'))
  for (const key of pictogramEntries) expect(new URL(key.slice('cache:pictograms:'.length)).pathname).toMatch(/^\/pictograms\/[a-z0-9-]+\.svg$/)
  // The app's own files stay: the tablet still starts offline.
  expect([...cacheNames].some((name) => name!.startsWith('workbox-precache'))).toBe(true)
  expect(dump['indexedDB:brugerstemme/outbox']).toEqual([])
  expect(dump['indexedDB:brugerstemme/held']).toEqual([])
  // The precached files are the app's own code, the same for everyone: not searched.
  const text = JSON.stringify(Object.entries(dump).filter(([key]) => !key.startsWith('cache:workbox-precache')))
  for (const trace of traces) expect(text.includes(trace), `"${trace}" is still on the device`).toBe(false)
}

test('a card blocked by staff: at its next start the tablet says so and keeps nothing of the person', { tag: '@service-worker' }, async ({ page, browser }) => {
  const name = `Rikke Spærresen ${Date.now().toString(36)}`
  const { staff, councilId } = await adminElsewhere(browser)
  const person = await asStaff<{ id: string }>(staff, 'POST', '/api/admin/people', { name, kind: 'member' })
  await asStaff(staff, 'POST', `/api/admin/councils/${councilId}/members`, {
    personId: person.id,
    role: 'member',
    termStart: '2024-01-01',
    termEnd: null,
    listedPublicly: false,
  })
  const { code } = await asStaff<{ code: string }>(staff, 'POST', `/api/admin/people/${person.id}/cards`, { kind: 'card' })

  await chooseSettings(page, { textSize: 'Størst' })
  await signInWithCardCode(page, code)
  await fromNextMeetingToMig(page)
  await expectSignedInAs(page, name)
  await waitForServiceWorker(page)
  // Her council's members-only records arrive by sync, with her own name among them.
  await expect.poll(async () => (await dumpBrowserStorage(page)).includes('"entity":"council-member"'), { timeout: 15_000 }).toBe(true)
  await cacheSomethingOf(page, name)
  const before = await dumpBrowserStorage(page)
  expect(before).toContain(person.id)
  expect(before).toContain(name)

  // Staff block the card on their own device, through the admin screen.
  await staff.goto(`/admin/person/${person.id}`)
  await staff.getByRole('button', { name: /Spær kort/ }).click()
  await staff.getByRole('button', { name: 'Ja, spær det' }).click()
  await expect(staff.getByText('Det er spærret.')).toBeVisible()
  await staff.context().close()

  await page.reload()
  await expect(page.getByText(SESSION_ENDED)).toBeVisible()
  await expect(page.getByText('Du er ikke logget ind.')).toBeVisible()
  await expectNothingLeftOf(page, [name, person.id, code, code.replaceAll('-', '')])
  // The display settings are the device's, not the person's: they stay.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThan(20)
  await runA11yKit(page, 'signed out elsewhere: the notice')

  // Said once: the next page load does not repeat it.
  await page.reload()
  await expect(page.getByText('Du er ikke logget ind.')).toBeVisible()
  await expect(page.getByText(SESSION_ENDED)).toBeHidden()
})

test('"Log ud" on another device: the tablet forgets the secretary and the item they had not saved', { tag: '@service-worker' }, async ({ page, browser }) => {
  const suffix = Date.now().toString(36)
  const secretary = { name: `Sofie Sekretær ${suffix}`, email: `sofie-${suffix}@demo.brugerstemme.dk`, password: `kodeord-til-sofie-${suffix}` }
  const { staff: admin, councilId } = await adminElsewhere(browser)
  const created = await asStaff<{ id: string }>(admin, 'POST', '/api/admin/staff', { ...secretary, staffRole: 'secretary', councilIds: [councilId] })
  await admin.context().close()

  await chooseSettings(page, { textSize: 'Større' })
  await signInAsStaffUI(page, secretary)
  await expectSignedInAs(page, secretary.name)
  await waitForServiceWorker(page)
  await createMeeting(page, councilId, `Møde om kladder ${suffix}`)
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'sendt' })).toHaveText('Alt er sendt.')
  // The secretary starts an item and walks away from the tablet without saving it.
  await page.getByRole('link', { name: 'Tilføj punkt' }).click()
  await page.getByRole('textbox', { name: 'Overskrift', exact: true }).fill(`Sofies hemmelige punkt ${suffix}`)
  await page.getByRole('textbox', { name: 'Let tekst' }).fill('Det her er ikke gemt endnu.')
  const drafts = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('brugerstemme.draft.item.')))
  expect(drafts).toHaveLength(1)

  // On her phone she signs in and signs the tablet out from "Mine enheder".
  const phone = await (await browser.newContext()).newPage()
  await signInAsStaffUI(phone, secretary)
  await expectSignedInAs(phone, secretary.name)
  const devices = phone.getByRole('region', { name: 'Mine enheder' })
  await expect(devices.getByText('Denne enhed')).toBeVisible()
  await devices.getByRole('button', { name: /^Log ud på .*, sidst brugt/ }).click()
  await expect(devices.getByRole('status')).toHaveText(/er logget ud\.$/)
  await phone.context().close()

  await page.reload()
  await expect(page.getByText(STAFF_SESSION_ENDED)).toBeVisible()
  await expect(page.getByText('Måske er dit kort spærret')).toHaveCount(0)
  await runA11yKit(page, 'staff signed out elsewhere: the notice')
  await expectNothingLeftOf(page, [secretary.name, created.id, secretary.email, 'Sofies hemmelige punkt', 'Det her er ikke gemt endnu.'])
})

test('"Skift person" in one tab: the other tab of the same browser follows at once and says so', async ({ page }) => {
  await signInWithCardCode(page, KAREN.code)
  await fromNextMeetingToMig(page)
  await expectSignedInAs(page, KAREN.name)
  const otherTab = await page.context().newPage()
  await otherTab.goto('/mig')
  await expect(otherTab.getByText(`Du er logget ind som ${KAREN.name}`)).toBeVisible()

  await page.getByRole('button', { name: 'Skift person' }).click()
  await expect(page).toHaveURL(/\/log-ind$/)
  await expect(otherTab.getByText('Du er logget ud. Dine data er fjernet fra denne enhed.')).toBeVisible()
  await expect(otherTab.getByText('Du er ikke logget ind.')).toBeVisible()
  await expect(otherTab.getByText(KAREN.name)).toHaveCount(0)
})

test('a tab whose app starts while another tab is changing person waits for it, then follows, and gives nothing back to the person who left', async ({ page }) => {
  await signInWithCardCode(page, KAREN.code)
  await fromNextMeetingToMig(page)
  await expectSignedInAs(page, KAREN.name)
  // The other tab has painted the page, but the part of the app that acts on who is signed in
  // (start-later.ts) has not arrived yet.
  let arrive: () => void = () => {}
  const arrived = new Promise<void>((resolve) => (arrive = resolve))
  const otherTab = await page.context().newPage()
  await otherTab.route(/\/assets\/start-later-[\w-]+\.js$/, async (route) => {
    await arrived
    await route.continue()
  })
  await otherTab.goto('/mig')
  await expect(otherTab.getByText(`Du er logget ind som ${KAREN.name}`)).toBeVisible()

  // This tab is halfway through "Skift person", in the order identity.ts does it: the server has
  // heard the sign-out and the database is emptied, but the session in storage is not changed yet.
  await page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    let finish: () => void = () => {}
    const held = new Promise<void>((resolve) => (finish = resolve))
    Object.assign(window, { finishChange: finish })
    await new Promise<void>((granted) => void navigator.locks.request('brugerstemme.identity', () => (granted(), held)))
    localStorage.setItem('brugerstemme.sign-out-pending.v1', '1')
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    const db = await request(indexedDB.open('brugerstemme'))
    const tx = db.transaction(['records', 'meta'], 'readwrite')
    tx.objectStore('records').clear()
    tx.objectStore('meta').clear()
    tx.objectStore('meta').put({ key: 'owner', value: 'anonymous' })
    await new Promise((resolve) => (tx.oncomplete = resolve))
    db.close()
  })
  // Now the other tab's app starts. Until this tab is done it must not act on who its page still
  // shows: that would hand the emptied database back to Karen. It waits for this tab; without
  // that wait it would have handed it back by the time it asks the server who it is (/api/me).
  const askedServer = otherTab.waitForRequest(/\/api\/me$/)
  arrive()
  const waiting = expect.poll(() => page.evaluate(async () => (await navigator.locks.query()).pending?.some((lock) => lock.name === 'brugerstemme.identity')))
  await Promise.race([waiting.toBe(true), askedServer])
  const owner = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('brugerstemme').onsuccess = (event) => resolve((event.target as IDBOpenDBRequest).result)))
      const entry = await new Promise<{ value: string } | undefined>((resolve) => (db.transaction('meta').objectStore('meta').get('owner').onsuccess = (event) => resolve((event.target as IDBRequest).result)))
      db.close()
      return entry?.value
    })
  expect(await owner()).toBe('anonymous')
  await page.evaluate(() => {
    localStorage.removeItem('brugerstemme.sign-out-pending.v1')
    localStorage.removeItem('brugerstemme.session.v1')
    ;(window as unknown as { finishChange: () => void }).finishChange()
  })

  await expect(otherTab.getByText('Du er logget ud. Dine data er fjernet fra denne enhed.')).toBeVisible()
  await expect(otherTab.getByText('Du er ikke logget ind.')).toBeVisible()
  await expect(otherTab.getByText(KAREN.name)).toHaveCount(0)
  // Her name is public (she chairs a council); what must not stay is her session, or her
  // ownership of the database, which the next person's data would be stored under.
  expect(await otherTab.evaluate(() => localStorage.getItem('brugerstemme.session.v1'))).toBeNull()
  expect(await owner()).toBe('anonymous')
})
