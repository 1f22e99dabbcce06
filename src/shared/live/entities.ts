import { Type, type Static } from 'typebox'
import { councilScope } from '../accounts/entities.js'
import { IsoDateTime, Uuid } from '../accounts/model.js'
import { defineSyncCommand, defineSyncEntity } from '../sync/entity.js'

/**
 * A meeting while it is held: where it is (live state), the signal cards members hold up, quick
 * show-of-hands questions and their answers, and who is present. The records are written by the
 * server only, from commands a device sends through its outbox, because every rule here needs
 * more than one record to decide (the newest move wins, one answer per person, counts).
 * Presence is the exception: the chair's own list, written like any staff record.
 */

export const LIVE_STATUSES = ['not-started', 'running', 'break', 'ended'] as const
export type LiveStatus = (typeof LIVE_STATUSES)[number]

/** A hybrid logical clock stamp (see hlc.ts): compared as a string, newest is largest. */
export const Hlc = Type.String({ pattern: '^[0-9]{15}:[0-9]{5}:[0-9a-z-]{1,40}$' })

/** The agenda as everyone may know it: order and which items are closed, nothing more. */
export const LiveAgendaEntry = Type.Object({ id: Uuid, closed: Type.Boolean() }, { additionalProperties: false })
export type LiveAgendaEntry = Static<typeof LiveAgendaEntry>

export const LiveStateData = Type.Object(
  {
    councilId: Uuid,
    meetingId: Uuid,
    status: Type.Enum(LIVE_STATUSES),
    currentItemId: Type.Union([Uuid, Type.Null()]),
    breakEndsAt: Type.Union([IsoDateTime, Type.Null()]),
    /** The stamp of the move that made this state: a move with an older stamp changes nothing. */
    at: Hlc,
    /** How many moves the server has applied: followers show the newest they have seen. */
    seq: Type.Integer({ minimum: 0 }),
    agenda: Type.Array(LiveAgendaEntry, { maxItems: 200 }),
    /** "Jeg forstår det ikke" cards held up and not yet cleared: a count, never who. */
    confused: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)
export type LiveStateData = Static<typeof LiveStateData>

/** One per meeting: its id is the meeting's id. */
export const LiveState = defineSyncEntity<LiveStateData>({
  name: 'live-state',
  schema: LiveStateData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
})

/** The chair's move: the whole new state, stamped on the chair's device (also offline). */
export const LiveMovePayload = Type.Object(
  {
    meetingId: Uuid,
    councilId: Uuid,
    status: Type.Enum(LIVE_STATUSES),
    currentItemId: Type.Union([Uuid, Type.Null()]),
    breakEndsAt: Type.Union([IsoDateTime, Type.Null()]),
    at: Hlc,
  },
  { additionalProperties: false },
)
export type LiveMovePayload = Static<typeof LiveMovePayload>
export const LiveMove = defineSyncCommand<LiveMovePayload>({ name: 'live-move', schema: LiveMovePayload })

export const SIGNAL_KINDS = ['speak', 'confused', 'break'] as const
export type SignalKind = (typeof SIGNAL_KINDS)[number]

export const LiveSignalData = Type.Object(
  {
    councilId: Uuid,
    meetingId: Uuid,
    kind: Type.Enum(SIGNAL_KINDS),
    personId: Type.Union([Uuid, Type.Null()]),
    /** Shown to the chair in the queue; empty for "Jeg forstår det ikke", which staff never read. */
    name: Type.String({ maxLength: 200 }),
    raisedAt: IsoDateTime,
    clearedAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { additionalProperties: false },
)
export type LiveSignalData = Static<typeof LiveSignalData>

export const LiveSignal = defineSyncEntity<LiveSignalData>({
  name: 'live-signal',
  schema: LiveSignalData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
  personal: { ownerField: 'personId', onErasure: 'delete' },
})

/**
 * Raise a card (a member, once per kind until it is cleared), or clear cards (the chair): one
 * card by id, every card of a kind, or all of them when both are null.
 */
export const LiveSignalPayload = Type.Object(
  {
    op: Type.Enum(['raise', 'clear'] as const),
    meetingId: Uuid,
    councilId: Uuid,
    signalId: Type.Union([Uuid, Type.Null()]),
    kind: Type.Union([Type.Enum(SIGNAL_KINDS), Type.Null()]),
  },
  { additionalProperties: false },
)
export type LiveSignalPayload = Static<typeof LiveSignalPayload>
export const LiveSignalCommand = defineSyncCommand<LiveSignalPayload>({ name: 'live-signal-send', schema: LiveSignalPayload })

export const QuestionOption = Type.Object(
  { pictogram: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }), label: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
)
export type QuestionOption = Static<typeof QuestionOption>

export const LiveQuestionData = Type.Object(
  {
    councilId: Uuid,
    meetingId: Uuid,
    itemId: Type.Union([Uuid, Type.Null()]),
    text: Type.String({ minLength: 1, maxLength: 200 }),
    options: Type.Array(QuestionOption, { minItems: 2, maxItems: 4 }),
    status: Type.Enum(['open', 'closed'] as const),
    /** Answers per option, in the options' order: counts only, never who. */
    counts: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 4 }),
    askedAt: IsoDateTime,
    closedAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  { additionalProperties: false },
)
export type LiveQuestionData = Static<typeof LiveQuestionData>

export const LiveQuestion = defineSyncEntity<LiveQuestionData>({
  name: 'live-question',
  schema: LiveQuestionData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
})

export const LiveQuestionPayload = Type.Object(
  {
    op: Type.Enum(['ask', 'close'] as const),
    questionId: Uuid,
    meetingId: Uuid,
    councilId: Uuid,
    itemId: Type.Union([Uuid, Type.Null()]),
    text: Type.String({ maxLength: 200 }),
    options: Type.Array(QuestionOption, { maxItems: 4 }),
  },
  { additionalProperties: false },
)
export type LiveQuestionPayload = Static<typeof LiveQuestionPayload>
export const LiveQuestionCommand = defineSyncCommand<LiveQuestionPayload>({ name: 'live-question-send', schema: LiveQuestionPayload })

/** A person's own answer: only they read it back (so their phone shows what they chose). */
export const LiveAnswerData = Type.Object(
  { councilId: Uuid, meetingId: Uuid, questionId: Uuid, personId: Type.Union([Uuid, Type.Null()]), choice: Type.Integer({ minimum: 0, maximum: 3 }) },
  { additionalProperties: false },
)
export type LiveAnswerData = Static<typeof LiveAnswerData>

export const LiveAnswer = defineSyncEntity<LiveAnswerData>({
  name: 'live-answer',
  schema: LiveAnswerData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
  personal: { ownerField: 'personId', onErasure: 'delete' },
})

export const LiveAnswerPayload = Type.Object(
  { questionId: Uuid, meetingId: Uuid, councilId: Uuid, choice: Type.Integer({ minimum: 0, maximum: 3 }) },
  { additionalProperties: false },
)
export type LiveAnswerPayload = Static<typeof LiveAnswerPayload>
export const LiveAnswerCommand = defineSyncCommand<LiveAnswerPayload>({ name: 'live-answer-send', schema: LiveAnswerPayload })

/** Who the chair ticked as present; one per meeting (its id is the meeting's id), staff only. */
export const LivePresenceData = Type.Object(
  { councilId: Uuid, meetingId: Uuid, personIds: Type.Array(Uuid, { maxItems: 200 }) },
  { additionalProperties: false },
)
export type LivePresenceData = Static<typeof LivePresenceData>

export const LivePresence = defineSyncEntity<LivePresenceData>({
  name: 'live-presence',
  schema: LivePresenceData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
})
