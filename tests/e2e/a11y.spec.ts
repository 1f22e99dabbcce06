import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { expectNoAxeViolations, expectTabWalk, runA11yKit } from './a11y/kit.js'
import { chooseSettings } from './helpers.js'
import { screens } from './routes.js'

// A message the page did not load shows as its key: the Danish messages come in pieces with the
// code that shows them (scripts/vite-split-messages.ts), so every screen is checked for keys.
type Tree = { [key: string]: string | Tree }
const keysOf = (prefix: string, tree: Tree): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(`${prefix}${key}.`, value)))
const messageKeys = keysOf('', JSON.parse(readFileSync(new URL('../../locales/da.json', import.meta.url), 'utf8')) as Tree)

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
        const text = await page.locator('body').innerText()
        expect(messageKeys.filter((key) => text.includes(key)), `${screen.path} shows message keys`).toEqual([])
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
