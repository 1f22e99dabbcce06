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

export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return registration.active?.state
  })
}
