import { Type, type Static } from 'typebox'
import { councilScope } from '../accounts/entities.js'
import { IsoDate, IsoDateTime, Uuid } from '../accounts/model.js'
import { defineSyncCommand, defineSyncEntity } from '../sync/entity.js'
import { AudioRef, ImageRef } from '../sync/media.js'
import { Allocation, Answer, Invitee, JoinCode, Phase, PriorityOption, Question, Ref, Role, Text, Title } from './model.js'

/**
 * A co-creation process or a consultation, and everything in it, lives in its council's scope:
 * staff already follow their councils, and a participant's device follows the council of the
 * process it joined. Who reads what is the audience's business (src/server/workshops/policies.ts):
 * contributions reach only the process's participants and staff, never the council's public.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const ProcessData = Type.Object(
  {
    councilId: Uuid,
    kind: Type.Enum(['co-creation', 'consultation'] as const),
    title: Title,
    purpose: Text(2000),
    /** The rules everyone keeps (seed 002: within the frame, the local area's budget). */
    frame: Text(2000),
    /** The budget frame in whole kroner, when the process has one. */
    budget: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
    phase: Phase,
    /** The process whose structure this one started from, so local processes report in one form. */
    templateId: Nullable(Uuid),
    invitees: Type.Array(Invitee, { maxItems: 200 }),
    status: Text(10_000),
    statusEasy: Text(2000),
    proposal: Text(20_000),
    proposalEasy: Text(2000),
    /** Consultation: the case, its hard deadline and the council's response. */
    deadline: Nullable(IsoDateTime),
    caseText: Text(20_000),
    caseEasy: Text(2000),
    response: Text(20_000),
    responseSentOn: Nullable(IsoDate),
    /** A published report is public, without personal data. */
    reportPublished: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type ProcessData = Static<typeof ProcessData>

export const WorkshopProcess = defineSyncEntity<ProcessData>({
  name: 'workshop-process',
  schema: ProcessData,
  scopeOf: (d) => councilScope(d.councilId),
  protectedFields: ['status', 'statusEasy', 'proposal', 'proposalEasy', 'response'],
})

export const SessionData = Type.Object(
  {
    councilId: Uuid,
    processId: Uuid,
    kind: Type.Enum(['workshop', 'dialogue', 'interview'] as const),
    title: Title,
    date: Nullable(IsoDate),
    place: Text(200),
    /** The code in the join link and under the QR code. */
    code: JoinCode,
    inputOpen: Type.Boolean(),
    allowAnonymous: Type.Boolean(),
    questions: Type.Array(Question, { maxItems: 30 }),
    minutes: Text(20_000),
  },
  { additionalProperties: false },
)
export type SessionData = Static<typeof SessionData>

export const WorkshopSession = defineSyncEntity<SessionData>({
  name: 'workshop-session',
  schema: SessionData,
  scopeOf: (d) => councilScope(d.councilId),
  protectedFields: ['minutes'],
})

export const ThemeData = Type.Object({ councilId: Uuid, processId: Uuid, title: Title, easyTitle: Text(120), inProposal: Type.Boolean() }, { additionalProperties: false })
export type ThemeData = Static<typeof ThemeData>
export const WorkshopTheme = defineSyncEntity<ThemeData>({ name: 'workshop-theme', schema: ThemeData, scopeOf: (d) => councilScope(d.councilId), protectedFields: [] })

export const StatementData = Type.Object(
  { councilId: Uuid, processId: Uuid, sessionId: Nullable(Uuid), text: Type.String({ minLength: 1, maxLength: 300 }), easyText: Text(300), open: Type.Boolean() },
  { additionalProperties: false },
)
export type StatementData = Static<typeof StatementData>
export const WorkshopStatement = defineSyncEntity<StatementData>({ name: 'workshop-statement', schema: StatementData, scopeOf: (d) => councilScope(d.councilId), protectedFields: [] })

export const PrioritisationData = Type.Object(
  {
    councilId: Uuid,
    processId: Uuid,
    title: Title,
    method: Type.Enum(['dots', 'pick'] as const),
    /** Dots per person, or how many options one may pick. */
    perPerson: Type.Integer({ minimum: 1, maximum: 20 }),
    /** Whether the options' costs must fit in the process's budget frame. */
    withinBudget: Type.Boolean(),
    options: Type.Array(PriorityOption, { minItems: 1, maxItems: 40 }),
    open: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type PrioritisationData = Static<typeof PrioritisationData>
export const WorkshopPrioritisation = defineSyncEntity<PrioritisationData>({
  name: 'workshop-prioritisation',
  schema: PrioritisationData,
  scopeOf: (d) => councilScope(d.councilId),
  protectedFields: [],
})

/** Staff's interview entry: who said it is not stored, only that they consented and when. */
export const InterviewNote = Type.Object({ enteredBy: Uuid, consentOn: IsoDate }, { additionalProperties: false })

export const ContributionData = Type.Object(
  {
    councilId: Uuid,
    processId: Uuid,
    /** null for a consultation viewpoint. */
    sessionId: Nullable(Uuid),
    questionId: Nullable(Uuid),
    ref: Ref,
    text: Text(5000),
    photo: Nullable(ImageRef),
    recording: Nullable(AudioRef),
    role: Role,
    anonymous: Type.Boolean(),
    /** The author; null when anonymous, entered in an interview, or erased. */
    personId: Nullable(Uuid),
    /** Shown by name only when the author agreed; otherwise by role. */
    name: Nullable(Text(120)),
    relative: Type.Boolean(),
    /** A relative speaking for a resident with recorded consent. */
    onBehalfOf: Nullable(Uuid),
    interview: Nullable(InterviewNote),
    /** A viewpoint that came after the consultation's deadline: kept and marked, never dropped. */
    late: Type.Boolean(),
    createdAt: IsoDateTime,
    themeId: Nullable(Uuid),
    /** Duplicates merged with this one; the merge is written on both, so both references stay. */
    mergedWith: Type.Array(Uuid, { maxItems: 50 }),
    hiddenReason: Nullable(Type.String({ minLength: 1, maxLength: 500 })),
    inProposal: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type ContributionData = Static<typeof ContributionData>

export const WorkshopContribution = defineSyncEntity<ContributionData>({
  name: 'workshop-contribution',
  schema: ContributionData,
  scopeOf: (d) => councilScope(d.councilId),
  protectedFields: [],
  personal: { ownerField: 'personId', onErasure: 'anonymise', personalFields: ['name', 'onBehalfOf'] },
})

/** Only these fields of a contribution change after it is sent, and only by staff. */
export const PROCESSING_FIELDS = ['themeId', 'mergedWith', 'hiddenReason', 'inProposal'] as const

export const ContributePayload = Type.Object(
  {
    id: Uuid,
    processId: Uuid,
    sessionId: Nullable(Uuid),
    questionId: Nullable(Uuid),
    text: Text(5000),
    photo: Nullable(ImageRef),
    recording: Nullable(AudioRef),
    role: Role,
    anonymous: Type.Boolean(),
    /** Staff entering what a person said in an interview, with the date they consented. */
    interviewConsentOn: Nullable(IsoDate),
  },
  { additionalProperties: false },
)
export type ContributePayload = Static<typeof ContributePayload>

/**
 * A contribution on its way: the server gives it its short reference and stores it; sending it
 * twice gives the same reference, so an offline contribution lands once.
 */
export const Contribute = defineSyncCommand<ContributePayload>({ name: 'workshop-contribute', schema: ContributePayload })

export const ReactPayload = Type.Object({ statementId: Uuid, answer: Answer }, { additionalProperties: false })
export type ReactPayload = Static<typeof ReactPayload>
/** One answer per person and statement; a later one replaces it. */
export const React = defineSyncCommand<ReactPayload>({ name: 'workshop-react', schema: ReactPayload })

export const AllocatePayload = Type.Object({ prioritisationId: Uuid, allocation: Allocation }, { additionalProperties: false })
export type AllocatePayload = Static<typeof AllocatePayload>
/** A person's dots or picks, replacing their earlier ones. */
export const Allocate = defineSyncCommand<AllocatePayload>({ name: 'workshop-allocate', schema: AllocatePayload })
