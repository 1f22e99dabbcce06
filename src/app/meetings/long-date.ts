/**
 * The parts of "Torsdag 3. december 2026" for a date stored as YYYY-MM-DD, with the day and
 * month names from the locale files ("when.weekdays", "when.months", space-separated).
 * Not Intl.DateTimeFormat: the first one a page makes loads the locale's calendar data, which
 * took 77 ms of the main thread on a phone-speed CPU (4× slowdown) in the first render of the
 * start and meeting pages.
 */
export function longDateParts(iso: string, weekdays: string, months: string): { weekday: string; day: number; month: string; year: number } {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  // UTC noon: the weekday of a calendar date, whatever the device's time zone.
  const weekdayIndex = new Date(Date.UTC(year, month - 1, day, 12)).getUTCDay()
  const weekday = weekdays.split(' ')[weekdayIndex] ?? ''
  return { weekday: weekday.charAt(0).toUpperCase() + weekday.slice(1), day, month: months.split(' ')[month - 1] ?? '', year }
}
