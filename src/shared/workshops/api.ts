import { Type, type Static } from 'typebox'
import { Uuid } from '../accounts/model.js'
import { Allocation, Answer, JoinCode, Role } from './model.js'

/** Payloads of the workshop routes, shared by the app and the server. */
export const JoinPreview = Type.Object({
  sessionId: Uuid,
  processId: Uuid,
  councilId: Uuid,
  title: Type.String(),
  processTitle: Type.String(),
  kind: Type.String(),
  inputOpen: Type.Boolean(),
  allowAnonymous: Type.Boolean(),
})
export type JoinPreview = Static<typeof JoinPreview>

export const JoinRequest = Type.Object(
  {
    code: JoinCode,
    role: Role,
    /** A name only if the person wants it in the participant list; otherwise their role counts them. */
    name: Type.Union([Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }), Type.Null()]),
  },
  { additionalProperties: false },
)
export type JoinRequest = Static<typeof JoinRequest>

export const JoinAnswer = Type.Object({ sessionId: Uuid, processId: Uuid, councilId: Uuid, personId: Uuid, newParticipant: Type.Boolean() })
export type JoinAnswer = Static<typeof JoinAnswer>

export const StatementResult = Type.Object({
  statementId: Uuid,
  agree: Type.Integer(),
  disagree: Type.Integer(),
  pass: Type.Integer(),
  verdict: Type.String(),
  direction: Type.Union([Type.String(), Type.Null()]),
})
export const PriorityResult = Type.Object({
  prioritisationId: Uuid,
  totals: Type.Array(Type.Object({ optionId: Uuid, total: Type.Integer(), people: Type.Integer() })),
})
export const Results = Type.Object({
  statements: Type.Array(StatementResult),
  priorities: Type.Array(PriorityResult),
  /** The caller's own answers and dots, so a device that lost them shows them again. */
  mine: Type.Object({ answers: Type.Record(Type.String(), Answer), allocations: Type.Record(Type.String(), Allocation) }),
})
export type Results = Static<typeof Results>

export const MineRequest = Type.Object({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 200 }) }, { additionalProperties: false })
export type MineRequest = Static<typeof MineRequest>

export const Placement = Type.Object({
  id: Uuid,
  ref: Type.String(),
  processId: Uuid,
  processTitle: Type.String(),
  place: Type.Union([Type.Literal('theme'), Type.Literal('ungrouped'), Type.Literal('hidden')]),
  themeTitle: Type.Union([Type.String(), Type.Null()]),
  hiddenReason: Type.Union([Type.String(), Type.Null()]),
  mergedWith: Type.Array(Type.String()),
  inProposal: Type.Boolean(),
})
export type Placement = Static<typeof Placement>
