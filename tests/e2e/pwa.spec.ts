import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './a11y/kit.js'
import { chooseSettings, waitForServiceWorker } from './helpers.js'

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

test.describe('installable PWA', () => {
  test('has a Danish web manifest with standalone display, theme colours and real icons', async ({ page, request }) => {
    await page.goto('/')
    const href = await page.locator('link[rel="manifest"]').getAttribute('href')
    expect(href).toBeTruthy()
    const manifestResponse = await request.get(href!)
    expect(manifestResponse.ok()).toBe(true)
    const manifest = await manifestResponse.json()
    expect(manifest).toMatchObject({
      name: 'Brugerstemme',
      lang: 'da',
      display: 'standalone',
      start_url: '/',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    })
    expect(manifest.description).toMatch(/råd/)

    const wanted = [
      { sizes: '192x192', purpose: undefined },
      { sizes: '512x512', purpose: undefined },
      { sizes: '512x512', purpose: 'maskable' },
    ]
    for (const { sizes, purpose } of wanted) {
      const icon = manifest.icons.find((i: { sizes: string; purpose?: string }) => i.sizes === sizes && i.purpose === purpose)
      expect(icon, `${sizes} ${purpose ?? 'any'}`).toBeDefined()
      const response = await request.get(`/${icon.src}`)
      expect(response.headers()['content-type']).toBe('image/png')
      const [width, height] = sizes.split('x').map(Number)
      expect(pngSize(await response.body())).toEqual({ width, height })
    }
  })

  test('with the network off, a reload still shows the app and says there is no connection', { tag: '@service-worker' }, async ({ page, context }) => {
    await page.goto('/moeder')
    await waitForServiceWorker(page)
    const banner = page.getByRole('status').filter({ hasText: 'Ingen forbindelse' })
    await expect(banner).toHaveCount(0)

    await context.setOffline(true)
    await expect(banner).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
    await expect(banner).toBeVisible()
    await expectNoAxeViolations(page, 'offline banner')

    // Other screens, and a deep link typed while offline, come from the cache too.
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Valg' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Valg' })).toBeVisible()
    await page.goto('/indstillinger')
    await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible()

    await context.setOffline(false)
    await expect(banner).toHaveCount(0)
  })

  test('offline on a small phone with the largest text, the notice leaves the page in view', { tag: '@service-worker' }, async ({ page, context }) => {
    await page.setViewportSize({ width: 320, height: 640 })
    await chooseSettings(page, { textSize: 'Størst' })
    await page.goto('/raad')
    await waitForServiceWorker(page)
    await context.setOffline(true)
    const banner = page.getByRole('status').filter({ hasText: 'Ingen forbindelse' })
    await expect(banner).toHaveText('Ingen forbindelse. Det du gør, bliver gemt på enheden.')
    const heading = page.getByRole('heading', { level: 1, name: 'Rådene' })
    const notice = (await banner.boundingBox())!
    const title = (await heading.boundingBox())!
    // The notice takes at most a third of the screen (it took more than half), and the page's
    // heading is in view below it, above the bottom menu.
    expect(notice.height).toBeLessThanOrEqual(640 / 3)
    expect(title.y + title.height).toBeLessThanOrEqual(640 - 80)
    await expectNoAxeViolations(page, 'offline notice at 320 px, largest text')
    await context.setOffline(false)
  })

  test('a first visit downloads what reading needs, not every pictogram or the PDF reader', { tag: '@service-worker' }, async ({ page }) => {
    await page.goto('/')
    await waitForServiceWorker(page)
    const precached = await page.evaluate(async () => {
      const urls: string[] = []
      for (const name of await caches.keys()) {
        if (!name.startsWith('workbox-precache')) continue
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
      }
      return urls
    })
    expect(precached).toContain('/index.html')
    expect(precached.filter((url) => url.startsWith('/pictograms/'))).toEqual([])
    expect(precached.filter((url) => /pdf|zxing/.test(url))).toEqual([])
  })

  test('the service worker never answers /api: offline, the API fails honestly', { tag: '@service-worker' }, async ({ page, context }) => {
    await page.goto('/moeder')
    await waitForServiceWorker(page)
    await page.reload()
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/health')),
      page.evaluate(() => fetch('/api/health').then((r) => r.status)),
    ])
    expect(response.fromServiceWorker()).toBe(false)

    await context.setOffline(true)
    // Asked until the browser is offline for the worker's requests too: Chromium applies it to the
    // service worker a moment after the page (a full run once saw one answer in between). A worker
    // that answered /api would answer every time, and this would fail.
    await expect
      .poll(() =>
        page.evaluate(() =>
          fetch('/api/health').then(
            (r) => `answered ${r.status}`,
            () => 'failed',
          ),
        ),
      )
      .toBe('failed')
    // A navigation to /api is not swallowed by the app shell either.
    await context.setOffline(false)
    const apiPage = await page.goto('/api/health')
    expect(apiPage?.fromServiceWorker()).toBe(false)
    expect(await apiPage?.json()).toMatchObject({ status: 'ok' })
  })
})
