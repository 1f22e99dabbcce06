import { expect, test } from '@playwright/test'
import { expectNoAxeViolations, expectTabWalk, runA11yKit } from './a11y/kit.js'
import { chooseSettings } from './helpers.js'
import { screens } from './routes.js'

const variants = [
  { theme: 'Lyse farver', english: false },
  { theme: 'Mørke farver', english: false },
  { theme: 'Lyse farver', english: true },
  { theme: 'Mørke farver', english: true },
] as const

test.describe('axe on every screen, in both themes and both languages', () => {
  for (const variant of variants) {
    const label = `${variant.theme === 'Mørke farver' ? 'dark' : 'light'} ${variant.english ? 'en' : 'da'}`
    test(label, async ({ page }) => {
      // One pass over every screen; the list grows with the app.
      test.setTimeout(180_000)
      await chooseSettings(page, variant)
      for (const screen of screens) {
        await page.goto(screen.path)
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(variant.english ? screen.en : screen.da)
        await expectNoAxeViolations(page, `${screen.path} ${label}`)
      }
    })
  }

  test('high contrast, largest text and extra spacing together', async ({ page }) => {
    test.setTimeout(180_000)
    await chooseSettings(page, { textSize: 'Størst', theme: 'Mørke farver' })
    await page.getByRole('checkbox', { name: 'Høj kontrast' }).check()
    await page.getByRole('checkbox', { name: 'Ekstra afstand i teksten' }).check()
    for (const screen of screens) {
      await page.goto(screen.path)
      await expectNoAxeViolations(page, `${screen.path} high contrast`)
    }
  })
})

test.describe('keyboard, reflow, spacing, motion and target size on every screen', () => {
  for (const screen of screens) {
    test(screen.path, async ({ page }) => {
      await page.goto(screen.path)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.da)
      await runA11yKit(page, screen.path)
    })
  }

  for (const screen of screens) {
    test(`${screen.path} with the largest text`, async ({ page }) => {
      await chooseSettings(page, { textSize: 'Størst' })
      await page.goto(screen.path)
      await runA11yKit(page, `${screen.path} largest text`)
    })
  }
})

test('forced colours (Windows high contrast): focus stays visible and nothing fails axe', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' })
  for (const path of ['/moeder', '/indstillinger']) {
    await page.goto(path)
    await expectNoAxeViolations(page, `${path} forced colours`)
    await expectTabWalk(page)
  }
})
