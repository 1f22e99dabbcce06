import { Type, type Static } from 'typebox'
import { IsoDate, IsoDateTime, Photo, Uuid } from '../accounts/model.js'
import { AudioRef } from '../sync/media.js'
import { Base64url32, Sha256Hex } from './manifest.js'

/**
 * The election API's payloads, shared by the app and the server. The protocol's own objects
 * (manifest, envelope, board, result) live beside the code that makes them.
 */

/** draft: being prepared (candidacy, cards); open: manifest published; closed: board closed. */
export const ELECTION_STATUSES = ['draft', 'open', 'closed', 'tallied', 'published'] as const
export type ElectionStatus = (typeof ELECTION_STATUSES)[number]
export const ElectionStatus = Type.Enum(ELECTION_STATUSES)

/** Who gets a ballot card (seed 001: all users, or the active relatives where users cannot take part). */
export const VOTER_GROUPS = ['members', 'users', 'users-and-relatives', 'relatives'] as const
export type VoterGroup = (typeof VOTER_GROUPS)[number]
export const VoterGroup = Type.Enum(VOTER_GROUPS)

export const CANDIDATE_ORDERS = ['alphabetical', 'drawn'] as const
export const CandidateOrder = Type.Enum(CANDIDATE_ORDERS)

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' })

export const ElectionInput = Type.Object(
  {
    councilId: Uuid,
    title: Text(120),
    seats: Type.Integer({ minimum: 1, maximum: 50 }),
    substitutes: Type.Integer({ minimum: 0, maximum: 50 }),
    maxChoices: Type.Integer({ minimum: 1, maximum: 50 }),
    termStart: IsoDate,
    termEnd: IsoDate,
    voters: VoterGroup,
    /** A relative with recorded consent may vote for a resident who cannot. */
    relativesMayVoteForResident: Type.Boolean(),
    candidateOrder: CandidateOrder,
    candidacyOpensAt: Type.Union([IsoDateTime, Type.Null()]),
    candidacyClosesAt: Type.Union([IsoDateTime, Type.Null()]),
    votingOpensAt: IsoDateTime,
    votingClosesAt: IsoDateTime,
    /** Easy-read text about what the council does and how the election works. */
    easyRead: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
)
export type ElectionInput = Static<typeof ElectionInput>

/** What staff see of an election: its settings, where it is, and counts that say nothing of votes. */
export const ElectionAdminView = Type.Object({
  id: Uuid,
  ...ElectionInput.properties,
  status: ElectionStatus,
  councilName: Type.String(),
  cards: Type.Object({ valid: Type.Integer(), revoked: Type.Integer() }),
  roll: Type.Object({ people: Type.Integer(), received: Type.Integer() }),
  candidates: Type.Object({ approved: Type.Integer(), waiting: Type.Integer() }),
  manifestHash: Type.Union([Sha256Hex, Type.Null()]),
  publishedAt: Type.Union([IsoDateTime, Type.Null()]),
  appliedAt: Type.Union([IsoDateTime, Type.Null()]),
})
export type ElectionAdminView = Static<typeof ElectionAdminView>

export const CANDIDATE_STATUSES = ['proposed', 'approved', 'returned', 'withdrawn'] as const
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number]
export const CandidateStatus = Type.Enum(CANDIDATE_STATUSES)

/** "Stil op": the candidate's own presentation, two or three easy-read sentences. */
export const CandidacyInput = Type.Object(
  {
    name: Text(120),
    presentation: Text(600),
    photo: Type.Union([Photo, Type.Null()]),
    /** Uploaded first (PUT /api/media/<sha256>), then named here. */
    recording: Type.Union([AudioRef, Type.Null()]),
  },
  { additionalProperties: false },
)
export type CandidacyInput = Static<typeof CandidacyInput>

/** Staff enter a presentation for a resident, with the resident's consent on record. */
export const CandidateEntry = Type.Object(
  {
    ...CandidacyInput.properties,
    personId: Type.Union([Uuid, Type.Null()]),
    consentGivenAt: IsoDate,
    consentNote: Type.String({ maxLength: 500, description: 'How the resident agreed, e.g. "said yes at the house meeting"' }),
  },
  { additionalProperties: false },
)
export type CandidateEntry = Static<typeof CandidateEntry>

export const Candidate = Type.Object({
  id: Uuid,
  electionId: Uuid,
  personId: Type.Union([Uuid, Type.Null()]),
  name: Type.String(),
  presentation: Type.String(),
  photo: Type.Union([Photo, Type.Null()]),
  recording: Type.Union([AudioRef, Type.Null()]),
  status: CandidateStatus,
  returnReason: Type.Union([Type.String(), Type.Null()]),
  enteredByStaff: Type.Boolean(),
  consentGivenAt: Type.Union([IsoDate, Type.Null()]),
})
export type Candidate = Static<typeof Candidate>

export const CandidateReturn = Type.Object({ reason: Text(500) }, { additionalProperties: false })

/** Public keys of cards made and printed in a staff browser; the secrets never leave it. */
export const CardRegistration = Type.Object({ cards: Type.Array(Base64url32, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false })
export type CardRegistration = Static<typeof CardRegistration>
export const CardsRegistered = Type.Object({ batchId: Uuid, registered: Type.Integer(), cardNumbers: Type.Array(Type.String()) })
export type CardsRegistered = Static<typeof CardsRegistered>

/** A card named by its public key (scanned or typed code) or by the number printed inside it. */
export const CardRevocation = Type.Object(
  {
    card: Type.Union([Base64url32, Type.Null()]),
    cardNumber: Type.Union([Type.String({ pattern: '^[ACDEFGHJKMNPQRTUVWXY34679]{6}$' }), Type.Null()]),
    /** A new card handed out instead, registered in the same step. */
    replacement: Type.Union([Base64url32, Type.Null()]),
  },
  { additionalProperties: false },
)
export type CardRevocation = Static<typeof CardRevocation>
export const CardRevoked = Type.Object({ revoked: Type.String(), replacement: Type.Union([Type.String(), Type.Null()]) })

export const ROLL_RECEIPTS = ['no', 'self', 'relative'] as const
export type RollReceipt = (typeof ROLL_RECEIPTS)[number]
export const RollReceipt = Type.Enum(ROLL_RECEIPTS)

/** A person on the voter roll and whether they (or a relative for them) received a card; never which. */
export const RollEntry = Type.Object({ id: Uuid, personId: Type.Union([Uuid, Type.Null()]), name: Type.String(), received: RollReceipt })
export type RollEntry = Static<typeof RollEntry>
export const RollInput = Type.Object({ name: Text(120), personId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false })
export type RollInput = Static<typeof RollInput>
export const RollTick = Type.Object({ received: RollReceipt }, { additionalProperties: false })

/** Turnout is a number: never who is ahead. */
export const Turnout = Type.Object({
  status: ElectionStatus,
  ballots: Type.Integer(),
  validCards: Type.Integer(),
  late: Type.Integer(),
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
  now: IsoDateTime,
})
export type Turnout = Static<typeof Turnout>

export const CardCheckRequest = Type.Object({ card: Base64url32 }, { additionalProperties: false })
export const CARD_STATES = ['ready', 'used', 'revoked', 'unknown'] as const
export type CardState = (typeof CARD_STATES)[number]
export const CardCheck = Type.Object({
  card: Type.Enum(CARD_STATES),
  status: ElectionStatus,
  opensAt: IsoDateTime,
  closesAt: IsoDateTime,
})
export type CardCheck = Static<typeof CardCheck>

export const BallotAccepted = Type.Object({ receipt: Type.String(), envelopeHash: Sha256Hex, index: Type.Integer() })
export type BallotAccepted = Static<typeof BallotAccepted>

export const Receipts = Type.Object({ receipts: Type.Array(Type.String()) })

export const Applied = Type.Object({ memberships: Type.Integer(), appliedAt: IsoDateTime })

/** What anyone may know of an election once it is announced (candidacy or voting has begun). */
export const ElectionSummary = Type.Object({
  id: Uuid,
  councilId: Uuid,
  councilName: Type.String(),
  title: Type.String(),
  status: ElectionStatus,
  seats: Type.Integer(),
  substitutes: Type.Integer(),
  maxChoices: Type.Integer(),
  termStart: IsoDate,
  termEnd: IsoDate,
  candidacyOpensAt: Type.Union([IsoDateTime, Type.Null()]),
  candidacyClosesAt: Type.Union([IsoDateTime, Type.Null()]),
  votingOpensAt: IsoDateTime,
  votingClosesAt: IsoDateTime,
  easyRead: Type.String(),
  manifestHash: Type.Union([Sha256Hex, Type.Null()]),
  publishedAt: Type.Union([IsoDateTime, Type.Null()]),
})
export type ElectionSummary = Static<typeof ElectionSummary>

export const PublicCandidate = Type.Object({ id: Uuid, name: Type.String(), presentation: Type.String(), photo: Type.Union([Photo, Type.Null()]), recording: Type.Union([AudioRef, Type.Null()]) })
export type PublicCandidate = Static<typeof PublicCandidate>
