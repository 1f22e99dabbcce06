/**
 * A PDF has no lines or paragraphs, only runs of text placed on the page. This puts the runs
 * back into the lines a person sees, so the agenda parser gets what it gets from pasted text:
 * one line per printed line, a space where the gap between two runs is a word gap, a tab where
 * it is a column gap (a table of contents), and a blank line between paragraphs. Pure, so it is
 * tested on made-up runs without a PDF.
 */
export interface PdfTextRun {
  text: string
  /** Left edge and baseline in PDF units (y grows upwards), and the run's width. */
  x: number
  y: number
  width: number
  /** Font size: the height of the text. */
  size: number
}

interface Line {
  y: number
  size: number
  runs: PdfTextRun[]
}

// Runs whose baselines differ by less than this share a line (a superscript or a bold word set
// a little higher is still on the same line).
const SAME_LINE = 0.4
// A gap wider than this (in font sizes) between runs is a space, wider than TAB_GAP a column.
const WORD_GAP = 0.12
const TAB_GAP = 1.8
// A line gap this much larger than the page's usual line gap, or this many font sizes, starts a paragraph.
const PARAGRAPH_FACTOR = 1.4
const PARAGRAPH_SIZES = 2.2

function groupLines(runs: readonly PdfTextRun[]): Line[] {
  const sorted = runs.filter((run) => run.text !== '').sort((a, b) => b.y - a.y || a.x - b.x)
  const lines: Line[] = []
  for (const run of sorted) {
    const line = lines[lines.length - 1]
    if (line && Math.abs(line.y - run.y) <= SAME_LINE * Math.min(line.size, run.size || line.size)) {
      line.runs.push(run)
      line.size = Math.max(line.size, run.size)
    } else {
      lines.push({ y: run.y, size: run.size, runs: [run] })
    }
  }
  return lines
}

/** The text of one line, runs left to right, with the gaps between them as spaces or a tab. */
export function lineText(runs: readonly PdfTextRun[]): string {
  let text = ''
  let end: number | null = null
  let pending = ''
  for (const run of [...runs].sort((a, b) => a.x - b.x)) {
    const size = run.size || 1
    if (end !== null) {
      const gap = run.x - end
      if (gap > TAB_GAP * size) pending = '\t'
      else if (gap > WORD_GAP * size && pending === '') pending = ' '
    }
    if (run.text.trim() === '') {
      // A run of blanks is the PDF's own gap: wide as a column, it is a tab.
      pending = run.width > TAB_GAP * size * 0.5 ? '\t' : pending || ' '
    } else {
      if (text !== '' && pending !== '' && !/\s$/.test(text) && !/^\s/.test(run.text)) text += pending
      text += run.text
      pending = ''
    }
    end = Math.max(end ?? -Infinity, run.x + run.width)
  }
  return text.trim()
}

/**
 * The usual distance between two lines of one paragraph on this page: the smallest gap that
 * occurs at least twice (a single tight gap may be a table), or the smallest there is.
 */
function usualGap(gaps: readonly number[]): number {
  const rounded = gaps.map((gap) => Math.round(gap * 2) / 2).filter((gap) => gap > 0)
  const repeated = rounded.filter((gap, index) => rounded.indexOf(gap) !== index)
  const pool = repeated.length > 0 ? repeated : rounded
  return pool.length > 0 ? Math.min(...pool) : 0
}

/** One page's text: its lines top to bottom, a blank line where a paragraph ends. */
export function pageText(runs: readonly PdfTextRun[]): string {
  const lines = groupLines(runs)
    .map((line) => ({ ...line, text: lineText(line.runs) }))
    .filter((line) => line.text !== '')
  const gaps = lines.slice(1).map((line, index) => lines[index]!.y - line.y)
  const usual = usualGap(gaps)
  const out: string[] = []
  lines.forEach((line, index) => {
    if (index > 0) {
      const gap = gaps[index - 1]!
      const size = Math.max(line.size, lines[index - 1]!.size)
      if ((usual > 0 && gap > PARAGRAPH_FACTOR * usual) || gap > PARAGRAPH_SIZES * size) out.push('')
    }
    out.push(line.text)
  })
  return out.join('\n')
}

/** The whole document: pages in order, each starting on a new line. */
export function pagesText(pages: readonly (readonly PdfTextRun[])[]): string {
  return pages
    .map(pageText)
    .filter((text) => text !== '')
    .join('\n')
}
