import { expect, type Page } from '@playwright/test'

/** Changes display settings the way a person does: through the Indstillinger screen. */
export async function chooseSettings(
  page: Page,
  choices: { theme?: 'Lyse farver' | 'Mørke farver' | 'Som på enheden'; english?: boolean; textSize?: 'Normal' | 'Større' | 'Størst' },
): Promise<void> {
  await page.goto('/indstillinger')
  await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible()
  if (choices.textSize) await page.getByRole('radio', { name: choices.textSize }).check()
  if (choices.theme) await page.getByRole('radio', { name: choices.theme }).check()
  if (choices.english) {
    await page.getByRole('radio', { name: 'English' }).check()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  }
}

/** Resolves once the app's service worker has installed and activated (its precache is full). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const state = await page.evaluate(async () => {
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 20_000))
    const ready = navigator.serviceWorker.ready.then(async (registration) => {
      const worker = registration.active
      if (worker && worker.state !== 'activated') {
        await new Promise((resolve) => worker.addEventListener('statechange', resolve))
      }
      return registration.active?.state ?? 'none'
    })
    return Promise.race([ready, timeout])
  })
  expect(state, 'the service worker should be active (a test that needs it is tagged @service-worker: playwright.config.ts)').toBe('activated')
}

/**
 * Resolves once the app runs the page. The start page and public meeting pages come rendered by
 * the server, and the app takes them over when the person first uses the page (a touch, a key:
 * src/app/start-on-use.ts); until then nothing of the app (its error notice, focus after a move)
 * is there. A person touches the page's heading once the page is ready for it (start-on-use.ts
 * has run: it takes out the template that named the app's chunks). A touch before that starts
 * nothing, as on a phone whose page has only just appeared.
 */
export async function appStarted(page: Page): Promise<void> {
  if ((await page.locator('#app[data-server-rendered]').count()) > 0) {
    await expect(page.locator('template#app-chunks')).toHaveCount(0)
    await page.getByRole('heading', { level: 1 }).click()
  }
  await expect(page.locator('#app[data-server-rendered]')).toHaveCount(0)
  await expect(page.locator('#app > *').first()).toBeAttached()
}
