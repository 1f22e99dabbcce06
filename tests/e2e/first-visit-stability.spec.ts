import { expect, test, type Browser, type Page } from '@playwright/test'
import { cachedMe, KAREN, SECRETARY, signInAsStaffUI, signInWithCardCode } from './accounts-helpers.js'
import { appStarted } from './helpers.js'

/**
 * A first visit on a phone: what the first sync brings must not push what is already on screen
 * (Lighthouse's layout shift, 25 % of its Performance score, and a misplaced tap for a person).
 * Each page is opened cold, in a browser context of its own (no service worker, no IndexedDB).
 */
async function coldPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  await page.addInitScript(() => {
    const shifts: string[] = []
    Object.assign(window, { __shifts: shifts })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] })[]) {
        // What moved, and from where to where: enough to find it when this fails.
        const what = entry.sources.map((s) => {
          const element = s.node as Element | null
          const name = element?.getAttribute?.('aria-labelledby') || element?.className || s.node?.nodeName
          return `${name} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`
        })
        shifts.push(`${entry.value.toFixed(4)} ${what.join(', ')}`)
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
  return page
}

const shiftsOf = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: string[] }).__shifts)

test('a first visit to the start page and to a shared meeting link: nothing on screen moves as the data arrives', async ({ browser }) => {
  const start = await coldPage(browser)
  await start.goto('/')
  const choose = start.getByRole('region', { name: 'Vælg dit råd' })
  await expect(choose.getByRole('link', { name: /Brugerrådet på Solbakken/ })).toBeVisible()
  // The list and the link to every council arrive together; "no councils yet" never showed.
  await expect(start.getByRole('link', { name: /Se rådene/ })).toBeVisible()
  await start.waitForTimeout(500)
  expect(await shiftsOf(start)).toEqual([])

  await choose.getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
  // The region lists later meetings too ("Senere møder") when a test beside this one adds one.
  const href = await start.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen/ }).first().getAttribute('href')
  expect(href).toMatch(/^\/moeder\//)
  await start.context().close()

  // The link as a relative would get it by text message: a device that follows nothing yet.
  const meeting = await coldPage(browser)
  const asked: string[] = []
  meeting.on('request', (request) => asked.push(new URL(request.url()).pathname))
  await meeting.goto(href!)
  await expect(meeting.getByRole('heading', { level: 1, name: 'Møde i brugerrådet' })).toBeVisible()
  await expect(meeting.getByRole('article', { name: /Maden i huset/ })).toContainText('Køkkenet vil høre, hvad I synes om maden.')
  await expect(meeting.getByRole('link', { name: 'Brugerrådet på Solbakken' })).toBeVisible()
  // The meeting came with the page (its first pull in the HTML): no lookup of its council first.
  expect(asked.filter((path) => path.endsWith('/council'))).toEqual([])
  // The closed item is not in the page, nor in what came with it.
  await expect(meeting.getByText('En beboers sag')).toHaveCount(0)
  // Read, not yet used, nothing moves; the person's first touch starts the app, which takes the
  // page over and keeps its council in sync from there (the first sync pulls on from that
  // cursor), and nothing moves either.
  await meeting.waitForTimeout(500)
  expect(await shiftsOf(meeting)).toEqual([])
  await appStarted(meeting)
  await expect.poll(() => asked.filter((path) => path === '/api/sync/pull').length).toBeGreaterThan(0)
  await meeting.waitForTimeout(500)
  expect(await shiftsOf(meeting)).toEqual([])
  await meeting.context().close()
})

test('a first visit to the start page shows the councils to choose from before any pull has answered: the list came with the page', async ({ browser }) => {
  const start = await coldPage(browser)
  // No pull gets through: what shows can only have come with the HTML.
  await start.route('**/api/sync/pull**', (route) => route.abort())
  await start.goto('/')
  const choose = start.getByRole('region', { name: 'Vælg dit råd' })
  await expect(choose.getByRole('link', { name: /Brugerrådet på Solbakken/ })).toBeVisible()
  await expect(choose.getByRole('link', { name: /Centerrådet for Socialpsykiatri/ })).toBeVisible()
  expect(await shiftsOf(start)).toEqual([])
  await start.context().close()
})

test("a shared meeting link shows the agenda in the app's first render, not a heading the agenda joins a moment later", async ({ browser }) => {
  const start = await coldPage(browser)
  await start.goto('/raad')
  await start.getByRole('link', { name: /^Brugerrådet på Solbakken/ }).click()
  // The region lists later meetings too ("Senere møder") when a test beside this one adds one.
  const href = await start.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen/ }).first().getAttribute('href')
  await start.context().close()

  const meeting = await coldPage(browser)
  // What the page held the moment it first had a heading: drawn by the app, the mount is one DOM
  // change; sent rendered by the server (a new device gets it so), the page as parsed, which the
  // browser paints once its styles are in, not piece by piece as the parser takes the HTML in.
  await meeting.addInitScript(() => {
    const record = () => {
      const heading = document.querySelector('#app h1')
      if (!heading || '__firstRender' in window) return
      if (document.getElementById('app')?.hasAttribute('data-server-rendered') && document.readyState === 'loading') return
      Object.assign(window, { __firstRender: { heading: heading.textContent?.trim(), items: document.querySelectorAll('#app article').length } })
      observer.disconnect()
    }
    const observer = new MutationObserver(record)
    observer.observe(document, { childList: true, subtree: true })
    document.addEventListener('DOMContentLoaded', record)
  })
  await meeting.goto(href!)
  const items = meeting.getByRole('article')
  await expect(items.filter({ hasText: 'Maden i huset' })).toBeVisible()
  const shown = await items.count()
  expect(shown).toBeGreaterThan(2)
  const first = await meeting.evaluate(() => (window as unknown as { __firstRender: { heading: string; items: number } }).__firstRender)
  expect(first).toEqual({ heading: 'Møde i brugerrådet', items: shown })
  await meeting.context().close()
})

test('a member’s and a secretary’s start page: their own sections are there with the page, and nothing moves as the meetings arrive', async ({ browser }) => {
  // "Dit råd" and "Lav et møde" come in chunks of their own (only members and staff see them):
  // arriving after the page, they pushed the meetings down, under a finger about to tap one.
  for (const who of ['member', 'secretary'] as const) {
    const page = await coldPage(browser)
    if (who === 'member') await signInWithCardCode(page, KAREN.code)
    else await signInAsStaffUI(page, SECRETARY)
    await expect.poll(async () => (await cachedMe(page)).kind).toBe('person')
    for (const visit of [1, 2]) {
      await page.goto('/moeder')
      const own = page.getByRole('region', { name: 'Dit råd' })
      await expect(own.getByRole('link', { name: /Brugerrådet på Solbakken/ })).toBeVisible()
      await expect(page.getByRole('region', { name: 'Kommende møder' }).getByRole('article').first()).toBeVisible()
      if (who === 'secretary') await expect(page.getByRole('region', { name: 'Lav et møde' }).getByRole('link', { name: /Nyt møde/ })).toBeVisible()
      await page.waitForTimeout(500)
      expect(await shiftsOf(page), `${who}, visit ${visit}`).toEqual([])
    }
    await page.context().close()
  }
})

test('a person whose council is not on the device yet when the start page opens: nothing moves when it lands', async ({ browser }) => {
  // Right after signing in the device's first pull may still be on its way, in pages: meetings
  // can be stored before the council they belong to. "Dit råd" used to appear above the meetings
  // then, pushing them down under a finger about to tap one.
  const page = await coldPage(browser)
  await signInAsStaffUI(page, SECRETARY)
  await expect.poll(async () => (await cachedMe(page)).kind).toBe('person')
  await page.goto('/moeder')
  await expect(page.getByRole('region', { name: 'Dit råd' }).getByRole('link', { name: /Brugerrådet på Solbakken/ })).toBeVisible()
  // The councils leave the device, with the mark that they were pulled, and come back late.
  await page.goto('/api/health')
  await page.evaluate(async () => {
    const request = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const db = await request(indexedDB.open('brugerstemme'))
    const tx = db.transaction(['records', 'meta'], 'readwrite')
    await request(tx.objectStore('records').delete(IDBKeyRange.bound(['council', ''], ['council', '\uffff'])))
    await request(tx.objectStore('meta').delete('cursor:public:councils'))
    db.close()
  })
  let held = 0
  await page.route('**/api/sync/pull**', async (route) => {
    if (!decodeURIComponent(route.request().url()).includes('public:councils')) return route.continue()
    held += 1
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await route.continue()
  })
  await page.goto('/moeder')
  const own = page.getByRole('region', { name: 'Dit råd' })
  await expect(own.getByRole('link', { name: /Brugerrådet på Solbakken/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Kommende møder' }).getByRole('article').first()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Lav et møde' }).getByRole('link', { name: /Nyt møde/ })).toBeVisible()
  expect(held, 'the councils were pulled again, late').toBeGreaterThan(0)
  await page.waitForTimeout(500)
  expect(await shiftsOf(page)).toEqual([])
  await page.context().close()
})
