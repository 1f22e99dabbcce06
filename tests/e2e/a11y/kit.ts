/**
 * Reusable end-to-end accessibility checks. Every screen test puts the page into the state it
 * wants checked and then calls `runA11yKit(page, 'screen variant')`, or one of the single checks.
 *
 * Each check collects every problem it finds before failing, so one run shows the whole list,
 * and each problem names the element with a short descriptor such as `button#save "Gem"`.
 *
 * Checks leave the page as they found it (viewport, media emulation, injected styles, scroll
 * position) so they can be chained in any order on the same page.
 */
import { createRequire } from 'node:module'
import { AxeBuilder } from '@axe-core/playwright'
import { expect, test, type JSHandle, type Page } from '@playwright/test'
import type { AxeResults, RunOptions } from 'axe-core'

// ---------------------------------------------------------------------------------------------
// Minimal DOM typings. tsconfig.node.json (which type-checks tests) has no DOM lib, and pulling
// it in with `/// <reference lib="dom" />` would leak `window`/`document` into the typing of the
// server code that shares that program. These describe only what the page functions below use.
// ---------------------------------------------------------------------------------------------

interface DomRect {
  readonly top: number
  readonly left: number
  readonly right: number
  readonly bottom: number
  readonly width: number
  readonly height: number
}

interface DomStyle {
  readonly display: string
  readonly position: string
  readonly outlineStyle: string
  readonly outlineWidth: string
  readonly outlineColor: string
  readonly boxShadow: string
  readonly overflowX: string
  readonly overflowY: string
  readonly textOverflow: string
  readonly clip: string
  readonly clipPath: string
  readonly animationName: string
  readonly animationDuration: string
}

interface DomNode {
  readonly nodeType: number
  readonly textContent: string | null
  readonly parentElement: DomElement | null
  readonly childNodes: ArrayLike<DomNode>
}

interface DomAnimation {
  readonly playState: string
  readonly animationName?: string
  readonly transitionProperty?: string
  readonly finished: Promise<unknown>
  readonly effect: {
    readonly target?: DomElement | null
    readonly pseudoElement?: string | null
    getComputedTiming(): { duration?: number | string; endTime?: number }
  } | null
}

interface DomElement extends DomNode {
  readonly tagName: string
  readonly id: string
  readonly classList: ArrayLike<string>
  readonly tabIndex: number
  readonly scrollWidth: number
  readonly scrollHeight: number
  readonly clientWidth: number
  readonly clientHeight: number
  readonly shadowRoot: { readonly activeElement: DomElement | null } | null
  readonly labels?: ArrayLike<DomElement> | null
  readonly type?: string
  readonly name?: string
  readonly form?: DomElement | null
  getAttribute(name: string): string | null
  setAttribute(name: string, value: string): void
  removeAttribute(name: string): void
  matches(selector: string): boolean
  closest(selector: string): DomElement | null
  contains(other: DomNode | null): boolean
  getBoundingClientRect(): DomRect
  getClientRects(): ArrayLike<DomRect>
  getAnimations(): DomAnimation[]
  checkVisibility?(options: Record<string, boolean>): boolean
  focus(options?: { preventScroll?: boolean }): void
  blur(): void
  remove(): void
}

interface DomStyleSheet {
  replaceSync(css: string): void
}

interface DomDocument {
  readonly activeElement: DomElement | null
  readonly body: DomElement
  readonly documentElement: DomElement
  adoptedStyleSheets: DomStyleSheet[]
  querySelectorAll(selector: string): ArrayLike<DomElement>
  elementFromPoint(x: number, y: number): DomElement | null
  getAnimations(): DomAnimation[]
  createRange(): { selectNodeContents(node: DomNode): void; getClientRects(): ArrayLike<DomRect> }
}

interface DomWindow {
  readonly document: DomDocument
  readonly innerWidth: number
  readonly innerHeight: number
  readonly scrollX: number
  readonly scrollY: number
  readonly CSSStyleSheet: new () => DomStyleSheet
  getComputedStyle(element: DomElement, pseudo?: string | null): DomStyle
  requestAnimationFrame(callback: () => void): number
  setTimeout(callback: () => void, ms: number): unknown
  scrollTo(x: number, y: number): void
}

// ---------------------------------------------------------------------------------------------
// Page-side helpers
// ---------------------------------------------------------------------------------------------

/** One Tab press, as seen from inside the page. */
type FocusStep =
  | { kind: 'left' }
  | { kind: 'stuck' | 'cycled' | 'trapped'; descriptor: string }
  | { kind: 'inner' }
  | { kind: 'new'; descriptor: string; problems: string[] }

interface PageKit {
  describe(el: DomElement): string
  isRendered(el: DomElement): boolean
  isVisuallyHidden(el: DomElement): boolean
  frames(count: number): Promise<void>
  resetFocusToTop(): { x: number; y: number }
  inspectFocus(): Promise<FocusStep>
  /** Controls the walk did not reach; `appeared`: not on the page when the walk began. */
  unreachedControls(): { descriptor: string; appeared: boolean }[]
  restoreAfterWalk(scroll: { x: number; y: number }): void
  targetSizeOffenders(min: number): string[]
  reflowReport(): { scrollWidth: number; clientWidth: number; widest: string[] }
  markClippedBaseline(): void
  clippedText(): string[]
  animationOffenders(): string[]
}

/**
 * Builds the helpers inside the page. It is shipped with `evaluateHandle`, so it must not refer
 * to anything outside its own body. Keeping it behind a handle (instead of on `window`) shares
 * the helpers between the page calls of one check without leaving globals behind, and without
 * `eval`, which the app's CSP forbids.
 */
function createPageKit(): PageKit {
  const win = globalThis as unknown as DomWindow
  const doc = win.document
  const ELEMENT_NODE = 1
  const TEXT_NODE = 3
  const visited: DomElement[] = []
  const MULTI_STOP_INPUTS = new Set(['date', 'time', 'datetime-local', 'month', 'week'])
  let innerStops = 0
  const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'
  let presentAtStart = new Set<DomElement>()
  let clippedBaseline = new Set<DomElement>()

  const style = (el: DomElement, pseudo?: string) => win.getComputedStyle(el, pseudo ?? null)
  const all = (selector: string) => Array.from(doc.querySelectorAll(selector))
  const px = (value: number) => `${Math.round(value * 10) / 10}`
  const isCheckable = (el: DomElement) => el.matches('input[type=checkbox], input[type=radio]')

  /** Alpha 0 in any serialisation Chromium uses: `rgba(0, 0, 0, 0)`, `oklch(… / 0)`, `transparent`. */
  const isTransparent = (color: string) =>
    color === 'transparent' || /(?:,|\/)\s*0(?:\.0+)?\s*\)$/.test(color.trim())

  const kit: PageKit = {
    describe(el) {
      let out = el.tagName.toLowerCase()
      if (el.id) out += `#${el.id}`
      else out += Array.from(el.classList).slice(0, 2).map((c) => `.${c}`).join('')
      const role = el.getAttribute('role')
      if (role) out += `[role=${role}]`
      if (el.tagName === 'INPUT') out += `[type=${el.type ?? 'text'}]`
      const labelText = Array.from(el.labels ?? []).map(ownText).join(' ')
      const name =
        el.getAttribute('aria-label') ||
        labelText.trim() ||
        ownText(el).trim() ||
        el.getAttribute('alt') ||
        el.getAttribute('title') ||
        el.getAttribute('placeholder') ||
        el.getAttribute('name') ||
        el.getAttribute('src') ||
        ''
      const text = name.replace(/\s+/g, ' ').trim()
      if (text) out += ` "${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`
      return out
    },

    isRendered(el) {
      // checkVisibility covers display:none, closed <details>, visibility:hidden and
      // content-visibility; opacity is deliberately ignored (opacity-0 native inputs still work).
      if (el.checkVisibility) {
        return el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true, contentVisibilityAuto: true })
      }
      return el.getClientRects().length > 0
    },

    isVisuallyHidden(el) {
      // The "sr-only" pattern: 1px box, zero clip rectangle or a fully inset clip-path.
      const rect = el.getBoundingClientRect()
      if (rect.width <= 1 || rect.height <= 1) return true
      const cs = style(el)
      if (/^rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)$/.test(cs.clip)) return true
      return /^inset\((50|100)%\)$/.test(cs.clipPath)
    },

    async frames(count) {
      for (let i = 0; i < count; i++) await new Promise<void>((resolve) => win.requestAnimationFrame(resolve))
    },

    resetFocusToTop() {
      const scroll = { x: win.scrollX, y: win.scrollY }
      win.scrollTo(0, 0)
      doc.activeElement?.blur()
      // blur() alone keeps Chromium's sequential focus navigation starting point at the blurred
      // element, so the next Tab would continue from there. Focusing <body> moves it to the top.
      const body = doc.body
      const previous = body.getAttribute('tabindex')
      body.setAttribute('tabindex', '-1')
      body.focus({ preventScroll: true })
      if (previous === null) body.removeAttribute('tabindex')
      else body.setAttribute('tabindex', previous)
      visited.length = 0
      presentAtStart = new Set(all(FOCUSABLE))
      return scroll
    },

    async inspectFocus() {
      let el = doc.activeElement
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
      if (!el || el === doc.body || el === doc.documentElement) return { kind: 'left' }
      const descriptor = kit.describe(el)
      const seen = visited.indexOf(el)
      if (seen >= 0) {
        // Chromium's date and time fields have Tab stops inside them (day, month, year, the
        // picker button) while the <input> stays the active element; a few of those are steps.
        if (seen === visited.length - 1 && el.tagName === 'INPUT' && MULTI_STOP_INPUTS.has(String(el.getAttribute('type'))) && innerStops < 4) {
          innerStops++
          return { kind: 'inner' }
        }
        // Focus inside an iframe keeps the <iframe> as activeElement; that is not a trap.
        if (seen === visited.length - 1 && el.tagName !== 'IFRAME') return { kind: 'stuck', descriptor }
        return { kind: seen === 0 ? 'cycled' : 'trapped', descriptor }
      }
      visited.push(el)
      innerStops = 0

      // Wait until scrolling (possibly smooth) and focus-style transitions have settled, since
      // both change what the user actually sees. Focus scrolls its control into view at once
      // unless scrolling is smooth, and a smooth scroll moves on every frame until it ends, so
      // the first frame in which nothing moved is the settled one. (Two such frames were asked
      // for before: three frames a Tab press, most of the kit's time, and never a different
      // answer.)
      const position = () => {
        const r = el.getBoundingClientRect()
        return [win.scrollX, win.scrollY, r.top, r.left, r.width, r.height].join()
      }
      for (let i = 0, last = position(); i < 60; i++) {
        await kit.frames(1)
        const now = position()
        if (now === last) break
        last = now
      }
      const finite = el.getAnimations().filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity))
      await Promise.race([
        Promise.all(finite.map((a) => a.finished.catch(() => undefined))),
        new Promise<void>((resolve) => win.setTimeout(resolve, 1000)),
      ])

      // A visually hidden checkbox/radio is drawn by its label, which then carries the focus
      // indicator and is what must stay unobscured.
      let target = el
      if (isCheckable(el) && kit.isVisuallyHidden(el)) {
        const label = Array.from(el.labels ?? []).find((l) => kit.isRendered(l) && !kit.isVisuallyHidden(l))
        if (label) target = label
      }
      const targetName = target === el ? descriptor : `${descriptor} (drawn by ${kit.describe(target)})`
      const problems: string[] = []

      const cs = style(target)
      const outlineVisible =
        cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && !isTransparent(cs.outlineColor)
      const shadowColors = cs.boxShadow.match(/(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^)]*\)/g) ?? []
      const shadowVisible = cs.boxShadow !== 'none' && (shadowColors.length === 0 || shadowColors.some((c) => !isTransparent(c)))
      if (!outlineVisible && !shadowVisible) {
        problems.push(
          `focus not visible on ${targetName}: outline ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}, box-shadow ${cs.boxShadow}`,
        )
      }

      const rect = target.getBoundingClientRect()
      const vw = doc.documentElement.clientWidth
      const vh = win.innerHeight
      const left = Math.max(rect.left, 0)
      const right = Math.min(rect.right, vw)
      const top = Math.max(rect.top, 0)
      const bottom = Math.min(rect.bottom, vh)
      if (right - left < 1 || bottom - top < 1) {
        problems.push(`focused ${targetName} is outside the viewport after scrolling into view`)
      } else {
        const w = right - left
        const h = bottom - top
        const points: Array<[number, number]> = [
          [left + w / 2, top + h / 2],
          [left + w / 4, top + h / 4],
          [left + (3 * w) / 4, top + h / 4],
          [left + w / 4, top + (3 * h) / 4],
          [left + (3 * w) / 4, top + (3 * h) / 4],
        ]
        const coverers = new Map<DomElement, number>()
        for (const [x, y] of points) {
          const hit = doc.elementFromPoint(x, y)
          // Ancestors are accepted: they only show through where the target itself does not
          // take hits (pointer-events:none, rounded corners), which is not obscuring.
          if (!hit || target.contains(hit) || el.contains(hit) || hit.contains(target)) continue
          coverers.set(hit, (coverers.get(hit) ?? 0) + 1)
        }
        for (const [coverer, count] of coverers) {
          const fixed = isFixedOrSticky(coverer) ? ' (fixed/sticky)' : ''
          problems.push(
            `focused ${targetName} is obscured by ${kit.describe(coverer)}${fixed} at ${count} of ${points.length} points`,
          )
        }
      }
      return { kind: 'new', descriptor, problems }
    },

    unreachedControls() {
      const modal = all('dialog').find((d) => d.matches(':modal'))
      const reached = new Set(visited)
      const out: { descriptor: string; appeared: boolean }[] = []
      for (const el of all(FOCUSABLE)) {
        if (reached.has(el)) continue
        if (el.tabIndex < 0 || el.matches(':disabled') || el.closest('[inert]')) continue
        if (el.matches('input[type=hidden]') || !kit.isRendered(el)) continue
        // Only the first <summary> of a <details> is focusable.
        if (el.tagName === 'SUMMARY' && !el.matches('details > summary:first-of-type')) continue
        if (modal && !modal.contains(el)) continue
        // Tab enters a radio group once, on its checked (or first) radio; arrows do the rest.
        if (el.matches('input[type=radio]') && el.name) {
          const group = visited.some((v) => v.matches('input[type=radio]') && v.name === el.name && v.form === el.form)
          if (group) continue
        }
        out.push({ descriptor: kit.describe(el), appeared: !presentAtStart.has(el) })
      }
      return out
    },

    restoreAfterWalk(scroll) {
      doc.activeElement?.blur()
      win.scrollTo(scroll.x, scroll.y)
      visited.length = 0
    },

    targetSizeOffenders(min) {
      const selector =
        'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=radio], [role=checkbox]'
      const out: string[] = []
      for (const el of all(selector)) {
        if (!kit.isRendered(el)) continue
        const rects: DomRect[] = []
        const hidden = kit.isVisuallyHidden(el)
        if (isCheckable(el)) {
          // Clicking the label toggles the input, so input + label is the target. A hidden
          // input is left out: its 1px box may sit anywhere and would inflate the union.
          if (!hidden) rects.push(el.getBoundingClientRect())
          for (const label of Array.from(el.labels ?? [])) {
            if (kit.isRendered(label) && !kit.isVisuallyHidden(label)) rects.push(label.getBoundingClientRect())
          }
        } else if (!hidden && !isInlineInSentence(el)) {
          rects.push(el.getBoundingClientRect())
        }
        if (rects.length === 0) continue
        const b = {
          left: Math.min(...rects.map((r) => r.left)),
          top: Math.min(...rects.map((r) => r.top)),
          right: Math.max(...rects.map((r) => r.right)),
          bottom: Math.max(...rects.map((r) => r.bottom)),
        }
        const width = b.right - b.left
        const height = b.bottom - b.top
        // 0.05px absorbs sub-pixel layout (e.g. 2.75rem rendered as 43.997px).
        if (width < min - 0.05 || height < min - 0.05) {
          out.push(`${kit.describe(el)} is ${px(width)}×${px(height)} px`)
        }
      }
      return out
    },

    reflowReport() {
      const root = doc.documentElement
      const clientWidth = root.clientWidth
      const candidates: Array<{ el: DomElement; rect: DomRect }> = []
      for (const el of all('body *')) {
        if (!kit.isRendered(el)) continue
        const rect = el.getBoundingClientRect()
        if (rect.right <= clientWidth + 1 && rect.left >= -1) continue
        // Content inside a clipping/scrolling box and fixed boxes do not widen the page.
        if (style(el).position === 'fixed') continue
        let contained = false
        for (let p = el.parentElement; p && p !== doc.body && p !== root; p = p.parentElement) {
          const ps = style(p)
          if (ps.overflowX !== 'visible' || ps.position === 'fixed') {
            contained = true
            break
          }
        }
        if (!contained) candidates.push({ el, rect })
      }
      candidates.sort((a, b) => b.rect.width - a.rect.width)
      const widest = candidates
        .slice(0, 5)
        .map(({ el, rect }) => `${kit.describe(el)} is ${px(rect.width)}px wide (spans ${px(rect.left)}…${px(rect.right)}px)`)
      return { scrollWidth: root.scrollWidth, clientWidth, widest }
    },

    markClippedBaseline() {
      clippedBaseline = new Set(clippingElements().map((c) => c.el))
    },

    clippedText() {
      return clippingElements().map(({ el, message }) =>
        clippedBaseline.has(el) ? `${message} (already clipped without text spacing)` : message,
      )
    },

    animationOffenders() {
      const out: string[] = []
      const durationMs = (value: string) => {
        const v = value.trim()
        if (v.endsWith('ms')) return parseFloat(v)
        if (v.endsWith('s')) return parseFloat(v) * 1000
        return 0 // `auto` (scroll-driven) or unparsable: not a timed animation
      }
      for (const animation of doc.getAnimations()) {
        if (animation.playState !== 'running') continue
        const duration = animation.effect?.getComputedTiming().duration
        if (typeof duration !== 'number' || duration <= 10) continue
        const target = animation.effect?.target
        const what = animation.animationName
          ? `CSS animation "${animation.animationName}"`
          : animation.transitionProperty
            ? `CSS transition of ${animation.transitionProperty}`
            : 'script animation'
        const on = target ? `${kit.describe(target)}${animation.effect?.pseudoElement ?? ''}` : 'an unknown target'
        out.push(`${what} on ${on} is running (${px(duration)}ms)`)
      }
      for (const el of all('*')) {
        for (const pseudo of ['', '::before', '::after']) {
          const cs = style(el, pseudo || undefined)
          if (cs.animationName === 'none') continue
          const names = cs.animationName.split(',')
          const durations = cs.animationDuration.split(',')
          names.forEach((name, i) => {
            const d = durationMs(durations[i % durations.length] ?? '0s')
            if (name.trim() !== 'none' && d > 10) {
              out.push(`${kit.describe(el)}${pseudo} has animation-name ${name.trim()} with duration ${px(d)}ms`)
            }
          })
        }
      }
      return [...new Set(out)]
    },
  }

  /** Text without nested form controls, so a label wrapping a <select> does not list its options. */
  function ownText(node: DomNode): string {
    if (node.nodeType === TEXT_NODE) return node.textContent ?? ''
    const children = Array.from(node.childNodes).filter(
      (child) => child.nodeType !== ELEMENT_NODE || !(child as DomElement).matches('select, textarea, datalist, script, style'),
    )
    return children.map(ownText).join('')
  }

  function isFixedOrSticky(el: DomElement): boolean {
    for (let p: DomElement | null = el; p; p = p.parentElement) {
      const position = style(p).position
      if (position === 'fixed' || position === 'sticky') return true
    }
    return false
  }

  /** WCAG 2.5.8's inline exception: a link inside running text, with words beside it on its line. */
  function isInlineInSentence(el: DomElement): boolean {
    const parent = el.parentElement
    if (el.tagName !== 'A' || !parent?.matches('p, li, dd')) return false
    const linkLines = Array.from(el.getClientRects())
    for (const node of Array.from(parent.childNodes)) {
      if (node === el || !node.textContent?.trim()) continue
      let rects: DomRect[]
      if (node.nodeType === TEXT_NODE) {
        const range = doc.createRange()
        range.selectNodeContents(node)
        rects = Array.from(range.getClientRects())
      } else if (node.nodeType === ELEMENT_NODE) {
        const sibling = node as DomElement
        if (!style(sibling).display.startsWith('inline')) continue
        rects = Array.from(sibling.getClientRects())
      } else {
        continue // comments, e.g. Vue's <!--v-if--> anchors
      }
      const sameLine = rects.some((r) => linkLines.some((l) => r.top < l.bottom - 1 && r.bottom > l.top + 1))
      if (sameLine) return true
    }
    return false
  }

  function clippingElements(): Array<{ el: DomElement; message: string }> {
    const out: Array<{ el: DomElement; message: string }> = []
    // html/body are left out: their overflow is page scrolling (or a deliberate scroll lock
    // behind a modal), which the page-level scrollWidth check covers.
    for (const el of all('body *')) {
      if (!el.textContent?.trim() || !kit.isRendered(el) || kit.isVisuallyHidden(el)) continue
      const cs = style(el)
      const clips = (v: string) => v === 'hidden' || v === 'clip'
      // Only an axis that clips can lose text; `overflow-x: hidden` alone makes y scrollable.
      const clipX = clips(cs.overflowX) || cs.textOverflow === 'ellipsis'
      const clipY = clips(cs.overflowY)
      const problems: string[] = []
      if (clipX && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`content ${el.scrollWidth}px wide in a ${el.clientWidth}px box`)
      }
      if (clipY && el.scrollHeight > el.clientHeight + 1) {
        problems.push(`content ${el.scrollHeight}px tall in a ${el.clientHeight}px box`)
      }
      if (problems.length > 0) {
        const how = `overflow ${cs.overflowX}/${cs.overflowY}${cs.textOverflow === 'ellipsis' ? ', text-overflow ellipsis' : ''}`
        out.push({ el, message: `${kit.describe(el)} clips its text: ${problems.join(', ')} (${how})` })
      }
    }
    return out
  }

  return kit
}

async function withPageKit<T>(page: Page, run: (kit: JSHandle<PageKit>) => Promise<T>): Promise<T> {
  const kit = await page.evaluateHandle(createPageKit)
  try {
    return await run(kit)
  } finally {
    await kit.dispose().catch(() => undefined)
  }
}

function failureMessage(title: string, problems: readonly string[]): string {
  return `${title}:\n${problems.map((p) => `  - ${p}`).join('\n')}`
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const MAX_TAB_PRESSES = 200
const TEXT_SPACING_CSS = `/* a11y-kit: WCAG 1.4.12 text spacing */
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`

/**
 * The axe-core that @axe-core/playwright itself loads, so both ways of running it below are the
 * same version with the same rules.
 */
const axeCore = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core') as {
  source: string
  version: string
}

/**
 * The same options AxeBuilder builds from `.options({ rules: { 'target-size': … } }).withTags()`:
 * the WCAG tags, plus `target-size`, which a rule enabled under `rules` adds to the tags.
 */
const AXE_OPTIONS: RunOptions = {
  rules: { 'target-size': { enabled: true } },
  runOnly: { type: 'tag', values: AXE_TAGS },
  // Only violations are reported; axe then keeps one node per passed or inapplicable rule instead
  // of every node (axe's documented way to make a run cheaper), and every rule still runs.
  resultTypes: ['violations'],
}

/**
 * One axe run on the page as it is now. AxeBuilder.analyze() evaluates axe's 0.5 MB source into
 * the page on every call, then opens a blank tab, evaluates the source there too and finishes the
 * run in it (that is how it merges results from iframes); on this 2-core machine that was most of
 * an axe pass. The app has no iframes, so when the page has only its main frame, axe is put into
 * the document once (a later call on the same document, such as the next screen reached by the
 * app's own navigation, finds it there) and runs with `axe.run`, which gives the same results.
 * A page with iframes still goes through AxeBuilder, which reaches into every frame.
 */
async function analyzeWithAxe(page: Page): Promise<Pick<AxeResults, 'violations'>> {
  if (page.frames().length > 1) {
    // The same options as axe.run below (tags, target-size, violations only).
    return new AxeBuilder({ page }).options(AXE_OPTIONS).analyze()
  }
  const loaded = await page.evaluate((version) => (globalThis as { axe?: { version?: string } }).axe?.version === version, axeCore.version)
  if (!loaded) await page.evaluate(axeCore.source)
  // Only the violations cross back to the test: the passes' nodes were most of the bytes.
  const violations = await page.evaluate(
    async (options) =>
      (
        await (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe.run(
          (globalThis as unknown as DomWindow).document,
          options,
        )
      ).violations,
    AXE_OPTIONS,
  )
  return { violations }
}

/** axe-core with the WCAG 2.0–2.2 A/AA rule sets plus `target-size`. */
export async function expectNoAxeViolations(page: Page, context?: string): Promise<void> {
  const results = await analyzeWithAxe(page)
  const problems = results.violations.map((v) => {
    const nodes = v.nodes.map((n) => {
      const selector = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' ')
      const html = n.html.replace(/\s+/g, ' ')
      return `\n      at ${selector}  ${html.length > 100 ? `${html.slice(0, 99)}…` : html}`
    })
    return `[${v.id}] (${v.impact ?? 'unknown impact'}) ${v.help}${nodes.join('')}`
  })
  const where = context ? ` on "${context}"` : ''
  expect(problems.length, failureMessage(`axe found ${problems.length} violation(s)${where}`, problems)).toBe(0)
}

/**
 * Tabs through the page from the top and checks that every focusable control is reached, that
 * focus is visible and not hidden under fixed/sticky content, and that focus never gets stuck.
 * Returns the descriptors of the reached elements in Tab order.
 */
export async function expectTabWalk(page: Page): Promise<string[]> {
  // A control that arrives while the walk is under way (a meeting another device just added,
  // synced into a live list) may land behind the walk. The walk is then taken again on the page
  // as it is now; a page that keeps changing through three walks is reported as it stands.
  for (let walk = 1; ; walk++) {
    const result = await tabWalkOnce(page, walk === 3)
    if (result) return result
  }
}

/** One walk; null when a control appeared behind it and the caller should walk again. */
async function tabWalkOnce(page: Page, last: boolean): Promise<string[] | null> {
  return withPageKit(page, async (kit) => {
    const scroll = await kit.evaluate((k) => k.resetFocusToTop())
    const reached: string[] = []
    const problems: string[] = []
    let finished = false
    try {
      for (let press = 0; press < MAX_TAB_PRESSES && !finished; press++) {
        await page.keyboard.press('Tab')
        const step = await kit.evaluate((k) => k.inspectFocus())
        switch (step.kind) {
          case 'left':
          case 'cycled':
            finished = true
            break
          case 'inner':
            break
          case 'stuck':
            problems.push(`keyboard trap: Tab does not move focus away from ${step.descriptor}`)
            finished = true
            break
          case 'trapped':
            problems.push(
              `keyboard trap: focus cycles back to ${step.descriptor} without leaving the page or returning to the start`,
            )
            finished = true
            break
          case 'new':
            reached.push(step.descriptor)
            problems.push(...step.problems)
            break
        }
      }
      if (!finished) {
        problems.push(
          `Tab walk did not end within ${MAX_TAB_PRESSES} presses (last reached: ${reached.at(-1) ?? 'nothing'})`,
        )
      }
      const unreached = await kit.evaluate((k) => k.unreachedControls())
      if (!last && unreached.some((u) => u.appeared)) return null
      problems.push(...unreached.map((u) => `not reachable with Tab: ${u.descriptor}`))
    } finally {
      await kit.evaluate((k, s) => k.restoreAfterWalk(s), scroll)
    }
    const order = `\n  Tab order: ${reached.join(' → ') || '(nothing reached)'}`
    expect(problems.length, failureMessage(`keyboard walk found ${problems.length} problem(s)`, problems) + order).toBe(0)
    return reached
  })
}

/**
 * WCAG 2.5.5 (AAA) target size: every visible interactive element, with a checkbox/radio
 * measured together with its label(s), is at least `min`×`min` CSS px. Links inside running
 * text and visually hidden elements are exempt.
 */
export async function expectTargetSizes(page: Page, min = 44): Promise<void> {
  const offenders = await withPageKit(page, (kit) => kit.evaluate((k, m) => k.targetSizeOffenders(m), min))
  expect(
    offenders.length,
    failureMessage(`${offenders.length} target(s) smaller than ${min}×${min} px`, offenders),
  ).toBe(0)
}

/** WCAG 1.4.10 reflow: no horizontal page scrolling at 320 CSS px wide. */
export async function expectReflowAt320(page: Page): Promise<void> {
  const previous =
    page.viewportSize() ?? (await page.evaluate(() => {
      const w = globalThis as unknown as DomWindow
      return { width: w.innerWidth, height: w.innerHeight }
    }))
  await page.setViewportSize({ width: 320, height: 640 })
  try {
    const report = await withPageKit(page, async (kit) => {
      await kit.evaluate((k) => k.frames(2))
      const first = await kit.evaluate((k) => k.reflowReport())
      if (first.scrollWidth <= first.clientWidth) return first
      // Reflow is about the page settled at 320 px: on a loaded machine a live page (the TV) was
      // once measured mid-resize with its 1280 px heading size. An overflow that stays fails.
      await page.waitForTimeout(500)
      await kit.evaluate((k) => k.frames(4))
      return kit.evaluate((k) => k.reflowReport())
    })
    expect(
      report.scrollWidth,
      failureMessage(
        `page scrolls horizontally at 320px: scrollWidth ${report.scrollWidth} > clientWidth ${report.clientWidth}; widest overflowing elements`,
        report.widest.length > 0 ? report.widest : ['(none found outside clipping containers)'],
      ),
    ).toBeLessThanOrEqual(report.clientWidth)
  } finally {
    await page.setViewportSize(previous)
  }
}

/**
 * WCAG 1.4.12 text spacing: with the standard bookmarklet spacing applied, no box that clips its
 * overflow cuts off text, and the page does not start scrolling sideways.
 */
export async function expectTextSpacingSurvives(page: Page): Promise<void> {
  await withPageKit(page, async (kit) => {
    await kit.evaluate((k) => k.markClippedBaseline())
    const undo = await injectTextSpacing(page)
    try {
      await kit.evaluate((k) => k.frames(2))
      const clipped = await kit.evaluate((k) => k.clippedText())
      const report = await kit.evaluate((k) => k.reflowReport())
      const problems = [...clipped]
      if (report.scrollWidth > report.clientWidth) {
        problems.push(
          `page scrolls horizontally: scrollWidth ${report.scrollWidth} > clientWidth ${report.clientWidth}; widest: ${report.widest.join('; ') || 'unknown'}`,
        )
      }
      expect(problems.length, failureMessage(`text spacing (WCAG 1.4.12) loses content`, problems)).toBe(0)
    } finally {
      await undo()
    }
  })
}

/**
 * Adds the spacing CSS and returns how to take it away again. `page.addStyleTag` is the normal
 * way, but the app's CSP (`style-src 'self'`) blocks inline <style>, so under CSP the rules go
 * into a constructed stylesheet instead: CSSOM is not subject to CSP.
 */
async function injectTextSpacing(page: Page): Promise<() => Promise<void>> {
  try {
    const handle = await page.addStyleTag({ content: TEXT_SPACING_CSS })
    return async () => {
      await handle.evaluate((el) => (el as unknown as DomElement).remove())
      await handle.dispose()
    }
  } catch (error) {
    if (!/Content Security Policy/i.test(String(error))) throw error
  }
  const sheet = await page.evaluateHandle((css) => {
    const w = globalThis as unknown as DomWindow
    // The blocked <style> element stays in the document; take it out again.
    for (const el of Array.from(w.document.querySelectorAll('style'))) {
      if (el.textContent === css) el.remove()
    }
    const s = new w.CSSStyleSheet()
    s.replaceSync(css)
    w.document.adoptedStyleSheets = [...w.document.adoptedStyleSheets, s]
    return s
  }, TEXT_SPACING_CSS)
  return async () => {
    await sheet.evaluate((s) => {
      const d = (globalThis as unknown as DomWindow).document
      d.adoptedStyleSheets = d.adoptedStyleSheets.filter((x) => x !== s)
    })
    await sheet.dispose()
  }
}

/**
 * WCAG 2.3.3: with `prefers-reduced-motion: reduce`, nothing animates for longer than 10ms.
 * Emulation is restored afterwards so the kit has no side effects: if the page already matched
 * `reduce` (the caller emulates it) it stays, otherwise it goes back to the browser default.
 */
export async function expectNoRunningAnimations(page: Page): Promise<void> {
  const alreadyReduced = await page.evaluate(
    () => (globalThis as unknown as { matchMedia(q: string): { matches: boolean } }).matchMedia('(prefers-reduced-motion: reduce)').matches,
  )
  await page.emulateMedia({ reducedMotion: 'reduce' })
  try {
    const offenders = await withPageKit(page, async (kit) => {
      // Give style recalculation a couple of frames plus a moment for short transitions that the
      // media change itself may have started.
      await kit.evaluate(async (k) => {
        await k.frames(2)
        await new Promise<void>((resolve) => (globalThis as unknown as DomWindow).setTimeout(resolve, 100))
        await k.frames(1)
      })
      return kit.evaluate((k) => k.animationOffenders())
    })
    expect(
      offenders.length,
      failureMessage(`${offenders.length} animation(s) still run with prefers-reduced-motion: reduce`, offenders),
    ).toBe(0)
  } finally {
    await page.emulateMedia({ reducedMotion: alreadyReduced ? 'reduce' : null })
  }
}

/**
 * All checks, in order, each as its own report step. Every check runs even if an earlier one
 * failed (each restores the page state it changed), so one run shows every problem on the
 * screen; the test then fails with all failures listed. Nothing is reloaded: the caller has put
 * the page in the state to check.
 */
export async function runA11yKit(page: Page, context: string): Promise<void> {
  const checks: Array<[string, () => Promise<unknown>]> = [
    ['axe WCAG 2.2 AA', () => expectNoAxeViolations(page, context)],
    ['keyboard Tab walk', () => expectTabWalk(page)],
    ['target sizes ≥ 44px', () => expectTargetSizes(page)],
    ['reflow at 320px', () => expectReflowAt320(page)],
    ['text spacing', () => expectTextSpacingSurvives(page)],
    ['reduced motion', () => expectNoRunningAnimations(page)],
  ]
  const failures: string[] = []
  for (const [name, check] of checks) {
    try {
      await test.step(`a11y (${context}): ${name}`, check)
    } catch (error) {
      // Drop the generic "expect(received).toBe(0)" trailer; the check's own message says it all.
      const message = error instanceof Error ? error.message : String(error)
      // The matcher line may be wrapped in ANSI colour codes.
      // eslint-disable-next-line no-control-regex
      failures.push(`${name}: ${message.split(/\n\n(?:\u001b\[\d+m)*expect\(/)[0]}`)
    }
  }
  expect(failures.length, `a11y kit failed on "${context}":\n\n${failures.join('\n\n')}`).toBe(0)
}
