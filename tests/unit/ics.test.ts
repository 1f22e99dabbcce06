import { describe, expect, it } from 'vitest'
import { escapeText, foldLine, meetingsToIcs, type CalendarMeeting } from '../../src/shared/meetings/ics'

const meeting: CalendarMeeting = {
  id: '01a209e1-b675-7358-857c-771352c52839',
  title: 'Møde i brugerrådet',
  date: '2027-01-14',
  startTime: '13:30',
  endTime: '15:00',
  place: 'Fælleshuset, Solbakken 2',
  description: 'Vi taler om maden; og om ture.',
  url: 'https://brugerstemme.example/moeder/01a209e1',
}

const unfold = (ics: string) => ics.replace(/\r\n /g, '')

describe('meetings as iCalendar', () => {
  it('is a valid calendar with local Danish times, CRLF line ends and one event per meeting', () => {
    const ics = meetingsToIcs([meeting], 'Brugerrådet', new Date('2026-11-23T10:00:00Z'))
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true)
    const text = unfold(ics)
    expect(text).toContain('DTSTART;TZID=Europe/Copenhagen:20270114T133000')
    expect(text).toContain('DTEND;TZID=Europe/Copenhagen:20270114T150000')
    expect(text).toContain('TZID:Europe/Copenhagen')
    expect(text).toContain('UID:01a209e1-b675-7358-857c-771352c52839@brugerstemme')
    expect(text).toContain('DTSTAMP:20261123T100000Z')
    expect(text).toContain('LOCATION:Fælleshuset\\, Solbakken 2')
    expect(text).toContain('DESCRIPTION:Vi taler om maden\\; og om ture.')
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1)
  })

  it('a meeting without a time is a whole-day event; without an end it lasts two hours', () => {
    const allDay = unfold(meetingsToIcs([{ ...meeting, startTime: null, endTime: null }], 'R'))
    expect(allDay).toContain('DTSTART;VALUE=DATE:20270114')
    expect(allDay).toContain('DTEND;VALUE=DATE:20270115')
    const noEnd = unfold(meetingsToIcs([{ ...meeting, endTime: null }], 'R'))
    expect(noEnd).toContain('DTEND;TZID=Europe/Copenhagen:20270114T153000')
  })

  it('escapes text and folds long lines at 75 octets without splitting a letter', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne')
    const line = `SUMMARY:${'æ'.repeat(60)}`
    const folded = foldLine(line)
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, '')).toBe(line)
  })

  it('reminds the day before: at the same time for a timed meeting, at 9.00 for a whole-day one', () => {
    const timed = unfold(meetingsToIcs([meeting], 'R'))
    const alarm = /BEGIN:VALARM\r\n([\s\S]*?)\r\nEND:VALARM/.exec(timed)
    expect(alarm?.[1]?.split('\r\n')).toEqual(['ACTION:DISPLAY', 'DESCRIPTION:I morgen: Møde i brugerrådet', 'TRIGGER:-P1D'])
    // Inside the event, so every calendar ties it to this meeting.
    expect(timed.indexOf('BEGIN:VALARM')).toBeGreaterThan(timed.indexOf('BEGIN:VEVENT'))
    expect(timed.indexOf('END:VALARM')).toBeLessThan(timed.indexOf('END:VEVENT'))
    const allDay = unfold(meetingsToIcs([{ ...meeting, startTime: null, endTime: null }], 'R'))
    expect(allDay).toContain('TRIGGER:-PT15H')
    expect(allDay).not.toContain('TRIGGER:-P1D')
    const two = unfold(meetingsToIcs([meeting, { ...meeting, id: 'other', title: 'Ekstra, møde' }], 'R'))
    expect(two.match(/BEGIN:VALARM/g)).toHaveLength(2)
    expect(two).toContain('DESCRIPTION:I morgen: Ekstra\\, møde')
  })
})
