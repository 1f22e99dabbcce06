import { Ajv } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { MeetingData } from '../../src/shared/meetings/entities.js'
import { endsBeforeStart, isCalendarDate, meetingDateProblem, meetingTimingProblems, meetingYears } from '../../src/shared/meetings/meeting-rules.js'

// The server checks every pushed meeting with ajv and MeetingData; the forms' rule must refuse
// exactly the dates it refuses, or a meeting saved on the device is lost on the way.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv
const validMeeting = addFormats(new Ajv({ strict: false })).compile(MeetingData)
const meeting = (date: string) => ({
  councilId: '0190a5c4-0000-7000-8000-000000000001',
  title: 'Møde',
  date,
  startTime: null,
  endTime: null,
  place: '',
  placePhoto: null,
  participants: '',
  absent: '',
  published: false,
  minutesPublished: false,
})

describe('meetingDateProblem', () => {
  it('accepts exactly the dates the server accepts', () => {
    const dates = [
      '2027-01-14',
      '2028-02-29',
      '2027-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '1899-12-31',
      '1900-01-01',
      '2199-12-31',
      '2200-01-01',
      '3000-01-14',
      '0201-05-01',
      '0050-05-01',
      '0000-01-01',
      '9999-12-31',
      '14-01-2027',
      '2027-1-14',
      '+002027-01-14',
    ]
    for (const date of dates) expect(meetingDateProblem(date) === null, date).toBe(validMeeting(meeting(date)))
  })

  it('tells a missing date, a day that does not exist and a year out of range apart', () => {
    expect(meetingDateProblem('')).toBe('missing')
    expect(meetingDateProblem('  ')).toBe('missing')
    expect(meetingDateProblem('2026-02-30')).toBe('invalid')
    expect(meetingDateProblem('14-01-2027')).toBe('invalid')
    expect(meetingDateProblem('3000-01-14')).toBe('out_of_range')
    expect(meetingDateProblem('0201-01-14')).toBe('out_of_range')
    expect(meetingDateProblem('2027-01-14')).toBeNull()
  })

  it('names the years the schema allows, read from the schema itself', () => {
    const { first, last } = meetingYears()
    expect(validMeeting(meeting(`${first}-01-01`))).toBe(true)
    expect(validMeeting(meeting(`${last}-12-31`))).toBe(true)
    expect(validMeeting(meeting(`${String(first - 1).padStart(4, '0')}-12-31`))).toBe(false)
    expect(validMeeting(meeting(`${last + 1}-01-01`))).toBe(false)
    expect({ first, last }).toEqual({ first: 1900, last: 2199 })
  })
})

describe('isCalendarDate', () => {
  it('knows leap years, also for years below 100', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(isCalendarDate('2100-02-29')).toBe(false)
    expect(isCalendarDate('0050-05-01')).toBe(true)
    expect(isCalendarDate('0004-02-29')).toBe(true)
    expect(isCalendarDate('0001-02-29')).toBe(false)
  })
})

describe('endsBeforeStart', () => {
  it('is true only when both times are there and the end is not after the start', () => {
    expect(endsBeforeStart('14:00', '13:00')).toBe(true)
    expect(endsBeforeStart('13:30', '13:30')).toBe(true)
    expect(endsBeforeStart('09:00', '10:00')).toBe(false)
    expect(endsBeforeStart('09:30', '10:00')).toBe(false)
    expect(endsBeforeStart(null, '13:00')).toBe(false)
    expect(endsBeforeStart('13:00', null)).toBe(false)
  })
})

describe('meetingTimingProblems', () => {
  const typed = (changes: Partial<{ date: string; startTime: string; endTime: string }>) => ({ date: '2027-01-14', startTime: '', endTime: '', ...changes })

  it('finds nothing wrong with a date and no times, or times in order as people type them', () => {
    expect(meetingTimingProblems(typed({}))).toEqual([])
    expect(meetingTimingProblems(typed({ startTime: '9.30', endTime: 'kl. 11' }))).toEqual([])
    expect(meetingTimingProblems(typed({ endTime: '15.00' }))).toEqual([])
  })

  it('refuses an end before the start, as typed: Starter 14.00, Slutter 13.00', () => {
    expect(meetingTimingProblems(typed({ startTime: '14.00', endTime: '13.00' }))).toEqual([{ field: 'endTime', code: 'before_start' }])
    expect(meetingTimingProblems(typed({ startTime: '13.30', endTime: '1330' }))).toEqual([{ field: 'endTime', code: 'before_start' }])
  })

  it('names each field in the order they appear, and a time that cannot be read before its order', () => {
    expect(meetingTimingProblems({ date: '3000-01-14', startTime: '25', endTime: 'halv fire' })).toEqual([
      { field: 'date', code: 'out_of_range' },
      { field: 'startTime', code: 'invalid' },
      { field: 'endTime', code: 'invalid' },
    ])
  })
})
