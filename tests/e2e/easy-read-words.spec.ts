import { expect, test, type Page } from '@playwright/test'
import { chooseSettings } from './helpers.js'

/**
 * A word broken in the middle of a line is a different word for a reader with a cognitive
 * impairment ("Dagsordene|n"). This measures the real line boxes: every word of the visible text
 * in the header, the page and the bottom bar is a Range, and a Range whose rectangles lie on
 * more than one line is a broken word. Only a word wider than its whole card (or the page, for
 * text outside cards) may wrap; those are listed as annotations so they stay visible.
 */

const TEXT_SIZES = ['Normal', 'Større', 'Størst'] as const
const WIDTHS = [320, 360] as const

interface WordBreak {
  /** The word as the reader sees it, with | where a line ends inside it. */
  seen: string
  where: string
  tooWide: boolean
}

/** Runs in the page. Kept self-contained: Playwright ships its source, not its closure. */
function measureWordBreaks(): WordBreak[] {
  // Where a word may take the whole width: the card it is in, or the page's content column.
  const CONTAINERS =
    '.agenda-card, .date-card, .meeting-card, .member-card, .link-card, .handout__item, .way__button, .bottom-nav__link, .app-header, .app-main'
  const found: WordBreak[] = []
  const range = document.createRange()

  const describe = (el: Element): string => {
    const id = el.id ? `#${el.id}` : ''
    const cls = el.classList.length > 0 && !id ? `.${[...el.classList].join('.')}` : ''
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim()
    return `${el.tagName.toLowerCase()}${id}${cls} "${text.length > 50 ? `${text.slice(0, 49)}…` : text}"`
  }
  const contentWidth = (el: Element): number => {
    const style = getComputedStyle(el)
    return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
  }
  const rectsOf = (node: Text, start: number, end: number): DOMRect[] => {
    range.setStart(node, start)
    range.setEnd(node, end)
    return [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5)
  }
  /** Line index of each rectangle: rectangles whose vertical middles are close share a line. */
  const lineOf = (rects: DOMRect[]): number[] => {
    const middles: number[] = []
    return rects.map((r) => {
      const middle = (r.top + r.bottom) / 2
      let line = middles.findIndex((m) => Math.abs(m - middle) < r.height / 2)
      if (line === -1) line = middles.push(middle) - 1
      return line
    })
  }

  for (const root of document.querySelectorAll('.app-header, main, .bottom-nav')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement
      if (!parent || parent.closest('.visually-hidden, [hidden], script, style') || !parent.checkVisibility()) continue
      const text = node.data
      // Words are runs between ordinary spaces (a no-break space holds "kl. 13.30" together); a
      // line may also end after a hyphen or a dash, as in "e-mail", so those end a word too.
      for (const run of text.matchAll(/[^ \t\n\r\f\u200b]+/g)) {
        let offset = run.index
        for (const word of run[0].split(/(?<=[-–—])/)) {
          const start = offset
          offset += word.length
          if (!/[\p{L}\p{N}]/u.test(word)) continue
          const rects = rectsOf(node, start, start + word.length)
          if (rects.length < 2 || new Set(lineOf(rects)).size < 2) continue
          // Which line each letter is on, to show the word the way the reader sees it.
          const letters = [...word]
          let seen = ''
          let previous = -1
          let at = start
          const middles: number[] = []
          for (const letter of letters) {
            const rect = rectsOf(node, at, at + letter.length)[0]
            at += letter.length
            if (rect) {
              const middle = (rect.top + rect.bottom) / 2
              let line = middles.findIndex((m) => Math.abs(m - middle) < rect.height / 2)
              if (line === -1) line = middles.push(middle) - 1
              if (previous !== -1 && line !== previous) seen += '|'
              previous = line
            }
            seen += letter
          }
          const natural = rects.reduce((sum, r) => sum + r.width, 0)
          const container = parent.closest(CONTAINERS) ?? root
          // Within a pixel of the whole width counts as too wide: sub-pixel glyph widths.
          found.push({ seen, where: describe(parent), tooWide: natural > contentWidth(container) - 1 })
        }
      }
    }
  }
  return found
}

async function frames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
}

test.describe('no word breaks in the middle at 320 and 360 px', () => {
  for (const size of TEXT_SIZES) {
    test(`text size ${size}: start, sign-in, councils, council, agenda, minutes and print pages`, async ({ page }) => {
      test.setTimeout(120_000)
      const problems: string[] = []

      async function check(label: string): Promise<void> {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 700 })
          await frames(page)
          for (const word of await page.evaluate(measureWordBreaks)) {
            const line = `"${word.seen}" in ${word.where} on the ${label} (${new URL(page.url()).pathname}) at ${width} px, text size ${size}`
            if (word.tooWide) test.info().annotations.push({ type: 'word wider than its card', description: line })
            else problems.push(line)
          }
        }
      }

      await chooseSettings(page, { textSize: size })
      await page.goto('/')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await check('start page on a first visit')

      await page.goto('/log-ind')
      await expect(page.getByRole('button', { name: /Jeg er medarbejder/ })).toBeVisible()
      await check('sign-in page')

      await page.goto('/raad')
      await expect(page.getByRole('link', { name: /Centerrådet for Socialpsykiatri/ })).toBeVisible()
      await check('councils page')
      await page.getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
      await expect(page.getByRole('heading', { name: 'Karen Holm' })).toBeVisible()
      await check('council page')
      const agenda = await page.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen/ }).first().getAttribute('href')
      const minutes = await page.getByRole('region', { name: 'Tidligere møder' }).getByRole('link', { name: /Se referatet/ }).first().getAttribute('href')
      await page.getByRole('button', { name: 'Gem til offline' }).click()
      await expect(page.getByRole('status').filter({ hasText: 'Rådets møder er nu gemt på denne enhed.' })).toBeVisible()

      await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Møder' }).click()
      await expect(page.getByRole('link', { name: /Se dagsordenen/ }).first()).toBeVisible()
      await check('start page following the council')

      for (const [href, label] of [
        [agenda!, 'agenda page'],
        [minutes!, 'minutes page'],
      ] as const) {
        await page.goto(href)
        await expect(page.getByRole('article').first()).toBeVisible()
        // "Læs mere" opened, so the full text is measured too.
        const more = page.locator('summary').filter({ hasText: 'Læs mere' })
        await expect(more.first()).toBeVisible()
        for (const summary of await more.all()) await summary.click()
        await expect(page.getByRole('heading', { name: 'Sagsfremstilling' }).first()).toBeVisible()
        await check(label)
        await page.goto(`${href}/udskriv`)
        await expect(page.getByRole('heading', { level: 1, name: 'Udskriv møde' })).toBeVisible()
        await expect(page.locator('.handout__item').first()).toBeVisible()
        await check(`print page of the ${label}`)
      }

      expect(problems, `words broken inside (| marks the line end):\n${problems.join('\n')}`).toEqual([])
    })
  }
})
