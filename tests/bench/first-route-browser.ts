import { rmSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from '../../playwright.config.js'
import { APP_STARTED_COOKIE, SERVER_RENDERED_ATTRIBUTE } from '../../src/shared/sync/first-pull.js'
import { startOwnServer, tempDir } from '../e2e/own-server.js'

/** How a device meets the start page: new (the server renders it) or where the app has run (the plain page). */
export type Visit = 'new device' | 'app has run'

/**
 * The app's JS and CSS (`/assets/…`) that Chromium has fetched when the app takes the start page
 * (/moeder) over: at the mount into an empty #app, or when a rendered page's marker goes (just
 * before its take-over). What the manifest says is eager should be exactly this; anything more is
 * a request the first route makes that the bench would not count. `readOnly`: what a new device
 * has fetched after two seconds of reading, before anyone touched the page.
 */
export async function fetchedBeforeTakeOver(dist: string): Promise<Record<Visit | 'readOnly', string[]>> {
  const data = tempDir('first-route-data')
  const server = await startOwnServer({ DATA_DIR: data }, dist)
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true })
  try {
    const origin = server.url.replace(/\/$/, '')
    const result = {} as Record<Visit, string[]>
    let readOnly: string[] = []
    for (const visit of ['new device', 'app has run'] as const) {
      const context = await browser.newContext({ locale: 'da-DK' })
      if (visit === 'app has run') await context.addCookies([{ name: APP_STARTED_COOKIE, value: '1', url: origin }])
      const page = await context.newPage()
      // No named functions inside: tsx would wrap them in a helper the page does not have.
      await page.addInitScript((marker) => {
        // Whether the page came rendered is read as the parser creates #app, with its attributes.
        let rendered: boolean | null = null
        const watch = new MutationObserver(() => {
          const app = document.getElementById('app')
          if (!app) return
          rendered ??= app.hasAttribute(marker)
          if (rendered ? app.hasAttribute(marker) : app.childElementCount === 0) return
          watch.disconnect()
          const names = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)
          Object.assign(window, { __fetched: names.filter((name) => /^\/assets\/.+\.(js|css)$/.test(name)) })
        })
        watch.observe(document, { subtree: true, childList: true, attributes: true })
      }, SERVER_RENDERED_ATTRIBUTE)
      await page.goto(`${origin}/moeder`)
      const assets = () => page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((name) => /^\/assets\/.+\.(js|css)$/.test(name)))
      if (visit === 'new device') {
        // A rendered page's app starts at the person's first use (src/app/start-on-use.ts): they
        // read for two seconds, then touch the heading.
        await page.getByRole('heading', { level: 1 }).waitFor()
        await page.waitForTimeout(2000)
        readOnly = (await assets()).map((name) => name.slice(1)).sort()
        await page.getByRole('heading', { level: 1 }).click()
      }
      const fetched = await page.waitForFunction(() => (window as unknown as { __fetched?: string[] }).__fetched)
      result[visit] = ((await fetched.jsonValue()) as string[]).map((name) => name.slice(1)).sort()
      await context.close()
    }
    return { ...result, readOnly }
  } finally {
    await browser.close()
    await server.stop()
    rmSync(data, { recursive: true, force: true })
  }
}
