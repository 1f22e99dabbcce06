import { expect, type Locator, type Page } from '@playwright/test'

export const KAREN = { code: 'KAFE-HAVE-TUR4', name: 'Karen Holm' }
export const LENE = { code: 'PAAR-ENDE-FAR7', name: 'Lene Holm' }
export const ADMIN = { email: 'admin@demo.brugerstemme.dk', password: 'demo-admin-kodeord', name: 'Dorthe Demo (administrator)' }
export const SECRETARY = { email: 'sekretaer@demo.brugerstemme.dk', password: 'demo-sekretaer-kodeord', name: 'Sami Sekretær' }
export const SOLBAKKEN = 'Brugerrådet på Solbakken'
export const PSYKIATRI = 'Centerrådet for Socialpsykiatri'

/** Presses Tab until `target` has focus, as a keyboard user moves through the page. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement)) return
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

/** The card way on /log-ind: open it and type the code, as a person on a phone without camera. */
export async function signInWithCardCode(page: Page, code: string): Promise<void> {
  await page.goto('/log-ind')
  await page.getByRole('button', { name: /Jeg har et login-kort/ }).click()
  await page.getByLabel('Koden fra dit kort').fill(code)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
}

/** The staff way on /log-ind, through the form. */
export async function signInAsStaffUI(page: Page, who: { email: string; password: string }, path = '/log-ind'): Promise<void> {
  await page.goto(path)
  const staffWay = page.getByRole('button', { name: /Jeg er medarbejder/ })
  if ((await staffWay.getAttribute('aria-expanded')) !== 'true') await staffWay.click()
  await page.getByLabel('E-mail').fill(who.email)
  await page.getByLabel('Adgangskode', { exact: true }).fill(who.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
}

/** The signed-in person as the app caches it (the same the server answered at sign-in). */
export async function cachedMe(page: Page): Promise<{ kind: string; personId?: string; staffCouncilIds?: string[]; councilIds?: string[] }> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('brugerstemme.session.v1') ?? '{"kind":"anonymous"}'))
}

/**
 * Everything the browser keeps for this origin that a script can read: every IndexedDB database
 * and store, localStorage, sessionStorage and every Cache Storage entry with its body.
 */
export async function dumpBrowserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: Record<string, unknown> = {}
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    for (const info of await indexedDB.databases()) {
      const db = await request(indexedDB.open(info.name!))
      for (const store of Array.from(db.objectStoreNames)) {
        out[`indexedDB:${info.name}/${store}`] = await request(db.transaction(store).objectStore(store).getAll())
      }
      db.close()
    }
    out.localStorage = { ...localStorage }
    out.sessionStorage = { ...sessionStorage }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const key of await cache.keys()) {
        const response = await cache.match(key)
        out[`cache:${name}:${key.url}`] = response ? await response.text() : null
      }
    }
    return JSON.stringify(out)
  })
}

/** The session cookie, if the browser holds one. */
export async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === '__Host-brugerstemme')
}

/** A member's or relative's card sign-in lands on their council's next meeting; Mig is in the bottom bar. */
export async function fromNextMeetingToMig(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/moeder\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Møde i brugerrådet' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mig' }).click()
}

export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await expect(page).toHaveURL(/\/mig$/)
  await expect(page.getByText(`Du er logget ind som ${name}`)).toBeVisible()
}
