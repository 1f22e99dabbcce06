import type { ParsedAgenda, ParsedAgendaSection } from './agenda-import.js'
import { clockText, parseClock } from './clock.js'
import { emptyAgendaItem, type AgendaItemData, type MeetingData } from './entities.js'
import { meetingTimingProblems, type MeetingTimingCode } from './meeting-rules.js'

/**
 * From an imported agenda text to the records that are saved: the secretary's editable draft
 * (what the preview shows), the checks on what they can edit, and the Meeting and AgendaItems.
 * Pure, so the rules are tested without a browser.
 *
 * The limits mirror MeetingData and AgendaItemData: the server refuses a record that breaks
 * them, and a refused item would quietly go missing from the meeting.
 */
export const LIMITS = {
  meetingTitle: 200,
  place: 200,
  participants: 2000,
  itemTitle: 300,
  caseNumber: 100,
  sections: 20,
  sectionHeading: 200,
  sectionText: 50_000,
  attachments: 50,
  attachment: 300,
} as const

export interface ImportDraftItem {
  number: number
  title: string
  caseNumber: string
  closed: boolean
  sections: ParsedAgendaSection[]
  attachments: string[]
}

export interface ImportDraft {
  kind: ParsedAgenda['kind']
  /** The council's name as the text gives it; shown, never saved. */
  council: string
  title: string
  date: string
  /** As the field shows it: "13.30" (clockText). Any time parseClock reads is accepted. */
  startTime: string
  endTime: string
  place: string
  participants: string
  absent: string
  items: ImportDraftItem[]
}

export function draftFromParsed(parsed: ParsedAgenda, title: string): ImportDraft {
  return {
    kind: parsed.kind,
    council: parsed.council,
    title,
    date: parsed.date,
    startTime: clockText(parsed.startTime),
    endTime: clockText(parsed.endTime),
    place: parsed.place ?? '',
    participants: parsed.participants ?? '',
    absent: parsed.absent ?? '',
    items: parsed.items.map((item) => ({
      number: item.number,
      title: item.title,
      caseNumber: item.caseNumber ?? '',
      closed: item.closed,
      sections: item.sections.map((section) => ({ ...section })),
      attachments: [...item.attachments],
    })),
  }
}

export type ImportField = 'title' | 'date' | 'startTime' | 'endTime' | 'place' | 'participants' | 'absent' | 'itemTitle' | 'caseNumber'

export interface ImportProblem {
  field: ImportField
  code: MeetingTimingCode | 'too_long'
  /** Index in draft.items, for the item fields. */
  index?: number
  max?: number
}

/** What the secretary must fix before saving, in the order the fields appear. */
export function draftProblems(draft: ImportDraft): ImportProblem[] {
  const problems: ImportProblem[] = []
  const tooLong = (field: ImportField, value: string, max: number, index?: number) => {
    if (value.trim().length > max) problems.push({ field, code: 'too_long', max, ...(index === undefined ? {} : { index }) })
  }
  if (!draft.title.trim()) problems.push({ field: 'title', code: 'missing' })
  tooLong('title', draft.title, LIMITS.meetingTitle)
  // The same rule as the Nyt møde form: a date or time the server refuses would lose the import.
  problems.push(...meetingTimingProblems(draft))
  tooLong('place', draft.place, LIMITS.place)
  tooLong('participants', draft.participants, LIMITS.participants)
  tooLong('absent', draft.absent, LIMITS.participants)
  draft.items.forEach((item, index) => {
    if (!item.title.trim()) problems.push({ field: 'itemTitle', code: 'missing', index })
    tooLong('itemTitle', item.title, LIMITS.itemTitle, index)
    tooLong('caseNumber', item.caseNumber, LIMITS.caseNumber, index)
  })
  return problems
}

export function meetingFromDraft(draft: ImportDraft, councilId: string): MeetingData {
  return {
    councilId,
    title: draft.title.trim(),
    date: draft.date,
    startTime: parseClock(draft.startTime),
    endTime: parseClock(draft.endTime),
    place: draft.place.trim(),
    placePhoto: null,
    participants: draft.participants.trim(),
    absent: draft.absent.trim(),
    // Always a draft: the secretary writes the easy-read texts and publishes from the editor.
    published: false,
    minutesPublished: false,
  }
}

/**
 * The items in the text's order, positions 1..n. The full text (a decision in minutes too) goes
 * into sections as parsed; the easy-read fields and the decision symbol stay empty for the
 * secretary, because they are a person's judgement, not something to read off the text.
 */
export function itemsFromDraft(draft: ImportDraft, councilId: string, meetingId: string): AgendaItemData[] {
  return draft.items.map((item, index): AgendaItemData => ({
    ...emptyAgendaItem(councilId, meetingId, index + 1),
    title: item.title.trim(),
    caseNumber: item.caseNumber.trim(),
    closed: item.closed,
    sections: fittedSections(item.sections),
    attachments: fittedAttachments(item.attachments),
  }))
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Sections past the limit are joined into the last one, headings kept, so no text is lost. */
function fittedSections(sections: ParsedAgendaSection[]): ParsedAgendaSection[] {
  const fitted = sections.map((s) => ({ kind: s.kind, heading: clip(s.heading, LIMITS.sectionHeading), text: s.text }))
  if (fitted.length > LIMITS.sections) {
    const rest = fitted.splice(LIMITS.sections - 1)
    fitted.push({ kind: 'other', heading: '', text: rest.map((s) => (s.heading ? `${s.heading}\n\n${s.text}` : s.text)).join('\n\n') })
  }
  return fitted.map((s) => ({ ...s, text: clip(s.text, LIMITS.sectionText) }))
}

function fittedAttachments(attachments: string[]): string[] {
  const fitted = [...attachments]
  if (fitted.length > LIMITS.attachments) fitted.splice(LIMITS.attachments - 1, Infinity, fitted.slice(LIMITS.attachments - 1).join('; '))
  return fitted.map((title) => clip(title, LIMITS.attachment))
}
