import { expect, test, type Browser, type Page } from '@playwright/test'
import { expectNoAxeViolations, runA11yKit } from './a11y/kit.js'
import { appStarted, chooseSettings, waitForServiceWorker } from './helpers.js'
import { spokenSoFar, stubSpeech } from './speech-stub.js'

/**
 * A relative opens a meeting link from a text message on an old phone: the server sends the page
 * already rendered (src/app/ssr/render-page.ts), readable before the app's code has arrived, and
 * the app then takes that same page over instead of drawing it again.
 */

/** The next meeting's address, as a relative would get it: from the council's page. */
async function nextMeetingHref(browser: Browser): Promise<string> {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/raad')
  await page.getByRole('link', { name: /^Brugerrådet på Solbakken/ }).click()
  // Other tests add meetings of their own as they run: the demo's is the one named so.
  const href = await page.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen.*Møde i brugerrådet/ }).first().getAttribute('href')
  await context.close()
  expect(href).toMatch(/^\/moeder\/[0-9a-f-]{36}$/)
  return href!
}

async function expectTheAgenda(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Møde i brugerrådet' })).toBeVisible()
  await expect(page.getByRole('article', { name: /Maden i huset/ })).toContainText('Køkkenet vil høre, hvad I synes om maden.')
  await expect(page.getByRole('link', { name: 'Brugerrådet på Solbakken' })).toBeVisible()
  await expect(page.getByText('En beboers sag')).toHaveCount(0)
}

/** Console errors and uncaught errors, among them Vue's "Hydration completed but contains mismatches". */
function errorsOf(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

/** A device of its own (a fresh browser context) and the demo meeting's address, with its errors noted. */
async function freshDevice(browser: Browser, options: { viewport?: { width: number; height: number } } = {}) {
  const href = await nextMeetingHref(browser)
  const context = await browser.newContext(options)
  const page = await context.newPage()
  return { href, context, page, errors: errorsOf(page) }
}

test('the meeting page can be read before the app has run: with no JavaScript at all, and at 320 px with the app’s code still on its way', async ({ browser }) => {
  const href = await nextMeetingHref(browser)

  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
  const bare = await noScript.newPage()
  await bare.goto(href)
  await expectTheAgenda(bare)
  await expect(bare.getByRole('link', { name: 'Brugerrådet på Solbakken' })).toHaveAttribute('href', /^\/raad\//)
  // The meeting goes into the calendar without the app too: the server hands out the same file.
  const download = bare.waitForEvent('download')
  await bare.getByRole('link', { name: 'Sæt mødet i din kalender' }).click()
  const calendar = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8')
  expect(calendar).toContain('SUMMARY:Møde i brugerrådet\r\n')
  await noScript.close()

  // The app's scripts never arrive (a connection that gives out after the page): what shows is the server's page alone.
  const slow = await browser.newContext({ viewport: { width: 320, height: 640 } })
  const page = await slow.newPage()
  await page.route('**/assets/*.js', (route) => route.abort())
  await page.goto(href)
  await expectTheAgenda(page)
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(1)
  await runA11yKit(page, 'meeting page as the server rendered it, before the app runs')
  await slow.close()
})

/** Whether the device holds the meeting at `href` in IndexedDB (the app's database, read as it is stored). */
const meetingOnDevice = (page: Page, href: string) =>
  page.evaluate(async (id) => {
    const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))))
    if (!(await indexedDB.databases()).some((info) => info.name === 'brugerstemme')) return false
    const db = await request(indexedDB.open('brugerstemme'))
    try {
      return (await request(db.transaction('records').objectStore('records').get(['meeting', id]))) !== undefined
    } finally {
      db.close()
    }
  }, href.split('/').pop()!)

/** The app's own chunks (its start and the framework) that the page itself has fetched. */
const appChunksFetched = (page: Page) =>
  page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => /\/assets\/(start-app|framework)-[\w-]+\.js$/.test(entry.name)).map((entry) => entry.startTime))

test('a relative who only reads never waits for the app: the page is stored and the service worker fetches the app, which runs at the first tap, which it then does', { tag: '@service-worker' }, async ({ browser }) => {
  const { href, context, page, errors } = await freshDevice(browser, { viewport: { width: 360, height: 740 } })
  await stubSpeech(page, [{ lang: 'da-DK', name: 'Sara' }])
  // The elements the server sent, noted before any script of the app runs.
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') Object.assign(window, { __server: { heading: document.querySelector('#app h1'), card: document.querySelector('#app article') } })
    })
  })
  await page.goto(href)
  await expectTheAgenda(page)
  // Once the page is on the screen the meeting is stored on the device (in a worker) and the
  // service worker installed, its precache holding the app's code, which the page did not fetch
  // a second time: a moment later the app has still not run, as nobody has used the page.
  await expect.poll(() => meetingOnDevice(page, href)).toBe(true)
  await waitForServiceWorker(page)
  await page.waitForTimeout(500)
  expect(await appChunksFetched(page)).toEqual([])
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(1)
  // The calendar link is the server's file until the app makes it on the device.
  await expect(page.getByRole('link', { name: /Sæt mødet i din kalender/ })).toHaveAttribute('href', /^\/api\/meetings\//)

  // The first tap is on "Læs op": the app starts, takes the page over, and reads the item.
  const listen = page.getByRole('article', { name: /Maden i huset/ }).getByRole('button', { name: /^Læs op: / }).first()
  await expect(listen).toBeEnabled()
  await listen.click()
  await expect.poll(() => spokenSoFar(page)).toEqual([expect.stringContaining('Maden i huset')])
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(0)
  await expect(page.getByRole('link', { name: /Sæt mødet i din kalender/ })).toHaveAttribute('href', /^blob:/)
  const kept = await page.evaluate(() => {
    const server = (window as unknown as { __server?: { heading: Element | null; card: Element | null } }).__server
    return !!server?.heading && server.heading === document.querySelector('#app h1') && !!server.card && server.card === document.querySelector('#app article')
  })
  expect(kept, 'the heading and the first card are the very elements the server sent').toBe(true)

  // It is the app now: a link opens its page without loading a new one.
  await page.evaluate(() => Object.assign(window, { __samePage: true }))
  await page.getByRole('link', { name: 'Udskriv' }).click()
  await expect(page).toHaveURL(/\/udskriv$/)
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true)
  expect(errors).toEqual([])
  await context.close()
})

test('a link tapped or chosen by keyboard before the app runs opens its page in the app, not as a new page load', async ({ browser }) => {
  const { href, context, page, errors } = await freshDevice(browser, { viewport: { width: 320, height: 640 } })
  // Once the page is ready for its first use (start-on-use.ts has run and taken out the template
  // naming the app's chunks); before that, a link is a plain link, a new page load.
  const ready = () => expect(page.locator('template#app-chunks')).toHaveCount(0)
  await page.goto(href)
  await expectTheAgenda(page)
  await ready()
  await page.evaluate(() => Object.assign(window, { __samePage: true }))
  await page.getByRole('link', { name: 'Brugerrådet på Solbakken' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true)
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(0)

  // By keyboard on a fresh page load: the first Tab starts the app, Enter on the link is done once it runs.
  await page.goto(href)
  await expectTheAgenda(page)
  await ready()
  await page.evaluate(() => Object.assign(window, { __samePage: true }))
  const printLink = page.getByRole('link', { name: 'Udskriv' })
  await printLink.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Udskriv møde' })).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true)
  expect(errors).toEqual([])
  await context.close()
})

test('without a service worker the page fetches the app’s code itself, once it is on the screen, not while the phone is still showing it', async ({ browser }) => {
  // On a slow phone the app's ~110 KiB of script would compete with the first frame it waits for.
  const { href, context, page, errors } = await freshDevice(browser, { viewport: { width: 360, height: 740 } })
  // A browser without service workers (some private windows).
  await page.addInitScript(() => delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker)
  await page.goto(href)
  await expectTheAgenda(page)
  await expect.poll(async () => (await appChunksFetched(page)).length).toBe(2)
  const shown = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0)
  expect(shown).toBeGreaterThan(0)
  for (const start of await appChunksFetched(page)) expect(start).toBeGreaterThanOrEqual(shown)
  // Fetched, not run: nobody has used the page yet.
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(1)
  expect(errors).toEqual([])
  await context.close()
})

test('a relative who only read the meeting finds it again with no connection', { tag: '@service-worker' }, async ({ browser }) => {
  const { href, context, page, errors } = await freshDevice(browser, { viewport: { width: 360, height: 740 } })
  await page.goto(href)
  await expectTheAgenda(page)
  await waitForServiceWorker(page)
  await expect.poll(() => meetingOnDevice(page, href)).toBe(true)
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(1)
  await page.close()

  await context.setOffline(true)
  const again = await context.newPage()
  const offlineErrors = errorsOf(again)
  await again.goto(href)
  await expectTheAgenda(again)
  await expect(again.getByText('Ingen forbindelse. Det du gør, bliver gemt på enheden.')).toBeVisible()
  expect(errors).toEqual([])
  expect(offlineErrors.filter((error) => !/Failed to (load resource|fetch)|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([])
  await runA11yKit(again, 'meeting page opened again offline after only reading it')
  await context.close()
})

test('a print link opened on a device that never saw the meeting shows the handout, as the meeting link would', async ({ browser }) => {
  const { href, context, page, errors } = await freshDevice(browser, { viewport: { width: 320, height: 640 } })
  await page.goto(`${href}/udskriv`)
  await expect(page.getByRole('heading', { level: 1, name: 'Udskriv møde' })).toBeVisible()
  const handout = page.getByRole('article')
  await expect(handout.getByRole('heading', { level: 2 })).toHaveText('Møde i brugerrådet – Dagsorden')
  await expect(handout.getByRole('heading', { level: 3 }).first()).toHaveText('1. Velkommen')
  await expect(handout).toContainText('Køkkenet vil høre, hvad I synes om maden.')
  await expect(page.getByRole('button', { name: 'Udskriv' })).toBeVisible()
  expect(errors).toEqual([])
  await runA11yKit(page, 'print view opened first on a new device')
  await context.close()
})

test('a device where the app has run (English chosen) gets the plain page, drawn by the app in its settings', async ({ browser }) => {
  const { href, context, page, errors } = await freshDevice(browser)
  await chooseSettings(page, { english: true })
  // The app has run on this device, which tells the server so: it renders nothing for it.
  const response = await context.request.get(href)
  expect(await response.text()).toContain('<div id="app"></div>')
  await page.goto(href)
  await expect(page.getByRole('link', { name: 'Print' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Udskriv' })).toHaveCount(0)
  await expect(page.getByRole('article', { name: /Maden i huset/ })).toBeVisible()
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(0)
  await expectNoAxeViolations(page, 'meeting page drawn by the app, in English')
  expect(errors).toEqual([])
  await context.close()
})

test('a device that follows a council but lost its cookies draws a rendered meeting page anew: nothing of the server’s page stays', async ({ browser }) => {
  const { href, context, page, errors } = await freshDevice(browser)
  await page.goto('/raad')
  await page.getByRole('link', { name: /^Brugerrådet på Solbakken/ }).click()
  await page.getByRole('button', { name: 'Gem til offline' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Rådets møder er nu gemt på denne enhed.' })).toBeVisible()
  expect(await (await context.request.get(href)).text()).toContain('<div id="app"></div>')
  // Cookies cleared, the device's data kept (a browser setting does that): the server renders
  // the page as for a new device, and the app must not keep that page.
  await context.clearCookies()
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') Object.assign(window, { __serverHeading: document.querySelector('#app h1') })
    })
  })
  await page.goto(href)
  await expectTheAgenda(page)
  await appStarted(page)
  // The server rendered it (the device has no settings of its own), and the app drew it again
  // from what the device holds, which may be newer or its own.
  expect(await page.evaluate(() => (window as unknown as { __serverHeading?: Element | null }).__serverHeading?.textContent)).toBe('Møde i brugerrådet')
  expect(await page.evaluate(() => (window as unknown as { __serverHeading?: Element | null }).__serverHeading === document.querySelector('#app h1'))).toBe(false)
  await expect(page.getByRole('heading', { level: 1, name: 'Møde i brugerrådet' })).toHaveCount(1)
  expect(errors).toEqual([])
  await context.close()
})
