import { isTocLine } from './header.js'
import { caseNumberOf, closedTitle, headingOf, type Heading } from './headings.js'
import { unwrapLines } from './lines.js'
import type { ParsedAgendaItem } from './types.js'

/**
 * Items and their insides. An item starts with "Punkt 12: Title" (also "PUNKT 12.", "Pkt. 12 -",
 * "Punkt 12" with the title on the next line). Only when a text has no such line do numbered
 * lines ("12. Title") count, and then only when they read like a title (capital first, no full
 * stop at the end, a higher number than the item before) and a case number or a section heading
 * follows: "1. at dagsordenen godkendes" in a recommendation and a numbered shopping list are not
 * items.
 */

const PUNKT_LINE = /^(?:punkt|pkt\.?|dagsordenspunkt)\s*(\d{1,4})\s*(?:[:.)–-]\s*|\t\s*|$)(.*)$/iu
const NUMBERED_LINE = /^(\d{1,3})\s*[.)]\s+(.+)$/u
// Minutes often end with signatures or "Mødet hævet kl. 16.10"; that is not part of the last item.
const DOCUMENT_END = /^(?:underskrifter|underskriftsblad|mødet (?:blev )?(?:hævet|afsluttet|sluttede))/iu
const STARTS_LOWER = /^\p{Ll}/u

export interface ItemStart {
  line: number
  number: number
  title: string
  /** A "Punkt 3: Title.....<tab>4" line of a table of contents: it ends the item before, no more. */
  contents?: boolean
}

function nextLine(lines: string[], from: number, skip: (line: string) => boolean = () => false): string | undefined {
  return lines.slice(from).find((line) => line !== '' && !skip(line))
}

function punktStarts(lines: string[]): ItemStart[] {
  return lines.flatMap((line, index) => {
    const match = PUNKT_LINE.exec(line)
    const title = (match?.[2] ?? '').trim()
    // "Punkt 3: se bilag" in running text is a reference, not an item.
    if (!match || STARTS_LOWER.test(title)) return []
    return [{ line: index, number: Number(match[1]), title, ...(isTocLine(line) && { contents: true }) }]
  })
}

const LIST_LINE = /^\d{1,3}\s*[.)]\s/

function numberedStarts(lines: string[]): ItemStart[] {
  const starts: ItemStart[] = []
  lines.forEach((line, index) => {
    const match = isTocLine(line) ? null : NUMBERED_LINE.exec(line)
    if (!match) return
    const number = Number(match[1])
    const title = (match[2] ?? '').trim()
    const previous = starts[starts.length - 1]
    if (previous && number <= previous.number) return
    if (!/^[\p{Lu}\p{N}"“(]/u.test(title) || /[.,;]$/.test(title)) return
    // "2. Forslaget er sendt ud" right under "1. at ..." continues a list in the item's text.
    if (LIST_LINE.test(lines[index - 1] ?? '')) return
    const next = nextLine(lines, index + 1, (candidate) => STARTS_LOWER.test(candidate))
    if (next === undefined || (!caseNumberOf(next) && !headingOf(next))) return
    starts.push({ line: index, number, title })
  })
  return starts
}

export function findItemStarts(lines: string[]): ItemStart[] {
  const punkt = punktStarts(lines)
  return punkt.some((start) => !start.contents) ? punkt : numberedStarts(lines)
}

export function documentEnd(lines: string[], from: number): number {
  const end = lines.findIndex((line, index) => index > from && DOCUMENT_END.test(line))
  return end < 0 ? lines.length : end
}

function attachmentTitles(lines: string[]): string[] {
  return unwrapLines(lines)
    .map((line) => line.replace(/^[-–•*▪◦●·]\s+/u, '').replace(/\t/g, ' ').trim())
    .filter((line) => line !== '' && !/^(?:ingen(?: bilag)?\.?|-)$/iu.test(line))
}

interface Block {
  heading?: Heading
  lines: string[]
}

/** The item from its start line up to (not including) `end`; `fallbackTitle` from the contents. */
export function buildItem(lines: string[], start: ItemStart, end: number, fallbackTitle?: string): ParsedAgendaItem {
  let index = start.line + 1
  let title = start.title
  if (title === '') {
    const candidate = lines.slice(index, end).findIndex((line) => line !== '')
    const line = candidate >= 0 ? (lines[index + candidate] ?? '') : ''
    if (line && !headingOf(line) && !caseNumberOf(line)) {
      title = line
      index += candidate + 1
    }
  }
  // A long title the PDF wrapped onto the next line.
  for (; index < end && !/[.!?:]$/.test(title); index += 1) {
    const line = lines[index] ?? ''
    if (!STARTS_LOWER.test(line) || headingOf(line)) break
    title = `${title} ${line}`
  }
  if (title === '' && fallbackTitle) title = fallbackTitle
  const closed = closedTitle(title.replace(/\s+/g, ' ').trim())

  const blocks: Block[] = [{ lines: [] }]
  let caseNumber: string | undefined
  for (const line of lines.slice(index, end)) {
    const heading = headingOf(line)
    const block = blocks[blocks.length - 1]
    const beforeText = blocks.length === 1 && block?.lines.every((l) => l === '')
    if (heading) blocks.push({ heading, lines: [] })
    else if (caseNumber === undefined && beforeText && caseNumberOf(line)) caseNumber = caseNumberOf(line)
    else block?.lines.push(line)
  }

  const item: ParsedAgendaItem = { number: start.number, title: closed.title, closed: closed.closed, sections: [], attachments: [] }
  if (caseNumber !== undefined) item.caseNumber = caseNumber
  for (const block of blocks) {
    if (block.heading?.kind === 'attachments') {
      item.attachments.push(...attachmentTitles(block.lines))
      continue
    }
    // A heading without text (an empty "Beslutning" in an agenda) is a placeholder, not content.
    const text = unwrapLines(block.lines).join('\n')
    if (text !== '') item.sections.push({ kind: block.heading?.kind ?? 'other', heading: block.heading?.heading ?? '', text })
  }
  return item
}
