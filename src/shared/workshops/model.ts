import { Type, type Static } from 'typebox'
import { Uuid } from '../accounts/model.js'
import { UUID_PATTERN } from '../sync/uuidv7.js'

/**
 * The words of a co-creation process (seed 002): its five phases, the kinds of session, the roles
 * people speak in, and the answers to a statement. Values are stable identifiers; their Danish
 * names live in the locales under "workshops".
 */
export const PHASES = ['collect', 'process', 'prioritise', 'status', 'proposal'] as const
export type Phase = (typeof PHASES)[number]
export const Phase = Type.Enum(PHASES)

export const PROCESS_KINDS = ['co-creation', 'consultation'] as const
export type ProcessKind = (typeof PROCESS_KINDS)[number]

/** Workshop of about 30, dialogue meeting of 10–15 where users already come, interview with one person or a council. */
export const SESSION_KINDS = ['workshop', 'dialogue', 'interview'] as const
export type SessionKind = (typeof SESSION_KINDS)[number]

export const ROLES = ['user', 'relative', 'staff', 'partner', 'politician'] as const
export type Role = (typeof ROLES)[number]
export const Role = Type.Enum(ROLES)

export const ANSWERS = ['agree', 'disagree', 'pass'] as const
export type Answer = (typeof ANSWERS)[number]
export const Answer = Type.Enum(ANSWERS)

export const PRIORITY_METHODS = ['dots', 'pick'] as const
export type PriorityMethod = (typeof PRIORITY_METHODS)[number]

export const Text = (max: number) => Type.String({ maxLength: max })
export const Title = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })
/** A contribution's short reference within its process: "B-17". */
export const REF_PATTERN = '^B-[1-9][0-9]{0,5}$'
export const Ref = Type.String({ pattern: REF_PATTERN })
/** The code in a join link: six letters and digits without look-alikes (no 0/O, 1/I/L). */
export const JOIN_CODE_PATTERN = '^[A-HJKMNP-Z2-9]{6}$'
export const JoinCode = Type.String({ pattern: JOIN_CODE_PATTERN })

export const Invitee = Type.Object(
  { id: Uuid, name: Title, how: Text(200), invitedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]) },
  { additionalProperties: false },
)
export type Invitee = Static<typeof Invitee>

/** A question to a session's participants; hidden ones are not asked any more but keep the contributions that answer them. */
export const Question = Type.Object(
  { id: Uuid, text: Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }), easyText: Text(300), hidden: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export type Question = Static<typeof Question>

export const PriorityOption = Type.Object(
  { id: Uuid, text: Type.String({ minLength: 1, maxLength: 200 }), cost: Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), Type.Null()]) },
  { additionalProperties: false },
)
export type PriorityOption = Static<typeof PriorityOption>

/** Dots placed per option by one person: { optionId: count }. For "pick", every count is 1. */
export const Allocation = Type.Record(Type.String({ pattern: UUID_PATTERN }), Type.Integer({ minimum: 0, maximum: 100 }))
export type Allocation = Static<typeof Allocation>
