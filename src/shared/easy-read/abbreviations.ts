/**
 * Danish abbreviations that easy-read text should spell out (ACCESSIBILITY.md: "write 'for
 * eksempel', not 'f.eks.'"). The same list tells the sentence splitter that the dot of "bl.a."
 * or "kl. 13.30" does not end a sentence, so LIX and the hints agree on what a sentence is.
 */
export interface Abbreviation {
  /** As usually written, lower case, with its dots ("fx", the newer spelling, has none). */
  written: string
  /** The everyday words to use instead. */
  plain: string
  /**
   * True for words that often close a sentence ("... mad, drikke osv. Næste ..."): their dot ends
   * the sentence when a capital letter follows. The others ("f.eks. Anne", "kl. 13") never do.
   */
  mayEndSentence: boolean
  /** Match only as written (lower case): "d." must not swallow an initial like "Anne D. Holm". */
  exactCase?: boolean
}

const list: [written: string, plain: string, mayEndSentence?: boolean][] = [
  ['f.eks.', 'for eksempel'],
  ['f.x.', 'for eksempel'],
  ['fx', 'for eksempel'],
  ['bl.a.', 'blandt andet'],
  ['dvs.', 'det vil sige'],
  ['d.v.s.', 'det vil sige'],
  ['evt.', 'eventuelt'],
  ['ca.', 'cirka'],
  ['mht.', 'med hensyn til'],
  ['m.h.t.', 'med hensyn til'],
  ['iht.', 'i henhold til'],
  ['jf.', 'jævnfør'],
  ['jvf.', 'jævnfør'],
  ['inkl.', 'inklusive'],
  ['ekskl.', 'uden'],
  ['pga.', 'på grund af'],
  ['p.g.a.', 'på grund af'],
  ['ift.', 'i forhold til'],
  ['ifm.', 'i forbindelse med'],
  ['iflg.', 'ifølge'],
  ['vedr.', 'om'],
  ['ang.', 'om'],
  ['hhv.', 'henholdsvis'],
  ['vha.', 'ved hjælp af'],
  ['p.t.', 'lige nu'],
  ['kl.', 'klokken'],
  ['nr.', 'nummer'],
  ['tlf.', 'telefon'],
  ['osv.', 'og så videre', true],
  ['o.s.v.', 'og så videre', true],
  ['etc.', 'og så videre', true],
  ['m.m.', 'med mere', true],
  ['m.fl.', 'med flere', true],
  ['mv.', 'med videre', true],
  ['m.v.', 'med videre', true],
  ['o.l.', 'og lignende', true],
  ['o.a.', 'og andre', true],
  ['kr.', 'kroner', true],
  ['pct.', 'procent', true],
  ['mio.', 'millioner', true],
  ['mia.', 'milliarder', true],
  ['stk.', 'styk', true],
  ['mdr.', 'måneder', true],
  ['afd.', 'afdeling', true],
  ['jan.', 'januar', true],
  ['feb.', 'februar', true],
  ['mar.', 'marts', true],
  ['apr.', 'april', true],
  ['aug.', 'august', true],
  ['sept.', 'september', true],
  ['sep.', 'september', true],
  ['okt.', 'oktober', true],
  ['nov.', 'november', true],
  ['dec.', 'december', true],
]

export const ABBREVIATIONS: readonly Abbreviation[] = [
  ...list.map(([written, plain, mayEndSentence = false]) => ({ written, plain, mayEndSentence })),
  { written: 'd.', plain: 'den', mayEndSentence: false, exactCase: true },
]

export interface AbbreviationMatch {
  start: number
  end: number
  /** The text as found, for example "F.eks." or "f. eks.". */
  found: string
  abbreviation: Abbreviation
  /** `plain`, capitalised when the abbreviation was ("F.eks." → "For eksempel"). */
  replacement: string
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// "f. eks." and "bl. a." are older spellings of the same abbreviations, so a space may follow an
// inner dot. Group 1 is the character before (start or a non-letter): lookbehind would break the
// whole bundle on Safari before 16.4, which old phones still run.
// A dotless abbreviation ("fx") must stand alone: "fxe" or "fx2" is not it.
const matchers = ABBREVIATIONS.map((abbreviation) => {
  const dotted = abbreviation.written.endsWith('.')
  const parts = (dotted ? abbreviation.written.slice(0, -1) : abbreviation.written).split('.').map(escapeRegExp)
  const body = `${parts.join('\\. ?')}${dotted ? '\\.' : '(?![\\p{L}\\p{N}])'}`
  return { abbreviation, pattern: new RegExp(`(^|[^\\p{L}\\p{N}])(${body})`, abbreviation.exactCase ? 'gu' : 'giu') }
})

function capitalise(found: string, plain: string): string {
  const first = found.charAt(0)
  return first !== first.toLowerCase() ? plain.charAt(0).toUpperCase() + plain.slice(1) : plain
}

/** Every known abbreviation in `text`, in order, without overlaps. */
export function findAbbreviations(text: string): AbbreviationMatch[] {
  const found: AbbreviationMatch[] = []
  for (const { abbreviation, pattern } of matchers) {
    for (const match of text.matchAll(pattern)) {
      const written = match[2] ?? ''
      const start = (match.index ?? 0) + (match[1] ?? '').length
      found.push({
        start,
        end: start + written.length,
        found: written,
        abbreviation,
        replacement: capitalise(written, abbreviation.plain),
      })
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const result: AbbreviationMatch[] = []
  for (const match of found) {
    const last = result[result.length - 1]
    if (!last || match.start >= last.end) result.push(match)
  }
  return result
}
