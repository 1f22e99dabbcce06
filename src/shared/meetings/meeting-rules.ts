import { parseClock } from './clock.js'
import { MeetingData } from './entities.js'

/**
 * When a meeting is held, checked the same way by every form that writes a meeting (Nyt møde /
 * Ret møde and the agenda import's check step) before anything is saved. A meeting saved on the
 * device that the server then refuses is lost work, and an imported meeting takes all its items
 * with it, so the forms must refuse exactly what the server refuses. Pure, so it runs in the
 * browser and in unit tests alike.
 */

// The date rule is read from the schema the server validates with (MeetingData.date), not
// copied, so the forms follow when the schema changes.
const DATE_PATTERN = new RegExp((MeetingData.properties.date as unknown as { pattern: string }).pattern)

/** Is this "YYYY-MM-DD" a day that exists (format "date" on the server: no 30 February)? */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // Not Date.UTC: it reads years 0–99 as 1900–1999, and year 0050 must be a date that is out of range.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

let years: { first: number; last: number } | undefined

/**
 * The first and last year the schema's date pattern accepts, for a message a person can act on
 * ("between 1900 and 2199"). Found by asking the pattern itself, once, rather than by keeping
 * the numbers twice.
 */
export function meetingYears(): { first: number; last: number } {
  if (!years) {
    const accepted: number[] = []
    for (let year = 0; year <= 9999; year++) if (DATE_PATTERN.test(`${String(year).padStart(4, '0')}-01-01`)) accepted.push(year)
    years = { first: accepted[0]!, last: accepted[accepted.length - 1]! }
  }
  return years
}

export type MeetingTimingField = 'date' | 'startTime' | 'endTime'
export type MeetingTimingCode = 'missing' | 'invalid' | 'out_of_range' | 'before_start'

export interface MeetingTimingProblem {
  field: MeetingTimingField
  code: MeetingTimingCode
}

/** Why the server would refuse this meeting date, or null when it accepts it. */
export function meetingDateProblem(date: string): 'missing' | 'invalid' | 'out_of_range' | null {
  if (!date.trim()) return 'missing'
  if (!isCalendarDate(date)) return 'invalid'
  if (!DATE_PATTERN.test(date)) return 'out_of_range'
  return null
}

/**
 * An end at or before the start ("14.00 til 13.00") is a typing mistake: a council meeting does
 * not run past midnight. Either time may be missing; then there is nothing to compare.
 */
export function endsBeforeStart(start: string | null, end: string | null): boolean {
  return start !== null && end !== null && end <= start
}

/**
 * The date and times as typed in the form (times the Danish way, "13.30"), with what must be
 * fixed before saving, in the order the fields appear. Both times may be left empty.
 */
export function meetingTimingProblems(typed: { date: string; startTime: string; endTime: string }): MeetingTimingProblem[] {
  const problems: MeetingTimingProblem[] = []
  const date = meetingDateProblem(typed.date)
  if (date) problems.push({ field: 'date', code: date })
  const start = parseClock(typed.startTime)
  const end = parseClock(typed.endTime)
  if (typed.startTime.trim() && !start) problems.push({ field: 'startTime', code: 'invalid' })
  if (typed.endTime.trim() && !end) problems.push({ field: 'endTime', code: 'invalid' })
  else if (endsBeforeStart(start, end)) problems.push({ field: 'endTime', code: 'before_start' })
  return problems
}
