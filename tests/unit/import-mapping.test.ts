import { Ajv } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import type { ParsedAgenda } from '../../src/shared/meetings/agenda-import.js'
import { AgendaItemData, MeetingData } from '../../src/shared/meetings/entities.js'
import { draftFromParsed, draftProblems, itemsFromDraft, LIMITS, meetingFromDraft, type ImportDraft } from '../../src/shared/meetings/import-mapping.js'

// The server checks every pushed record with ajv and these schemas; a record that fails is
// refused, so the mapping is held to the same check.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv
const ajv = addFormats(new Ajv({ strict: false }))
const validMeeting = ajv.compile(MeetingData)
const validItem = ajv.compile(AgendaItemData)

const COUNCIL = '0190a5c4-0000-7000-8000-000000000001'
const MEETING = '0190a5c4-0000-7000-8000-000000000002'

const minutes: ParsedAgenda = {
  kind: 'minutes',
  council: 'Centerrådet for Længerevarende Boformer',
  date: '2026-11-03',
  startTime: '15:00',
  place: 'Mødelokale 2.14, Rådhuset',
  participants: 'Fiktiv formand, centerchef',
  absent: 'Én pårørenderepræsentant',
  items: [
    {
      number: 22,
      title: 'Orientering om nyt centerråd',
      caseNumber: '00.15.02-A21-2-26',
      closed: false,
      sections: [
        { kind: 'resume', heading: 'Resumé', text: 'Centret har fået et nyt centerråd.' },
        { kind: 'decision', heading: 'Beslutning', text: '1. Taget til efterretning.' },
      ],
      attachments: ['Kommissorium for centerrådet', 'Oversigt over medlemmer'],
    },
    { number: 24, title: 'Klagesag', caseNumber: '00.05.10-G01-1-26', closed: true, sections: [], attachments: [] },
  ],
}

function draft(changes: Partial<ImportDraft> = {}): ImportDraft {
  return { ...draftFromParsed(minutes, 'Møde i centerrådet'), ...changes }
}

describe('draftFromParsed', () => {
  it('fills every field the preview shows, with empty text where the agenda says nothing', () => {
    const agenda = draftFromParsed({ kind: 'agenda', council: 'Rådet', date: '2027-01-14', items: [{ number: 1, title: 'A', closed: false, sections: [], attachments: [] }] }, 'Møde')
    expect(agenda).toEqual({
      kind: 'agenda',
      council: 'Rådet',
      title: 'Møde',
      date: '2027-01-14',
      startTime: '',
      endTime: '',
      place: '',
      participants: '',
      absent: '',
      items: [{ number: 1, title: 'A', caseNumber: '', closed: false, sections: [], attachments: [] }],
    })
  })

  it('shows times the Danish way, as every time field does: 13.30', () => {
    expect(draftFromParsed({ ...minutes, startTime: '09:05', endTime: '15:30' }, 'Møde')).toMatchObject({ startTime: '09.05', endTime: '15.30' })
  })

  it('copies the parsed items, so editing the preview leaves the parse result alone', () => {
    const edited = draft()
    edited.items[0]!.sections[0]!.text = 'Ændret'
    edited.items[0]!.attachments.push('Nyt bilag')
    expect(minutes.items[0]!.sections[0]!.text).toBe('Centret har fået et nyt centerråd.')
    expect(minutes.items[0]!.attachments).toHaveLength(2)
  })
})

describe('draftProblems', () => {
  it('finds nothing wrong with a draft made from a parsed text', () => {
    expect(draftProblems(draft())).toEqual([])
  })

  it('names each field the secretary must fix, in the order they appear', () => {
    const broken = draft({ title: '  ', date: '2026-02-30', startTime: '25:00', place: 'x'.repeat(201) })
    broken.items[1]!.title = ''
    broken.items[1]!.caseNumber = '1'.repeat(101)
    expect(draftProblems(broken)).toEqual([
      { field: 'title', code: 'missing' },
      { field: 'date', code: 'invalid' },
      { field: 'startTime', code: 'invalid' },
      { field: 'place', code: 'too_long', max: 200 },
      { field: 'itemTitle', code: 'missing', index: 1 },
      { field: 'caseNumber', code: 'too_long', max: 100, index: 1 },
    ])
  })

  it('tells a missing date from a wrong one, and accepts a missing start time', () => {
    expect(draftProblems(draft({ date: '', startTime: '' }))).toEqual([{ field: 'date', code: 'missing' }])
    expect(draftProblems(draft({ date: '14-01-2027' }))).toEqual([{ field: 'date', code: 'invalid' }])
    expect(draftProblems(draft({ date: '2028-02-29', startTime: '09:05' }))).toEqual([])
  })

  it('refuses a date the server refuses, such as a year typed as 3000 or 0201, before it is saved', () => {
    expect(draftProblems(draft({ date: '3000-01-14' }))).toEqual([{ field: 'date', code: 'out_of_range' }])
    expect(draftProblems(draft({ date: '0201-01-14' }))).toEqual([{ field: 'date', code: 'out_of_range' }])
  })

  it('takes times as people type them, and an end time only after the start', () => {
    expect(draftProblems(draft({ startTime: '13.30', endTime: 'kl. 15' }))).toEqual([])
    expect(draftProblems(draft({ startTime: '', endTime: '15.00' }))).toEqual([])
    expect(draftProblems(draft({ startTime: '13.30', endTime: 'halv fire' }))).toEqual([{ field: 'endTime', code: 'invalid' }])
    expect(draftProblems(draft({ startTime: '13.30', endTime: '13.30' }))).toEqual([{ field: 'endTime', code: 'before_start' }])
    expect(draftProblems(draft({ startTime: '13.30', endTime: '9.00' }))).toEqual([{ field: 'endTime', code: 'before_start' }])
  })

  it('holds titles and texts to the limits the server checks', () => {
    const long = draft({ title: 'x'.repeat(201), participants: 'x'.repeat(2001), absent: 'x'.repeat(2001) })
    long.items[0]!.title = 'x'.repeat(301)
    expect(draftProblems(long).map((p) => [p.field, p.code])).toEqual([
      ['title', 'too_long'],
      ['participants', 'too_long'],
      ['absent', 'too_long'],
      ['itemTitle', 'too_long'],
    ])
  })
})

describe('meetingFromDraft and itemsFromDraft', () => {
  it('makes one unpublished meeting from the header, trimmed, that the server accepts', () => {
    const meeting = meetingFromDraft(draft({ title: ' Møde i centerrådet ', place: ' Rådhuset ' }), COUNCIL)
    expect(meeting).toEqual({
      councilId: COUNCIL,
      title: 'Møde i centerrådet',
      date: '2026-11-03',
      startTime: '15:00',
      endTime: null,
      place: 'Rådhuset',
      placePhoto: null,
      participants: 'Fiktiv formand, centerchef',
      absent: 'Én pårørenderepræsentant',
      published: false,
      minutesPublished: false,
    })
    expect(validMeeting(meeting), JSON.stringify(validMeeting.errors)).toBe(true)
    expect(meetingFromDraft(draft({ startTime: '' }), COUNCIL).startTime).toBeNull()
    expect(meetingFromDraft(draft({ startTime: '13.30', endTime: '15' }), COUNCIL)).toMatchObject({ startTime: '13:30', endTime: '15:00' })
  })

  it('makes the items in order with positions 1..n, the full text as parsed and the easy-read fields empty', () => {
    const edited = draft()
    edited.items[0]!.title = 'Nyt centerråd '
    const items = itemsFromDraft(edited, COUNCIL, MEETING)
    expect(items.map((i) => [i.position, i.title, i.closed, i.caseNumber])).toEqual([
      [1, 'Nyt centerråd', false, '00.15.02-A21-2-26'],
      [2, 'Klagesag', true, '00.05.10-G01-1-26'],
    ])
    expect(items[0]).toMatchObject({
      councilId: COUNCIL,
      meetingId: MEETING,
      easyTitle: '',
      easyText: '',
      easyDecision: '',
      question: '',
      decision: null,
      pictogram: null,
      sections: minutes.items[0]!.sections,
      attachments: ['Kommissorium for centerrådet', 'Oversigt over medlemmer'],
    })
    for (const item of items) expect(validItem(item), JSON.stringify(validItem.errors)).toBe(true)
  })

  it('fits very long texts into the limits without losing a section', () => {
    const huge = draft()
    huge.items[0]!.sections = Array.from({ length: 25 }, (_, i) => ({ kind: 'other' as const, heading: `Afsnit ${i + 1}`, text: `Tekst ${i + 1}` }))
    huge.items[0]!.sections[0]!.text = 'y'.repeat(60_000)
    huge.items[0]!.attachments = Array.from({ length: 55 }, (_, i) => `Bilag ${i + 1} ${'z'.repeat(i === 0 ? 400 : 0)}`.trim())
    const [item] = itemsFromDraft(huge, COUNCIL, MEETING)
    expect(validItem(item), JSON.stringify(validItem.errors)).toBe(true)
    expect(item!.sections).toHaveLength(LIMITS.sections)
    expect(item!.sections[0]!.text).toHaveLength(LIMITS.sectionText)
    expect(item!.sections[19]!.text).toContain('Afsnit 20\n\nTekst 20')
    expect(item!.sections[19]!.text).toContain('Afsnit 25\n\nTekst 25')
    expect(item!.attachments).toHaveLength(LIMITS.attachments)
    expect(item!.attachments[0]!.endsWith('…')).toBe(true)
    expect(item!.attachments[49]).toBe('Bilag 50; Bilag 51; Bilag 52; Bilag 53; Bilag 54; Bilag 55')
  })
})
