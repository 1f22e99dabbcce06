import { expect, test, type Page } from '@playwright/test'
import { expectTabWalk } from './a11y/kit.js'
import { chooseSettings } from './helpers.js'

/**
 * On a small phone with the largest text, the header and the bottom bar must leave most of the
 * screen to the meeting. Measured as the share of the viewport's height they cover: everything
 * fixed or sticky while reading further down, and header plus bar at the top of the page.
 */

const PHONES = [
  { width: 320, height: 568 },
  { width: 360, height: 640 },
] as const

/** Share of the viewport's height covered by the header and the bottom navigation bar. */
async function barShare(page: Page): Promise<{ share: number; bars: string[] }> {
  return page.evaluate(() => {
    const covered: [number, number][] = []
    const bars: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('.app-header, .bottom-nav')) {
      const rect = el.getBoundingClientRect()
      const top = Math.max(0, rect.top)
      const bottom = Math.min(innerHeight, rect.bottom)
      if (bottom <= top || getComputedStyle(el).visibility === 'hidden') continue
      covered.push([top, bottom])
      bars.push(`${el.className}: ${Math.round(bottom - top)} px (${getComputedStyle(el).position})`)
    }
    const height = covered.reduce((sum, [top, bottom]) => sum + bottom - top, 0)
    return { share: height / innerHeight, bars }
  })
}

async function openAgenda(page: Page): Promise<void> {
  await page.goto('/raad')
  await page.getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
  await page.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen/ }).first().click()
  await expect(page.getByRole('article', { name: /Maden i huset/ })).toBeVisible()
}

for (const phone of PHONES) {
  test(`${phone.width}×${phone.height}, largest text: the bars leave the meeting most of the screen, and never hide focus`, async ({ page }) => {
    await page.setViewportSize(phone)
    await chooseSettings(page, { textSize: 'Størst' })
    await openAgenda(page)

    const atTop = await barShare(page)
    expect(atTop.share, `header and bar at the top of the page: ${atTop.bars.join(', ')}`).toBeLessThanOrEqual(1 / 3)

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2))
    const reading = await barShare(page)
    test.info().annotations.push({ type: 'bar share', description: `top ${(atTop.share * 100).toFixed(0)} %, reading ${(reading.share * 100).toFixed(0)} %` })
    expect(reading.share, `bars while reading further down: ${reading.bars.join(', ')}`).toBeLessThanOrEqual(0.12)

    // WCAG 2.4.11: no focused control ends up under the bar (the kit's walk checks each stop).
    await expectTabWalk(page)
  })
}
