/**
 * iCalendar (RFC 5545) for meetings: one meeting as a file to add to a calendar, or a council's
 * meetings as a feed to subscribe to. Times are local Danish time (TZID Europe/Copenhagen with
 * its rules), so a meeting at 13.30 stays at 13.30 in every calendar, also across summer time.
 */
export interface CalendarMeeting {
  id: string
  title: string
  date: string /* YYYY-MM-DD */
  startTime: string | null /* HH:MM */
  endTime: string | null
  place: string
  description: string
  url: string
}

/**
 * A meeting as a calendar event, the same in the file the app makes on the device, the one the
 * server hands out before that, and the council's feed: the council is the description, and the
 * event links back to the meeting's page.
 */
export function calendarMeeting(
  id: string,
  meeting: { title: string; date: string; startTime: string | null; endTime: string | null; place: string },
  councilName: string,
  origin: string,
): CalendarMeeting {
  const { title, date, startTime, endTime, place } = meeting
  return { id, title, date, startTime, endTime, place, description: councilName, url: `${origin}/moeder/${id}` }
}

const TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder()
  const parts: string[] = []
  let current = ''
  let size = 0
  for (const char of line) {
    const bytes = encoder.encode(char).length
    const limit = parts.length === 0 ? 75 : 74
    if (size + bytes > limit) {
      parts.push(current)
      current = ''
      size = 0
    }
    current += char
    size += bytes
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const compactDate = (date: string) => date.replaceAll('-', '')
const compactTime = (time: string) => `${time.replace(':', '')}00`

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

function addHours(time: string, hours: number): string {
  const [h, m] = time.split(':').map(Number) as [number, number]
  return `${String(Math.min(23, h + hours)).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}

function event(meeting: CalendarMeeting, stamp: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${meeting.id}@brugerstemme`, `DTSTAMP:${stamp}`]
  if (meeting.startTime) {
    // A meeting without an end time is shown as two hours long, the usual council meeting.
    const end = meeting.endTime && meeting.endTime > meeting.startTime ? meeting.endTime : addHours(meeting.startTime, 2)
    lines.push(
      `DTSTART;TZID=Europe/Copenhagen:${compactDate(meeting.date)}T${compactTime(meeting.startTime)}`,
      `DTEND;TZID=Europe/Copenhagen:${compactDate(meeting.date)}T${compactTime(end)}`,
    )
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(meeting.date)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(meeting.date))}`)
  }
  lines.push(`SUMMARY:${escapeText(meeting.title)}`)
  if (meeting.place) lines.push(`LOCATION:${escapeText(meeting.place)}`)
  if (meeting.description) lines.push(`DESCRIPTION:${escapeText(meeting.description)}`)
  lines.push(`URL:${meeting.url}`, ...reminder(meeting), 'END:VEVENT')
  return lines
}

/**
 * A reminder the day before (RFC 5545 3.6.6): people forget a meeting that is only in the
 * calendar. A timed meeting is recalled at the same time the day before; a whole-day one at
 * 9.00 the day before (15 hours before its midnight start), not in the middle of the night.
 */
function reminder(meeting: CalendarMeeting): string[] {
  return [
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(`I morgen: ${meeting.title}`)}`,
    meeting.startTime ? 'TRIGGER:-P1D' : 'TRIGGER:-PT15H',
    'END:VALARM',
  ]
}

export function meetingsToIcs(meetings: CalendarMeeting[], calendarName: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Brugerstemme//Moeder//DA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    'X-WR-TIMEZONE:Europe/Copenhagen',
    ...TIMEZONE,
    ...meetings.flatMap((m) => event(m, stamp)),
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
