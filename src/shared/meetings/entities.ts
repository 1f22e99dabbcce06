import { Type, type Static } from 'typebox'
import { councilScope } from '../accounts/entities.js'
import { IsoDate, Uuid } from '../accounts/model.js'
import { AudioRef, ImageRef } from '../sync/media.js'
import { defineSyncEntity } from '../sync/entity.js'
import { AGENDA_ITEM_ENTITY, MEETING_ENTITY } from './names.js'

/**
 * Meetings and their agenda items, written by a council's staff on their own devices (also
 * offline) and read by everyone the council's policy allows. Both live in the council's scope.
 */
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM' })
const ShortText = (max: number) => Type.String({ maxLength: max })

export const MeetingData = Type.Object(
  {
    councilId: Uuid,
    title: ShortText(200),
    date: IsoDate,
    startTime: Type.Union([Time, Type.Null()]),
    endTime: Type.Union([Time, Type.Null()]),
    place: ShortText(200),
    placePhoto: Type.Union([ImageRef, Type.Null()]),
    participants: ShortText(2000),
    absent: ShortText(2000),
    /** Unpublished meetings are drafts: only the council's staff see them. */
    published: Type.Boolean(),
    /** Minutes are published after the meeting; until then it shows as an agenda. */
    minutesPublished: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type MeetingData = Static<typeof MeetingData>

export const Meeting = defineSyncEntity<MeetingData>({
  name: MEETING_ENTITY,
  schema: MeetingData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
})

export const SECTION_KINDS = ['resume', 'recommendation', 'decision', 'description', 'economy', 'process', 'other'] as const
export const DECISION_KINDS = ['decided', 'discussed', 'postponed', 'information'] as const
export type DecisionKind = (typeof DECISION_KINDS)[number]

export const AgendaSection = Type.Object(
  { kind: Type.Enum(SECTION_KINDS), heading: ShortText(200), text: ShortText(50_000) },
  { additionalProperties: false },
)
export type AgendaSection = Static<typeof AgendaSection>

export const AgendaItemData = Type.Object(
  {
    councilId: Uuid,
    meetingId: Uuid,
    /** Ordering key; reordering moves one item between two others without touching the rest. */
    position: Type.Number(),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    caseNumber: ShortText(100),
    easyTitle: ShortText(120),
    /** One to three short sentences in easy-read Danish. */
    easyText: ShortText(1000),
    pictogram: Type.Union([Type.String({ pattern: '^[a-z0-9-]{1,64}$' }), Type.Null()]),
    photo: Type.Union([ImageRef, Type.Null()]),
    /** Staff's own read-aloud, recorded on the device. */
    audio: Type.Union([AudioRef, Type.Null()]),
    expectedMinutes: Type.Union([Type.Integer({ minimum: 1, maximum: 600 }), Type.Null()]),
    /** Something to think about before the meeting ("Hvad synes du om maden?"). */
    question: ShortText(300),
    /** Visible to the council's members and staff only; whether anyone sees it follows the meeting. */
    closed: Type.Boolean(),
    sections: Type.Array(AgendaSection, { maxItems: 20 }),
    attachments: Type.Array(ShortText(300), { maxItems: 50 }),
    decision: Type.Union([Type.Enum(DECISION_KINDS), Type.Null()]),
    easyDecision: ShortText(1000),
  },
  { additionalProperties: false },
)
export type AgendaItemData = Static<typeof AgendaItemData>

/** A new agenda item with nothing filled in yet: what the editor starts from. */
export function emptyAgendaItem(councilId: string, meetingId: string, position: number): AgendaItemData {
  return {
    councilId,
    meetingId,
    position,
    title: '',
    caseNumber: '',
    easyTitle: '',
    easyText: '',
    pictogram: null,
    photo: null,
    audio: null,
    expectedMinutes: null,
    question: '',
    closed: false,
    sections: [],
    attachments: [],
    decision: null,
    easyDecision: '',
  }
}

/**
 * A closed item as anyone but the council's members and staff receives it: that there is an item
 * at this place on the agenda, and nothing of what it is about. Public agendas list closed items
 * as "Lukket punkt" with their number, so the public page, the handout and the meeting itself
 * number the agenda alike. The empty title (a real item always has one) is what marks it.
 */
export function withheldItem(item: AgendaItemData): AgendaItemData {
  return { ...emptyAgendaItem(item.councilId, item.meetingId, item.position), closed: true }
}

/** Whether this device holds only the place of a closed item, not the item (see withheldItem). */
export function isWithheld(item: AgendaItemData): boolean {
  return item.closed && item.title === ''
}

export const AgendaItem = defineSyncEntity<AgendaItemData>({
  name: AGENDA_ITEM_ENTITY,
  schema: AgendaItemData,
  scopeOf: (data) => councilScope(data.councilId),
  // The easy-read texts are a secretary's own careful words: two secretaries editing the same
  // text offline must both keep theirs rather than one silently winning.
  protectedFields: ['easyTitle', 'easyText', 'easyDecision', 'question'],
})
