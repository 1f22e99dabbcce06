import { chromium, devices, expect, test, type BrowserContext, type Page } from '@playwright/test'
import { expectNoAxeViolations } from './a11y/kit.js'
import { waitForServiceWorker } from './helpers.js'
import { startOwnServer, tempDir } from './own-server.js'
import { addItem, createMeeting, serverRecords, signInAsSecretary } from './sync-helpers.js'

// The sync status, not the offline banner (both are live regions).
const status = (page: Page) => page.getByRole('status').filter({ hasText: /Alt er sendt|venter/ })

test.describe('nothing written is lost', () => {
  test('written and edited offline, kept through a reload and a closed browser, then sent exactly once', { tag: '@service-worker' }, async () => {
    const profile = tempDir('profile')
    // A persistent profile: closing the browser and opening it again keeps IndexedDB, as on a phone.
    const { baseURL, launchOptions } = test.info().project.use
    const open = async (): Promise<[BrowserContext, Page]> => {
      const context = await chromium.launchPersistentContext(profile, {
        ...devices['Pixel 7'],
        ...launchOptions,
        baseURL,
        locale: 'da-DK',
      })
      return [context, context.pages()[0] ?? (await context.newPage())]
    }
    const title = `Offline-møde ${Date.now()}`
    let [context, page] = await open()
    const councilId = await signInAsSecretary(page)
    await waitForServiceWorker(page)

    await context.setOffline(true)
    await createMeeting(page, councilId, title)
    await addItem(page, 'Maden i huset', 'Vi taler om maden.')
    // Still offline, the secretary rewrites the easy-read text she has just written: her own
    // text twice, so it must land as her last version, not as a clash with herself.
    await page.getByRole('link', { name: 'Ret: Maden i huset' }).click()
    await page.getByRole('textbox', { name: 'Let tekst' }).fill('Vi taler om maden og kaffen.')
    await page.getByRole('button', { name: 'Gem punktet' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
    await expect(status(page)).toHaveText('Ingen forbindelse – det du har skrevet er gemt på denne enhed. 3 ting venter.')
    await expect(page.getByRole('listitem').filter({ hasText: 'Maden i huset' })).toContainText('Venter på at blive sendt')
    await expectNoAxeViolations(page)
    const editUrl = page.url()

    await page.reload()
    await expect(page.getByRole('listitem').filter({ hasText: 'Maden i huset' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Mødets navn' })).toHaveValue(title)

    await context.close()
    ;[context, page] = await open()
    await context.setOffline(true)
    await page.goto(editUrl)
    await expect(page.getByRole('listitem').filter({ hasText: 'Maden i huset' })).toContainText('Venter på at blive sendt')
    await expect(status(page)).toContainText('3 ting venter')

    await context.setOffline(false)
    // A staff session ends with the browser: the work waits, safe, until they sign in again.
    await page.reload()
    await expect(status(page)).toContainText('Log ind igen for at sende det. 3 ting venter.')
    // The device loads afresh without the secretary's data and says why; then she signs in again.
    await expect(page.getByText('Du er blevet logget ud på denne enhed.', { exact: false })).toBeVisible()
    await expect(status(page)).toContainText('Log ind igen for at sende det. 3 ting venter.')
    await signInAsSecretary(page)
    await page.goto(editUrl)
    await expect(status(page)).toHaveText('Alt er sendt.', { timeout: 20_000 })
    await expect(page.getByRole('listitem').filter({ hasText: 'Maden i huset' })).not.toContainText('Venter')
    const meetings = (await serverRecords(page, councilId, 'meeting')).filter((m) => m.title === title)
    expect(meetings).toHaveLength(1)
    const meetingItems = (await serverRecords(page, councilId, 'agenda-item')).filter((i) => i.meetingId === meetings[0]?.id && i.title === 'Maden i huset' && i.easyText === 'Vi taler om maden og kaffen.')
    expect(meetingItems).toHaveLength(1)
    await context.close()
  })

  test('a push whose answer is lost when the server stops is sent again, and lands once', async ({ browser }) => {
    // Starts its own server twice (a fresh database with the demo, then a restart).
    test.setTimeout(150_000)
    const dataDir = tempDir('restart')
    let server = await startOwnServer({ DATA_DIR: dataDir })
    const port = new URL(server.url).port
    const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: server.url, locale: 'da-DK' })
    const page = await context.newPage()
    try {
      const councilId = await signInAsSecretary(page)
      const title = `Genstart ${Date.now()}`
      await createMeeting(page, councilId, title)
      await expect(status(page)).toHaveText('Alt er sendt.', { timeout: 20_000 })

      // The next push reaches the server and is stored, but the server stops before the
      // device hears the answer: exactly the case where a careless client sends it twice.
      let stopped: Promise<unknown> | null = null
      await page.route('**/api/sync/push', async (route) => {
        if (stopped) return route.abort('connectionrefused')
        await route.fetch()
        stopped = server.stop('SIGTERM')
        await stopped
        await route.abort('connectionreset')
      })
      const retried: string[] = []
      page.on('response', async (response) => {
        if (response.url().endsWith('/api/sync/push') && response.ok()) {
          const body = (await response.json()) as { results: { status: string }[] }
          retried.push(...body.results.map((r) => r.status))
        }
      })
      await addItem(page, 'Ture i foråret', 'Vi vælger en tur.')
      await expect.poll(() => stopped !== null, { timeout: 10_000 }).toBe(true)
      await stopped
      await page.unroute('**/api/sync/push')
      await expect(status(page)).toContainText('venter')

      server = await startOwnServer({ DATA_DIR: dataDir, PORT: port })
      await expect(status(page)).toHaveText('Alt er sendt.', { timeout: 30_000 })
      // The listener reads the body after the page has; wait for it rather than race it.
      await expect.poll(() => retried, { timeout: 10_000 }).toContain('duplicate')
      const items = (await serverRecords(page, councilId, 'agenda-item')).filter((i) => i.title === 'Ture i foråret')
      expect(items).toHaveLength(1)
    } finally {
      await context.close()
      await server.stop()
    }
  })

  test('two tabs show the same data and never sync at the same time', async ({ context }) => {
    const first = await context.newPage()
    const councilId = await signInAsSecretary(first)
    await createMeeting(first, councilId, `To faner ${Date.now()}`)
    const second = await context.newPage()
    await second.goto(first.url())
    await expect(second.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()

    const inFlight = new Map<Page, number>()
    const overlaps: string[] = []
    await context.route(/\/api\/sync\/(push|pull)/, async (route) => {
      const page = route.request().frame().page()
      const other = page === first ? second : first
      if ((inFlight.get(other) ?? 0) > 0) overlaps.push(route.request().url())
      inFlight.set(page, (inFlight.get(page) ?? 0) + 1)
      try {
        const response = await route.fetch()
        await route.fulfill({ response })
      } finally {
        inFlight.set(page, inFlight.get(page)! - 1)
      }
    })

    await addItem(first, 'Husmøde', 'Vi taler om husmødet.')
    // The other tab updates by itself, without a reload.
    await expect(second.getByRole('listitem').filter({ hasText: 'Husmøde' })).toBeVisible()
    await second.getByRole('link', { name: 'Tilføj punkt' }).click()
    await second.getByRole('textbox', { name: 'Overskrift', exact: true }).fill('Haven')
    await second.getByRole('button', { name: 'Gem punktet' }).click()
    await expect(first.getByRole('listitem').filter({ hasText: 'Haven' })).toBeVisible()
    for (const page of [first, second]) await expect(status(page)).toHaveText('Alt er sendt.', { timeout: 20_000 })
    // Both tabs keep syncing (visibility, pokes, writes); in all of it the lock kept them apart.
    expect(overlaps).toEqual([])
    await context.unrouteAll({ behavior: 'wait' })
  })
})
