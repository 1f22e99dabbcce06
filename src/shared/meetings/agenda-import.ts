import { AgendaImportError } from './agenda-import/errors.js'
import { hasContents, isTocLine, parseHeader, tocTitle } from './agenda-import/header.js'
import { buildItem, documentEnd, findItemStarts } from './agenda-import/items.js'
import { cleanLines } from './agenda-import/lines.js'
import type { ParsedAgenda, ParsedAgendaItem } from './agenda-import/types.js'

export { AgendaImportError, type AgendaImportErrorCode } from './agenda-import/errors.js'
export type { AgendaSectionKind, ParsedAgenda, ParsedAgendaItem, ParsedAgendaSection } from './agenda-import/types.js'

/**
 * Reads the text that municipal agenda systems export (DAGSORDEN or REFERAT, see
 * ../shared/samples/README.md) into a meeting the secretary can check before saving. Pure: it
 * runs in the browser (preview while offline) and on the server (the same result on save).
 *
 * Throws AgendaImportError with a stable `code` (listed in agenda-import/errors.ts) when the text
 * cannot be a meeting; nothing is guessed into a half-empty meeting.
 */
export function parseAgendaText(text: string): ParsedAgenda {
  const lines = cleanLines(text)
  if (lines.every((line) => line === '')) {
    throw new AgendaImportError('empty', 'The text is empty. Paste the agenda or minutes text from the agenda system.')
  }

  const starts = findItemStarts(lines)
  const first = starts.find((start) => !start.contents)
  if (!first) {
    if (hasContents(lines)) {
      throw new AgendaImportError(
        'only_contents',
        'Only a table of contents was found. Copy the whole agenda, including the item texts that start with "Punkt 1:".',
      )
    }
    throw noItems()
  }

  const preamble = lines.slice(0, first.line)
  const header = parseHeader(preamble)
  const contents = preamble.filter(isTocLine).map(tocTitle)
  const end = documentEnd(lines, first.line)
  const items = withoutContentsCopies(
    starts
      .map((start, index) => ({ start, until: starts[index + 1]?.line ?? end }))
      .filter(({ start }) => !start.contents)
      .map(({ start, until }, index) => buildItem(lines, start, until, contents[index])),
  )

  const structured = items.some((item) => item.caseNumber || item.attachments.length > 0 || item.sections.some((s) => s.heading !== ''))
  if (!header.recognised && !structured) throw noItems()
  if (header.date === undefined) {
    throw new AgendaImportError(
      'no_date',
      `Found ${items.length} agenda items but no meeting date. Add a line such as "Mødedato torsdag d. 14. januar 2027 kl. 13.30" at the top and try again.`,
    )
  }

  const agenda: ParsedAgenda = {
    // Without a DAGSORDEN/REFERAT line, decisions are what make a text minutes.
    kind: header.kind ?? (items.some((item) => item.sections.some((s) => s.kind === 'decision')) ? 'minutes' : 'agenda'),
    council: header.council,
    date: header.date,
    items,
  }
  if (header.startTime !== undefined) agenda.startTime = header.startTime
  if (header.endTime !== undefined) agenda.endTime = header.endTime
  if (header.place !== undefined) agenda.place = header.place
  if (header.participants !== undefined) agenda.participants = header.participants
  if (header.absent !== undefined) agenda.absent = header.absent
  return agenda
}

function noItems(): AgendaImportError {
  return new AgendaImportError(
    'no_items',
    'No agenda items were found. This does not look like an agenda or minutes: each item must start on its own line with "Punkt 1: Title", followed by its sections (Resumé, Indstilling, Beslutning …).',
  )
}

function hasContent(item: ParsedAgendaItem): boolean {
  return item.caseNumber !== undefined || item.sections.length > 0 || item.attachments.length > 0
}

/**
 * A table of contents written as "Punkt 3: Title" lines yields items without content that the
 * real items repeat; those copies go. Two items with content and the same number cannot both be
 * right (often the text was pasted twice), so the secretary is asked to fix it.
 */
function withoutContentsCopies(items: ParsedAgendaItem[]): ParsedAgendaItem[] {
  const kept = items.filter((item, index) => {
    const others = items.filter((other, otherIndex) => otherIndex !== index && other.number === item.number)
    if (others.length === 0) return true
    if (hasContent(item)) return true
    // All copies empty: keep the last one, which is the item itself rather than its contents line.
    return !others.some(hasContent) && items.every((other, otherIndex) => otherIndex <= index || other.number !== item.number)
  })
  for (const item of kept) {
    if (kept.filter((other) => other.number === item.number).length > 1) {
      throw new AgendaImportError(
        'duplicate_number',
        `Item number ${item.number} appears twice. Remove the copy (perhaps the text was pasted twice) and try again.`,
        item.number,
      )
    }
  }
  return kept
}
