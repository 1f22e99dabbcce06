import { execFileSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { expectNoAxeViolations } from './a11y/kit.js'
import { waitForServiceWorker } from './helpers.js'
import { startOwnServer, tempDir, type OwnServer } from './own-server.js'

const NEW_BUILD_ID = 'e2e-update-b'

test.describe('a new version', { tag: '@service-worker' }, () => {
  // In order in one worker: each worker would otherwise make the second build of beforeAll again.
  test.describe.configure({ mode: 'default' })
  let server: OwnServer
  let served: string
  let secondBuild: string

  test.beforeAll(async () => {
    test.setTimeout(120_000)
    // A second build of the same code that differs only in its build id, as a release would.
    secondBuild = tempDir('build-b')
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', secondBuild, '--emptyOutDir', '--logLevel', 'warn'], {
      env: { ...process.env, APP_BUILD_ID: NEW_BUILD_ID },
      stdio: 'inherit',
    })
    served = tempDir('served')
    // The build this run serves (E2E_DIST, as the suite's own server and own-server.ts use).
    cpSync(path.join(process.env.E2E_DIST || 'dist', 'client'), served, { recursive: true })
    server = await startOwnServer({ STATIC_DIR: served, DATA_DIR: tempDir('update-data') })
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test('shows the update prompt, and Opdater reloads into the new version', async ({ page }) => {
    await page.goto(`${server.url}/hjaelp`)
    await waitForServiceWorker(page)
    await expect(page.getByText(NEW_BUILD_ID)).toHaveCount(0)

    // The new release is deployed in place.
    rmSync(served, { recursive: true, force: true })
    cpSync(secondBuild, served, { recursive: true })

    // The next visit finds the new service worker waiting, and the app asks.
    await page.reload()
    const prompt = page.getByRole('status').filter({ hasText: 'Der er en ny version' })
    await expect(prompt).toBeVisible({ timeout: 20_000 })
    await expectNoAxeViolations(page, 'update prompt')
    // The old version keeps running until the person chooses.
    await expect(page.getByText(NEW_BUILD_ID)).toHaveCount(0)

    await prompt.getByRole('button', { name: 'Opdater' }).focus()
    await page.keyboard.press('Enter')
    await expect(page.getByText(new RegExp(`Version .*\\(${NEW_BUILD_ID}\\)`))).toBeVisible({ timeout: 20_000 })
    await expect(page.getByRole('status').filter({ hasText: 'Der er en ny version' })).toHaveCount(0)
  })

  test('"Senere" hides the prompt and keeps the person where they were', async ({ page }) => {
    const freshServed = tempDir('served-later')
    cpSync(path.join(process.env.E2E_DIST || 'dist', 'client'), freshServed, { recursive: true })
    const own = await startOwnServer({ STATIC_DIR: freshServed, DATA_DIR: tempDir('later-data') })
    try {
      await page.goto(`${own.url}/indstillinger`)
      await waitForServiceWorker(page)
      rmSync(freshServed, { recursive: true, force: true })
      cpSync(secondBuild, freshServed, { recursive: true })
      await page.reload()
      const prompt = page.getByRole('status').filter({ hasText: 'Der er en ny version' })
      await prompt.getByRole('button', { name: 'Senere' }).click()
      await expect(prompt).toHaveCount(0)
      await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible()
    } finally {
      await own.stop()
    }
  })
})

test('with the server process stopped, a reload still shows the app', { tag: '@service-worker' }, async ({ page }) => {
  const own = await startOwnServer({ DATA_DIR: tempDir('stopped-data') })
  await page.goto(`${own.url}/workshops`)
  await waitForServiceWorker(page)
  expect(await own.stop()).toBe(0)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Workshops' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mig' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mig' })).toBeVisible()
})
