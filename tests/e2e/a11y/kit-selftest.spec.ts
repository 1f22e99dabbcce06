/**
 * Proves that the accessibility kit can fail: every check gets a fixture it must pass and one it
 * must reject, with the offending element named in the message. A kit that silently passes
 * everything would otherwise look exactly like an accessible app.
 *
 * Fixtures are inline HTML loaded with setContent, so no server is needed. Page probes are string
 * expressions because the node tsconfig that checks tests has no DOM typings.
 */
import { expect, test, type Page } from '@playwright/test'
import {
  expectNoAxeViolations,
  expectNoRunningAnimations,
  expectReflowAt320,
  expectTabWalk,
  expectTargetSizes,
  expectTextSpacingSurvives,
  runA11yKit,
} from './kit.js'

const BASE_CSS = `
  body { margin: 0; padding: 16px; font: 16px/1.4 sans-serif; color: #111; background: #fff; }
  a { color: #0645ad; }
  :focus-visible { outline: 3px solid #1a4fa0; outline-offset: 2px; }
  button { min-width: 44px; min-height: 44px; padding: 0 16px; font: inherit; color: #fff; background: #1a4fa0; border: 0; }
`

function html(body: string, css = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Kit fixture</title><style>${BASE_CSS}${css}</style></head>
    <body>${body}</body></html>`
}

/** A small fixture inside the landmark and heading every real screen has. */
async function show(page: Page, body: string, css = ''): Promise<void> {
  await page.setContent(html(`<main><h1>Fixture</h1>${body}</main>`, css))
}

const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='

/** A realistic screen that should pass everything; guards the kit against false positives. */
const GOOD_SCREEN_CSS = `
  html { scroll-padding-top: 96px; }
  body { padding: 0; }
  .skip { position: absolute; left: 8px; top: 8px; z-index: 2; width: 1px; height: 1px; overflow: hidden;
          clip: rect(0 0 0 0); white-space: nowrap; background: #fff; }
  .skip:focus { width: auto; height: auto; clip: auto; overflow: visible; display: inline-flex;
                align-items: center; min-height: 44px; padding: 0 12px; }
  header { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #767676; }
  nav ul { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 8px 16px; list-style: none; }
  nav a, .link-button { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; padding: 0 12px; }
  main { display: block; padding: 16px; }
  .field { display: block; margin: 16px 0; }
  input[type=text], select { box-sizing: border-box; width: 100%; max-width: 30em; min-height: 44px; font: inherit; }
  .choice { display: flex; align-items: center; gap: 8px; min-height: 44px; }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
             clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  .custom { display: inline-flex; align-items: center; min-height: 44px; padding: 0 12px; border: 2px solid #111; }
  .sr-only:focus-visible + .custom { outline: 3px solid #1a4fa0; outline-offset: 2px; }
  summary { display: block; min-height: 44px; box-sizing: border-box; padding: 10px 0; cursor: pointer; }
  .title { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .spacer { height: 900px; }
  .scroller { overflow-x: auto; }
  .scroller table { width: 700px; border-collapse: collapse; }
  button { transition: background-color 0.2s; }
`

const GOOD_SCREEN = `
  <a class="skip" href="#main">Skip to content</a>
  <header><nav aria-label="Main"><ul>
    <li><a href="#home">Home</a></li><li><a href="#help">Help</a></li>
  </ul></nav></header>
  <main id="main" tabindex="-1">
    <h1>Give your opinion</h1>
    <p class="title">A short title</p>
    <p>Read the <a href="#privacy">privacy notice</a> before you start.</p>
    <label class="field">Your name <input type="text" name="who"></label>
    <fieldset><legend>How was the meeting?</legend>
      <label class="choice"><input type="radio" name="mood" value="good"> Good</label>
      <label class="choice"><input type="radio" name="mood" value="bad"> Bad</label>
    </fieldset>
    <label class="choice"><input type="checkbox" name="anon"> Stay anonymous</label>
    <input class="sr-only" type="checkbox" id="audio"><label class="custom" for="audio">Read aloud</label>
    <label class="field">Language <select name="lang"><option>Dansk</option><option>English</option></select></label>
    <details><summary>More about the meeting</summary><p>Details that are <a href="#x">hidden</a> until opened.</p></details>
    <div class="scroller" role="region" aria-label="Schedule" tabindex="0"><table>
      <tr><th scope="col">Time</th><th scope="col">Topic</th></tr><tr><td>10:00</td><td>Welcome</td></tr>
    </table></div>
    <div class="spacer"></div>
    <button type="button">Send</button>
    <p><a class="link-button" href="#top">Back to top</a></p>
  </main>`

test.describe('expectNoAxeViolations', () => {
  test('passes an image with alt text', async ({ page }) => {
    await show(page, `<img src="${PIXEL}" alt="Brugerstemme logo">`)
    await expectNoAxeViolations(page, 'good img')
  })

  test('fails an image without alt text, naming rule, context and element', async ({ page }) => {
    await show(page, `<img class="logo" src="${PIXEL}">`)
    const run = expectNoAxeViolations(page, 'bad img')
    await expect(run).rejects.toThrow(/image-alt/)
    await expect(run).rejects.toThrow(/"bad img"/)
    await expect(run).rejects.toThrow(/<img class="logo"/)
  })
})

test.describe('expectTabWalk', () => {
  test('reaches every control in order with visible, unobscured focus', async ({ page }) => {
    await page.setContent(html(GOOD_SCREEN, GOOD_SCREEN_CSS))
    const reached = await expectTabWalk(page)
    expect(reached).toEqual([
      'a.skip "Skip to content"',
      'a "Home"',
      'a "Help"',
      'a "privacy notice"',
      'input[type=text] "Your name"',
      'input[type=radio] "Good"',
      'input[type=checkbox] "Stay anonymous"',
      'input#audio[type=checkbox] "Read aloud"',
      'select "Language"',
      'summary "More about the meeting"',
      'div.scroller[role=region] "Schedule"',
      'button "Send"',
      'a.link-button "Back to top"',
    ])
    // The walk leaves no focus or scroll behind.
    expect(await page.evaluate<[boolean, number]>('[document.activeElement === document.body, scrollY]')).toEqual([true, 0])
  })

  test("walks through a date field's own inner Tab stops without calling them a trap", async ({ page }) => {
    await page.setContent(
      html(`<main><label for="d">Dato</label> <input id="d" type="date"> <button type="button">Gem</button></main>`),
    )
    const reached = await expectTabWalk(page)
    expect(reached).toEqual(['input#d[type=date] "Dato"', 'button "Gem"'])
  })

  test('fails a button whose focus indicator is removed', async ({ page }) => {
    await show(page, `<button class="plain">Send</button>`, `.plain:focus, .plain:focus-visible { outline: none; }`)
    await expect(expectTabWalk(page)).rejects.toThrow(/focus not visible on button\.plain "Send"/)
  })

  test('fails a focused button hidden under a fixed bar', async ({ page }) => {
    await show(
      page,
      `<div style="height: 1500px"></div><button>Save</button><div class="bar">Cookie notice</div>`,
      `.bar { position: fixed; left: 0; right: 0; bottom: 0; height: 96px; background: #eee; }`,
    )
    await expect(expectTabWalk(page)).rejects.toThrow(/button "Save" is obscured by div\.bar "Cookie notice" \(fixed\/sticky\)/)
  })

  test('passes the same page when padding keeps the button clear of the bar', async ({ page }) => {
    await show(
      page,
      `<div style="height: 1500px"></div><button>Save</button><div class="bar">Cookie notice</div>`,
      `.bar { position: fixed; left: 0; right: 0; bottom: 0; height: 96px; background: #eee; }
       html { scroll-padding-bottom: 112px; } body { padding-bottom: 112px; }`,
    )
    await expect(expectTabWalk(page)).resolves.toEqual(['button "Save"'])
  })

  test('fails a keyboard trap and reports what it hides', async ({ page }) => {
    await show(
      page,
      `<button id="trap">Trap</button><button id="after">After</button>
       <script>
         document.getElementById('trap').addEventListener('keydown', (event) => {
           if (event.key === 'Tab') event.preventDefault()
         })
       </script>`,
    )
    const run = expectTabWalk(page)
    await expect(run).rejects.toThrow(/keyboard trap: Tab does not move focus away from button#trap "Trap"/)
    await expect(run).rejects.toThrow(/not reachable with Tab: button#after "After"/)
  })

  test('walks again when a control arrives behind the walk, as a synced list grows', async ({ page }) => {
    // The first Tab onto "Second" adds "Arrived" at the top, where this walk has already been.
    await show(
      page,
      `<ul id="list"><li><button>First</button></li></ul><button id="second">Second</button>
       <script>
         document.getElementById('second').addEventListener('focus', () => {
           if (document.getElementById('arrived')) return
           const li = document.createElement('li')
           li.innerHTML = '<button id="arrived">Arrived</button>'
           document.getElementById('list').prepend(li)
         })
       </script>`,
    )
    await expect(expectTabWalk(page)).resolves.toEqual(['button#arrived "Arrived"', 'button "First"', 'button#second "Second"'])
  })

  test('still fails a control that was there from the start and that Tab never reaches', async ({ page }) => {
    await show(page, `<button>Shown</button><span id="fake" tabindex="0" style="display:inline-block" onfocus="this.blur()">Gone</span>`)
    await expect(expectTabWalk(page)).rejects.toThrow(/not reachable with Tab/)
  })
})

test.describe('expectTargetSizes', () => {
  test('passes 44px targets, labelled checkboxes, inline links and a hidden skip link', async ({ page }) => {
    await show(
      page,
      `<a class="skip" href="#main">Skip</a>
       <button>OK</button>
       <label class="choice"><input type="checkbox"> Remember me</label>
       <p>See the <a href="#terms">terms</a> for details.</p>`,
      `.skip { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
       .choice { display: flex; align-items: center; min-height: 44px; }`,
    )
    await expectTargetSizes(page)
  })

  test('fails a 20×20 button and a standalone small link', async ({ page }) => {
    await show(
      page,
      `<button class="tiny" aria-label="Close">×</button><p><a href="#more">More</a></p>`,
      `.tiny { width: 20px; height: 20px; min-width: 0; min-height: 0; padding: 0; }`,
    )
    const run = expectTargetSizes(page)
    await expect(run).rejects.toThrow(/button\.tiny "Close" is 20×20 px/)
    await expect(run).rejects.toThrow(/a "More" is/)
  })
})

test.describe('expectReflowAt320', () => {
  test('passes fluid content and a wide table in its own scroller', async ({ page }) => {
    await show(
      page,
      `<div class="fluid">Fluid</div><div class="scroller"><table><tr><td>Wide table</td></tr></table></div>`,
      `.fluid { max-width: 600px; } .scroller { overflow-x: auto; } table { width: 600px; }`,
    )
    await expectReflowAt320(page)
  })

  test('fails a 600px wide box and restores the viewport', async ({ page }) => {
    const before = page.viewportSize()
    await show(page, `<div class="wide" style="width: 600px">Wide box</div>`)
    await expect(expectReflowAt320(page)).rejects.toThrow(/div\.wide "Wide box" is 600px wide/)
    expect(page.viewportSize()).toEqual(before)
  })
})

test.describe('expectTextSpacingSurvives', () => {
  const box = `<div class="box">Hello there</div>`

  test('passes a box that grows with its text and removes the injected style', async ({ page }) => {
    await show(page, box, `.box { width: 300px; min-height: 1.2em; line-height: 1.2; overflow: hidden; }`)
    const styles = await page.locator('style').count()
    await expectTextSpacingSurvives(page)
    expect(await page.locator('style').count()).toBe(styles)
    expect(await page.evaluate<string>('getComputedStyle(document.body).letterSpacing')).toBe('normal')
  })

  test('fails a fixed-height overflow:hidden box that clips spaced text', async ({ page }) => {
    await show(page, box, `.box { width: 300px; height: 1.2em; line-height: 1.2; overflow: hidden; }`)
    await expect(expectTextSpacingSurvives(page)).rejects.toThrow(/div\.box "Hello there" clips its text: content \d+px tall/)
    expect(await page.evaluate<string>('getComputedStyle(document.body).letterSpacing')).toBe('normal')
  })

  test("still applies the spacing under the app's style-src 'self' CSP", async ({ page }) => {
    // Inline <style> is blocked here, so the fixture styles itself through CSSOM, like the kit.
    await page.setContent(
      `<!doctype html><html lang="en"><head>
        <meta http-equiv="Content-Security-Policy" content="style-src 'self'"><title>CSP</title></head>
        <body>${box}<script>
          const sheet = new CSSStyleSheet()
          sheet.replaceSync('.box { width: 300px; height: 1.2em; line-height: 1.2; overflow: hidden; }')
          document.adoptedStyleSheets = [sheet]
        </script></body></html>`,
    )
    await expect(expectTextSpacingSurvives(page)).rejects.toThrow(/div\.box "Hello there" clips its text/)
    const leftovers = await page.evaluate<[number, number]>(
      "[document.adoptedStyleSheets.length, document.querySelectorAll('style').length]",
    )
    expect(leftovers).toEqual([1, 0])
  })
})

test.describe('expectNoRunningAnimations', () => {
  const spinner = `<div class="spinner" role="status" aria-label="Loading"></div>`
  const spin = `.spinner { width: 40px; height: 40px; border: 4px solid #1a4fa0; border-top-color: transparent;
                           border-radius: 50%; animation: spin 1s linear infinite; }
                @keyframes spin { to { transform: rotate(1turn); } }`

  test('passes an animation switched off for prefers-reduced-motion and resets the emulation', async ({ page }) => {
    await show(page, spinner, `${spin} @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }`)
    await expectNoRunningAnimations(page)
    expect(await page.evaluate<boolean>("matchMedia('(prefers-reduced-motion: reduce)').matches")).toBe(false)
  })

  test('fails an infinite animation that ignores prefers-reduced-motion', async ({ page }) => {
    await show(page, spinner, spin)
    const run = expectNoRunningAnimations(page)
    await expect(run).rejects.toThrow(/CSS animation "spin" on div\.spinner\[role=status\] "Loading" is running/)
    await expect(run).rejects.toThrow(/has animation-name spin with duration 1000ms/)
  })
})

test.describe('runA11yKit', () => {
  test('passes a realistic screen', async ({ page }) => {
    await page.setContent(html(GOOD_SCREEN, GOOD_SCREEN_CSS))
    await runA11yKit(page, 'kit self-test good screen')
  })

  test('runs every check and reports all failing ones', async ({ page }) => {
    await show(page, `<img src="${PIXEL}"><button class="tiny">×</button><div style="width: 600px">Wide</div>`,
      `.tiny { width: 20px; height: 20px; min-width: 0; min-height: 0; padding: 0; }`)
    const run = runA11yKit(page, 'kit self-test bad screen')
    await expect(run).rejects.toThrow(/axe WCAG 2\.2 AA: .*image-alt/s)
    await expect(run).rejects.toThrow(/target sizes ≥ 44px: .*button\.tiny/s)
    await expect(run).rejects.toThrow(/reflow at 320px: .*div "Wide" is 600px wide/s)
  })
})
