/**
 * Turns pasted or uploaded text into clean lines: what a PDF or an agenda system adds on the way
 * (CRLF, form feeds, page numbers, repeated page headers, stray tabs and spaces, words broken at
 * a line end) is removed here, so the structure parser only sees the agenda's own lines.
 */

// The kind word of a title line comes first ("DAGSORDEN Brugerrådet ...") or after a separator
// ("Brugerrådet - Referat - 14.01.2027"). Elsewhere it is just a word: "her er dagsorden til
// mødet", "Godkendelse af dagsorden".
const KINDS = 'dagsorden|referat|beslutningsprotokol'
const KIND_WORD = new RegExp(`^(${KINDS})(?![\\p{L}])|[-–|:,]\\s*(${KINDS})(?![\\p{L}])`, 'iu')
const PAGE_LINE = /^(?:side|page)\s+\d+(?:\s*(?:af|of|\/)\s*\d+)?$|^[-–]\s*\d+\s*[-–]$/i
// A page number printed at the end of a running header: "Brugerrådet – Dagsorden<tab>Side 3 af 13".
// The gap before it is checked by hand: a pattern like /\s{2,}Side.../ is slow on long blank runs.
const TRAILING_PAGE = /Side\s+\d{1,4}\s+af\s+\d{1,4}$/
// "Social- og sundhedsudvalget": a hyphen before these words is a real one, not a line-end break.
const SUSPENDED_HYPHEN_NEXT = /^(?:og|eller|samt|el\.|&)(?![\p{L}])/iu

function withoutTrailingPage(line: string): string {
  const page = TRAILING_PAGE.exec(line)
  if (!page || page.index === 0) return line
  const gap = line.slice(Math.max(0, page.index - 2), page.index)
  return gap.endsWith('\t') || gap === '  ' ? line.slice(0, page.index) : line
}

function tidy(line: string): string {
  const trimmed = withoutTrailingPage(line.trim()).trim()
  // A tab is kept (one per run) because it separates a title from its page number in a table of
  // contents and the columns of a small table; runs of spaces are only layout.
  return trimmed.replace(/[ \t]{2,}|\t/g, (gap) => (gap.includes('\t') ? '\t' : ' '))
}

function comparable(line: string): string {
  return line.replace(/\s+/g, ' ').toLowerCase()
}

/**
 * Joins a line that ends in "letter-" with the line after it.
 * - "beboer-" + "møde" (lower case on both sides) was one word broken by the PDF: "beboermøde".
 *   Blank lines in between are skipped, because a page break may sit there.
 * - "Social-" + "og sundhed..." keeps the hyphen and the space: a suspended compound.
 * - "12-" + "14", "EU-" + "borgere", "Brugerråds-" + "/pårørendemøde" keep the hyphen: a digit,
 *   a capital before it or a slash after it shows it was written. Only the next line is joined.
 * - Anything else (lower case before, capital after) is left alone: it is more likely a new line.
 * Without a dictionary "Brugerråds-" + "pårørendemøde" cannot be told from a broken word; it
 * becomes "Brugerrådspårørendemøde", and the preview lets a person fix it.
 */
function joinBrokenWords(lines: string[]): string[] {
  const out: string[] = []
  let blanks = 0
  for (const line of lines) {
    if (line === '') {
      blanks += 1
      continue
    }
    const prev = out[out.length - 1]
    const ending = prev === undefined ? null : /([\p{L}\p{N}])[-‐]$/u.exec(prev)
    if (prev !== undefined && ending) {
      const before = ending[1] ?? ''
      const lowerBefore = /\p{Ll}/u.test(before)
      if (lowerBefore && /^\p{Ll}/u.test(line) && !SUSPENDED_HYPHEN_NEXT.test(line)) {
        out[out.length - 1] = prev.slice(0, -1) + line
        blanks = 0
        continue
      }
      if (blanks === 0 && SUSPENDED_HYPHEN_NEXT.test(line)) {
        out[out.length - 1] = `${prev} ${line}`
        continue
      }
      if (blanks === 0 && (/^[\p{N}/]/u.test(line) || (!lowerBefore && /^\p{L}/u.test(line)))) {
        out[out.length - 1] = prev + line
        continue
      }
    }
    for (; blanks > 0; blanks -= 1) out.push('')
    out.push(line)
  }
  return out
}

export function cleanLines(text: string): string[] {
  const normalised = text
    .normalize('NFC')
    // A soft hyphen at a line end is the PDF's own word break.
    .replace(/\u00AD(?:\r\n|[\r\n\f])/g, '')
    .replace(/[\u00AD\u200B\uFEFF]/g, '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
  const lines = normalised.split(/\r\n|[\r\n\f\v\u2028\u2029]/).map(tidy)
  const header = lines.find((line) => line !== '')
  // A header repeated on every page is noise once the first one has been read.
  const repeatedHeader = header !== undefined && kindWordOf(header) !== undefined ? comparable(header) : undefined
  let seenHeader = false
  const kept = lines.filter((line) => {
    if (PAGE_LINE.test(line)) return false
    if (repeatedHeader !== undefined && comparable(line) === repeatedHeader) {
      if (seenHeader) return false
      seenHeader = true
    }
    return true
  })
  return joinBrokenWords(kept)
}

/**
 * The text of a section: blank-line paragraphs kept (one blank line), and lines the PDF wrapped
 * in the middle of a sentence joined again. A line is a wrapped continuation when it starts with
 * a lower-case letter (not "a) ...") and the line before neither ends a sentence nor is a table
 * row; list items ("1. at ...") and new sentences start otherwise and keep their own line.
 */
export function unwrapLines(lines: string[]): string[] {
  const out: string[] = []
  for (const line of lines) {
    const prev = out[out.length - 1]
    const continues =
      prev !== undefined &&
      prev !== '' &&
      line !== '' &&
      !/[.!?:;]$/.test(prev) &&
      !prev.includes('\t') &&
      /^\p{Ll}/u.test(line) &&
      !/^\p{L}\)\s/u.test(line)
    if (continues) out[out.length - 1] = `${prev} ${line}`
    else if (line !== '' || (prev !== undefined && prev !== '')) out.push(line)
  }
  while (out[out.length - 1] === '') out.pop()
  return out
}

export function kindWordOf(line: string): string | undefined {
  const match = KIND_WORD.exec(line)
  return match ? (match[1] ?? match[2]) : undefined
}
