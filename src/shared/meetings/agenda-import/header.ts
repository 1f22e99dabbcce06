import { findDanishDate, findEndTime, findTime, locateDanishDate } from './dates.js'
import { headingOf } from './headings.js'
import { kindWordOf } from './lines.js'
import type { ParsedAgenda } from './types.js'

/**
 * The lines before the first item: "DAGSORDEN <council> d. 14-01-2027", the labelled fields
 * (Mødedato, Mødested, Mødedeltagere, Afbud, in any order and case, with or without a colon, the
 * value on the same or the next line) and the table of contents, which is skipped.
 */

type Field = 'date' | 'time' | 'place' | 'participants' | 'absent'

const LABELS: Record<string, Field> = {
  mødedato: 'date',
  dato: 'date',
  mødetidspunkt: 'time',
  mødetid: 'time',
  tidspunkt: 'time',
  mødested: 'place',
  mødelokale: 'place',
  sted: 'place',
  lokale: 'place',
  mødedeltagere: 'participants',
  deltagere: 'participants',
  'til stede': 'participants',
  afbud: 'absent',
  fraværende: 'absent',
  fravær: 'absent',
}
const FIELD_LINE = new RegExp(`^(${Object.keys(LABELS).join('|')})(?:\\s*:\\s*|\\s+|$)(.*)$`, 'iu')
const CONTENTS_HEADING = /^(?:indholdsfortegnelse|indhold)$/i
const WEEKDAY_OR_DEN = /(?:\s+(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag))?(?:\s+(?:d\.|den))?$/iu

/**
 * A table of contents line: "Title.....<tab>3", "Title … 3" or "Title<tab>3". Read by hand and
 * not with one pattern such as /(?:\.{3,}|\t)\s*\d+$/, which takes seconds on a long row of dots.
 * Returns the title, or undefined when the line is not one.
 */
function contentsEntry(line: string): string | undefined {
  const page = /\d{1,4}$/.exec(line)
  if (!page) return undefined
  let end = page.index
  let tab = false
  while (end > 0 && /[ \t]/.test(line.charAt(end - 1))) {
    tab ||= line.charAt(end - 1) === '\t'
    end -= 1
  }
  let title = end
  while (title > 0 && /[.…]/.test(line.charAt(title - 1))) title -= 1
  const leader = line.slice(title, end)
  if (!tab && !leader.includes('…') && leader.length < 3) return undefined
  return line.slice(0, title).trim()
}

export function isTocLine(line: string): boolean {
  return contentsEntry(line) !== undefined
}

export function tocTitle(line: string): string {
  return (contentsEntry(line) ?? line).replace(/^(?:punkt|pkt\.?)\s*\d{1,4}\s*[:.)–-]?\s*/iu, '')
}

export interface AgendaHeader {
  kind?: ParsedAgenda['kind']
  council: string
  date?: string
  startTime?: string
  endTime?: string
  place?: string
  participants?: string
  absent?: string
  /**
   * True when the text has a DAGSORDEN/REFERAT line or two labelled fields: it looks like an agenda.
   * One is not enough, because a forwarded e-mail also starts with "Dato: ...".
   */
  recognised: boolean
}

function isPlainLine(line: string): boolean {
  return line !== '' && !FIELD_LINE.test(line) && !isTocLine(line) && !CONTENTS_HEADING.test(line) && !headingOf(line)
}

/** "DAGSORDEN Brugerrådet på Bostedet Egebo d. 14-01-2027" → "Brugerrådet på Bostedet Egebo". */
function councilIn(line: string, kindWord: string | undefined): string {
  let rest = kindWord ? line.replace(kindWord, ' ') : line
  const date = locateDanishDate(rest)
  if (date) rest = `${rest.slice(0, date.start).trimEnd().replace(WEEKDAY_OR_DEN, '')} ${rest.slice(date.end)}`
  return trimEdges(
    rest
      .replace(/(?:^|\s)(?:kl\.?|klokken)\s*\d{1,2}(?:[.:]\d{2})?/giu, ' ')
      .replace(/\s+/g, ' '),
  ).replace(/^for\s+(?:mødet\s+i\s+)?/iu, '')
}

/** Cuts separators such as " - " and " | " left at the ends once the kind word and date are gone. */
function trimEdges(text: string): string {
  const edge = (char: string) => ' -–|:,'.includes(char)
  let start = 0
  let end = text.length
  while (start < end && edge(text.charAt(start))) start += 1
  while (end > start && edge(text.charAt(end - 1))) end -= 1
  return text.slice(start, end)
}

function readFields(lines: string[]): Partial<Record<Field, string>> {
  const fields: Partial<Record<Field, string>> = {}
  lines.forEach((line, index) => {
    const match = FIELD_LINE.exec(line)
    const field = match ? LABELS[(match[1] ?? '').toLowerCase()] : undefined
    if (!match || !field || fields[field] !== undefined) return
    let value = (match[2] ?? '').replace(/\t/g, ' ').trim()
    if (value === '') {
      const next = lines.slice(index + 1).find((candidate) => candidate !== '')
      if (next !== undefined && isPlainLine(next)) value = next.replace(/\t/g, ' ')
    } else {
      // A long value the PDF wrapped: the lines right after it that go on in lower case.
      for (const next of lines.slice(index + 1)) {
        if (!/^\p{Ll}/u.test(next) || !isPlainLine(next)) break
        value = `${value} ${next.replace(/\t/g, ' ')}`
      }
    }
    if (value !== '') fields[field] = value
  })
  return fields
}

export function parseHeader(preamble: string[]): AgendaHeader {
  const lines = preamble.filter((line) => !isTocLine(line))
  const headerIndex = lines.findIndex((line) => kindWordOf(line) !== undefined)
  const headerLine = headerIndex >= 0 ? (lines[headerIndex] ?? '') : undefined
  const kindWord = headerLine !== undefined ? kindWordOf(headerLine) : undefined
  const fields = readFields(lines)

  let council = headerLine !== undefined ? councilIn(headerLine, kindWord) : ''
  if (council === '') {
    // The council may stand on the line after "DAGSORDEN", or alone at the top.
    const next = lines.slice(headerIndex + 1).find((line) => line !== '')
    if (next !== undefined && isPlainLine(next) && next.length <= 120) council = councilIn(next, undefined)
  }

  const headerYear = headerLine !== undefined ? Number(findDanishDate(headerLine)?.slice(0, 4)) || undefined : undefined
  const date =
    (fields.date !== undefined ? findDanishDate(fields.date, headerYear) : undefined) ??
    (headerLine !== undefined ? findDanishDate(headerLine) : undefined) ??
    lines.map((line) => findDanishDate(line, headerYear)).find((found) => found !== undefined)
  const startTime =
    (fields.date !== undefined ? findTime(fields.date, 'colon') : undefined) ??
    (fields.time !== undefined ? findTime(fields.time, 'start') : undefined) ??
    lines.map((line) => findTime(line)).find((found) => found !== undefined)

  const endTime =
    (fields.date !== undefined ? findEndTime(fields.date) : undefined) ??
    (fields.time !== undefined ? findEndTime(fields.time, 'start') : undefined) ??
    lines.map((line) => findEndTime(line)).find((found) => found !== undefined)

  const header: AgendaHeader = {
    council,
    recognised: kindWord !== undefined || Object.keys(fields).length >= 2,
  }
  if (kindWord !== undefined) header.kind = /^dagsorden$/i.test(kindWord) ? 'agenda' : 'minutes'
  if (date !== undefined) header.date = date
  if (startTime !== undefined) header.startTime = startTime
  if (startTime !== undefined && endTime !== undefined && endTime > startTime) header.endTime = endTime
  if (fields.place !== undefined) header.place = fields.place
  if (fields.participants !== undefined) header.participants = fields.participants
  if (fields.absent !== undefined) header.absent = fields.absent
  return header
}

export function hasContents(lines: string[]): boolean {
  return lines.some((line) => CONTENTS_HEADING.test(line) || isTocLine(line))
}
