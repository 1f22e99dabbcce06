import { expect, test, type Page } from '@playwright/test'
import { appStarted } from './helpers.js'

const rootFontSize = (page: Page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))
const bodyColours = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.body)
    return { background: style.backgroundColor, text: style.color }
  })

test.describe('Indstillinger', () => {
  test('is reached from the header and from Mig', async ({ page }) => {
    await page.goto('/moeder')
    await appStarted(page)
    await page.getByRole('banner').getByRole('link', { name: 'Indstillinger' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeFocused()
    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mig' }).click()
    await page.getByRole('main').getByRole('link', { name: /Indstillinger/ }).click()
    await expect(page).toHaveURL(/\/indstillinger$/)
  })

  test('larger text applies at once, in three steps, and stays after a reload', async ({ page }) => {
    await page.goto('/indstillinger')
    // A marker on window proves the change happened without a reload.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    expect(await rootFontSize(page)).toBe(16)
    await page.getByRole('radio', { name: 'Større' }).check()
    expect(await rootFontSize(page)).toBe(20)
    await page.getByRole('radio', { name: 'Størst' }).check()
    expect(await rootFontSize(page)).toBe(24)
    await expect(page.getByRole('status').filter({ hasText: 'Dit valg er gemt på denne enhed.' })).toBeVisible()
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1)

    await page.reload()
    expect(await rootFontSize(page)).toBe(24)
    await expect(page.getByRole('radio', { name: 'Størst' })).toBeChecked()
  })

  test('colours follow the device by default, and a choice overrides it', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto('/indstillinger')
    await expect(page.getByRole('radio', { name: 'Som på enheden' })).toBeChecked()
    const light = await bodyColours(page)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => bodyColours(page)).not.toEqual(light)
    const dark = await bodyColours(page)

    await page.getByRole('radio', { name: 'Lyse farver' }).check()
    expect(await bodyColours(page)).toEqual(light)
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('radio', { name: 'Mørke farver' }).check()
    expect(await bodyColours(page)).toEqual(dark)
  })

  test('high contrast and extra text spacing apply at once', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto('/indstillinger')
    await page.getByRole('checkbox', { name: 'Høj kontrast' }).check()
    expect(await bodyColours(page)).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' })

    const letterSpacing = () => page.evaluate(() => getComputedStyle(document.body).letterSpacing)
    expect(await letterSpacing()).toBe('normal')
    await page.getByRole('checkbox', { name: 'Ekstra afstand i teksten' }).check()
    expect(parseFloat(await letterSpacing())).toBeGreaterThan(1.5)
  })

  test('English switches every text and the page language without a reload, and back', async ({ page }) => {
    await page.goto('/indstillinger')
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    await page.getByRole('radio', { name: 'English' }).check()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    // The confirmation in the language chosen, also the first time (its messages were on their way).
    await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText('Your choice is saved on this device.')
    await expect(page).toHaveTitle('Settings – Brugerstemme')
    await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link')).toHaveText([
      'Meetings',
      'Elections',
      'Workshops',
      'Me',
    ])
    // The language names are marked up in their own language for screen readers.
    await expect(page.locator('label[for="locale-da"]')).toHaveAttribute('lang', 'da')
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1)

    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await page.getByRole('radio', { name: 'Dansk' }).check()
    await expect(page.getByRole('heading', { level: 1, name: 'Indstillinger' })).toBeVisible()
  })

  test('a choice made in one tab reaches the other open tab', async ({ context }) => {
    const first = await context.newPage()
    const second = await context.newPage()
    await first.goto('/indstillinger')
    await second.goto('/moeder')
    // The second tab may be the page the server rendered, not yet used: it is on the screen and
    // waiting for its person (src/app/start-on-use.ts has run, its chunks' template taken out),
    // and a setting changed in another tab starts its app too.
    await expect(second.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
    await expect(second.locator('template#app-chunks')).toHaveCount(0)
    await first.getByRole('radio', { name: 'Størst' }).check()
    await expect.poll(() => rootFontSize(second)).toBe(24)
  })

  test('damaged saved settings fall back to the defaults instead of breaking the app', async ({ page }) => {
    await page.goto('/moeder')
    await page.evaluate(() => localStorage.setItem('brugerstemme.settings.v1', '{"textSize": 99, "locale": "en"'))
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
    expect(await rootFontSize(page)).toBe(16)
  })
})
