/**
 * Danish dates and times as agenda systems and people write them: "torsdag den 14. januar 2027",
 * "d. 14. jan. 2027", "14-01-2027", "14.01.2027", "14/1-27", "2027-01-14"; "kl. 13.30", "kl 9",
 * "klokken 13:30". Results are ISO: YYYY-MM-DD and HH:MM. Impossible dates (31-02-2027) are not
 * dates.
 */

const MONTHS: Record<string, number> = {
  januar: 1, jan: 1,
  februar: 2, feb: 2,
  marts: 3, mar: 3,
  april: 4, apr: 4,
  maj: 5,
  juni: 6, jun: 6,
  juli: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, okt: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
}
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')

// Without lookbehind (old Safari), so each pattern starts at a non-digit or the start.
const ISO_DATE = /(?:^|\D)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g
// "14-01-2027", "14.01.2027", "14/01/27" and the Danish "14/1-2027".
const NUMERIC_DATE = /(?:^|[^\d.])(\d{1,2})(?:([-.])(\d{1,2})\2|\/(\d{1,2})[-/])(\d{4}|\d{2})(?![\d])/g
const TEXT_DATE = new RegExp(`(?:^|\\D)(\\d{1,2})\\.?\\s*(${MONTH_NAMES})\\.?(?![\\p{L}])(?:\\s+(\\d{4}))?`, 'giu')
const TIME_AFTER_KL = /(?:^|[^\p{L}])(?:kl\.?|klokken)\s*(\d{1,2})(?:[.:](\d{2}))?(?!\d)/iu
const BARE_TIME = /(?:^|\D)(\d{1,2}):(\d{2})(?!\d)/
const BARE_TIME_DOT = /^(\d{1,2})[.:](\d{2})(?!\d)/
// "kl. 13.30-15.30", "kl. 13.30 – kl. 15", "klokken 13 til 15"; `start` also "13.30-15.30" first on a line.
const RANGE_END = String.raw`\s*(?:-|–|—|til)\s*(?:kl\.?\s*|klokken\s*)?(\d{1,2})(?:[.:](\d{2}))?(?!\d)`
const TIME_RANGE_AFTER_KL = new RegExp(String.raw`(?:^|[^\p{L}])(?:kl\.?|klokken)\s*(\d{1,2})(?:[.:](\d{2}))?` + RANGE_END, 'iu')
const BARE_TIME_RANGE = new RegExp(String.raw`^(\d{1,2})[.:](\d{2})` + RANGE_END, 'u')

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return undefined
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days ? `${year}-${pad(month)}-${pad(day)}` : undefined
}

function fullYear(written: string): number {
  const year = Number(written)
  return written.length === 2 ? 2000 + year : year
}

export interface FoundDate {
  date: string
  /** Where the written date starts and ends in the text (to cut it out of a title line). */
  start: number
  end: number
}

function found(match: RegExpMatchArray, date: string | undefined): FoundDate[] {
  if (!date) return []
  const end = (match.index ?? 0) + match[0].length
  // The patterns may have eaten one character before the date; the day's digits start the date.
  const start = end - match[0].replace(/^\D*(?=\d)/u, '').length
  return [{ date, start, end }]
}

/**
 * The first valid date in `text`. A date without a year ("14. januar") takes `defaultYear` when one
 * is given (the year from the agenda's first line).
 */
export function locateDanishDate(text: string, defaultYear?: number): FoundDate | undefined {
  const dates = [
    ...[...text.matchAll(ISO_DATE)].flatMap((m) => found(m, isoDate(Number(m[1]), Number(m[2]), Number(m[3])))),
    ...[...text.matchAll(NUMERIC_DATE)].flatMap((m) =>
      found(m, isoDate(fullYear(m[5] ?? ''), Number(m[3] ?? m[4]), Number(m[1]))),
    ),
    ...[...text.matchAll(TEXT_DATE)].flatMap((m) => {
      const year = m[3] !== undefined ? Number(m[3]) : defaultYear
      const month = MONTHS[(m[2] ?? '').toLowerCase()]
      return found(m, year !== undefined && month !== undefined ? isoDate(year, month, Number(m[1])) : undefined)
    }),
  ]
  return dates.sort((a, b) => a.start - b.start)[0]
}

export function findDanishDate(text: string, defaultYear?: number): string | undefined {
  return locateDanishDate(text, defaultYear)?.date
}

function isoTime(hours: string | undefined, minutes: string | undefined): string | undefined {
  const h = Number(hours)
  const m = Number(minutes ?? '0')
  return h <= 23 && m <= 59 ? `${pad(h)}:${pad(m)}` : undefined
}

/**
 * The start time in `text`: "kl. 13.30" → "13:30". Where a line is known to hold the meeting time,
 * a time without "kl." counts too: `'colon'` finds "13:30" anywhere (on a date line, where "14.01"
 * would be a date), `'start'` takes "9.00" or "9:00" at the start (a "Tidspunkt" field).
 */
export function findTime(text: string, bare: 'no' | 'colon' | 'start' = 'no'): string | undefined {
  const kl = TIME_AFTER_KL.exec(text)
  if (kl) return isoTime(kl[1], kl[2])
  if (bare === 'no') return undefined
  const plain = (bare === 'start' ? BARE_TIME_DOT.exec(text) : null) ?? BARE_TIME.exec(text)
  return plain ? isoTime(plain[1], plain[2]) : undefined
}

/**
 * The end of a time range: "kl. 13.30-15.30" → "15:30". Only a range that starts with "kl." (or,
 * with `'start'`, a time first on the line, as in a "Tidspunkt" field) counts, because "14-01"
 * elsewhere is a date. An end that is not after the start is no end.
 */
export function findEndTime(text: string, bare: 'no' | 'start' = 'no'): string | undefined {
  const range = TIME_RANGE_AFTER_KL.exec(text) ?? (bare === 'start' ? BARE_TIME_RANGE.exec(text) : null)
  if (!range) return undefined
  const start = isoTime(range[1], range[2])
  const end = isoTime(range[3], range[4])
  return start !== undefined && end !== undefined && end > start ? end : undefined
}
