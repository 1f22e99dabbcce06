import { Type, type Static } from 'typebox'
import { UUID_PATTERN } from '../sync/uuidv7.js'
import { COUNCIL_KINDS, MEMBER_ROLES } from './names.js'

/**
 * The people, councils and sign-in payloads of the API, shared by the app and the server.
 * Role and kind values are stable identifiers; their Danish names live in the locales.
 */
export const Uuid = Type.String({ pattern: UUID_PATTERN })
/**
 * Years 1900–2199 only: a valid-looking date such as 0000-01-01 is refused by PostgreSQL (there
 * is no year 0), so the schema answers it instead, and no council date lies outside this range.
 */
const YEAR = '(19|2[01])[0-9]{2}'
export const IsoDate = Type.String({ format: 'date', pattern: `^${YEAR}-[0-9]{2}-[0-9]{2}$`, description: 'YYYY-MM-DD' })
export const IsoDateTime = Type.String({ format: 'date-time', pattern: `^${YEAR}-` })


export const STAFF_ROLES = ['admin', 'secretary'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]
export const StaffRole = Type.Enum(STAFF_ROLES)

/** Staff sign in with a password; everyone else with a card or an invite link. */
export const PERSON_KINDS = ['staff', 'member', 'relative', 'participant'] as const
export type PersonKind = (typeof PERSON_KINDS)[number]
export const PersonKind = Type.Enum(PERSON_KINDS)
export const CardholderKind = Type.Enum(['member', 'relative', 'participant'] as const)

export { COUNCIL_KINDS, MEMBER_ROLES }
export type MemberRole = (typeof MEMBER_ROLES)[number]
export const MemberRole = Type.Enum(MEMBER_ROLES)

export type CouncilKind = (typeof COUNCIL_KINDS)[number]
export const CouncilKind = Type.Enum(COUNCIL_KINDS)

export const KIOSK_MODES = ['shared-screen', 'voting-booth'] as const
export type KioskMode = (typeof KIOSK_MODES)[number]
export const KioskMode = Type.Enum(KIOSK_MODES)

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' })

export const LinkedResident = Type.Object({ personId: Uuid, name: Type.String() })

/** Who this device is signed in as. */
export const Me = Type.Union([
  Type.Object({ kind: Type.Literal('anonymous') }),
  Type.Object({
    kind: Type.Literal('person'),
    personId: Uuid,
    name: Type.String(),
    personKind: PersonKind,
    staffRole: Type.Union([StaffRole, Type.Null()]),
    /** Councils whose members-only content this person may read. */
    councilIds: Type.Array(Uuid),
    /** Councils this person administers (every council for an admin). */
    staffCouncilIds: Type.Array(Uuid),
    /** Residents this relative may act for, each with a recorded consent. */
    linkedResidents: Type.Array(LinkedResident),
    actingFor: Type.Union([LinkedResident, Type.Null()]),
    /**
     * The key (AES-256, base64url) a device seals this person's unsent work with when they sign
     * out with some still unsent, and opens it with when they sign in there again. Only for them.
     */
    holdKey: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }),
  }),
  Type.Object({
    kind: Type.Literal('kiosk'),
    councilId: Uuid,
    councilName: Type.String(),
    mode: KioskMode,
  }),
])
export type Me = Static<typeof Me>

export const StaffSignIn = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
)
export type StaffSignIn = Static<typeof StaffSignIn>

export const CardSignIn = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64, description: 'The code printed on the card, with or without dashes' }) },
  { additionalProperties: false },
)
export type CardSignIn = Static<typeof CardSignIn>

export const ActingFor = Type.Object({ residentId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false })
export type ActingFor = Static<typeof ActingFor>

export const Device = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('staff'), Type.Literal('card'), Type.Literal('kiosk')]),
  label: Type.String({ description: 'Browser and system, e.g. "Chrome · Android"; never the full user agent' }),
  current: Type.Boolean(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
})
export type Device = Static<typeof Device>

export const KioskStart = Type.Object({ councilId: Uuid, mode: KioskMode }, { additionalProperties: false })
export type KioskStart = Static<typeof KioskStart>

/** Staff may use a password from a manager; only the length is checked (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 12
export const NewPassword = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 1024 })

export const CouncilInput = Type.Object(
  {
    name: Name,
    kind: CouncilKind,
    centre: Name,
    description: Type.String({ maxLength: 2000 }),
    /** Months after a member's term ends before their personal data is erased; null: never by itself. */
    retentionMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 120 }), Type.Null()]),
  },
  { additionalProperties: false },
)
export type CouncilInput = Static<typeof CouncilInput>
export const Council = Type.Object({ id: Uuid, ...CouncilInput.properties })
export type Council = Static<typeof Council>

export const PersonInput = Type.Object({ name: Name, kind: CardholderKind }, { additionalProperties: false })
export type PersonInput = Static<typeof PersonInput>

export const StaffInput = Type.Object(
  {
    name: Name,
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: NewPassword,
    staffRole: StaffRole,
    councilIds: Type.Array(Uuid, { maxItems: 200 }),
  },
  { additionalProperties: false },
)
export type StaffInput = Static<typeof StaffInput>

export const Person = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: PersonKind,
  staffRole: Type.Union([StaffRole, Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  councilIds: Type.Array(Uuid),
  createdAt: IsoDateTime,
  erasedAt: Type.Union([IsoDateTime, Type.Null()]),
})
export type Person = Static<typeof Person>

/** A downscaled photo as a data URL; the app scales it to at most 512 px before sending. */
export const Photo = Type.String({ pattern: '^data:image/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$', maxLength: 400_000 })

export const Consent = Type.Object({ givenAt: IsoDate, recordedBy: Uuid }, { additionalProperties: false })
export type Consent = Static<typeof Consent>

export const MembershipInput = Type.Object(
  {
    personId: Uuid,
    role: MemberRole,
    termStart: IsoDate,
    termEnd: Type.Union([IsoDate, Type.Null()]),
    /** The member agreed that anyone may see their name and role on the council's public page. */
    listedPublicly: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type MembershipInput = Static<typeof MembershipInput>

export const MembershipPatch = Type.Object(
  {
    role: Type.Optional(MemberRole),
    termStart: Type.Optional(IsoDate),
    termEnd: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    listedPublicly: Type.Optional(Type.Boolean()),
    /** A photo needs a consent date in the same request or already on record. */
    photo: Type.Optional(Type.Union([Photo, Type.Null()])),
    photoConsentGivenAt: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type MembershipPatch = Static<typeof MembershipPatch>

export const Card = Type.Object({
  id: Uuid,
  personId: Uuid,
  kind: Type.Union([Type.Literal('card'), Type.Literal('link')]),
  createdAt: IsoDateTime,
  revokedAt: Type.Union([IsoDateTime, Type.Null()]),
})
export type Card = Static<typeof Card>

export const CardRequest = Type.Object({ kind: Type.Union([Type.Literal('card'), Type.Literal('link')]) }, { additionalProperties: false })

/** Shown once, to print or send; the server keeps only a hash of the code. */
export const IssuedCard = Type.Object({ card: Card, code: Type.String(), url: Type.String() })
export type IssuedCard = Static<typeof IssuedCard>

export const RelativeLinkInput = Type.Object(
  {
    relativeId: Uuid,
    residentId: Uuid,
    consentGivenAt: IsoDate,
    consentNote: Type.String({ maxLength: 500, description: 'How the consent was given, e.g. "signed form in the resident file"' }),
  },
  { additionalProperties: false },
)
export type RelativeLinkInput = Static<typeof RelativeLinkInput>

export const RelativeLink = Type.Object({
  ...RelativeLinkInput.properties,
  relativeName: Type.String(),
  residentName: Type.String(),
  recordedBy: Uuid,
})
export type RelativeLink = Static<typeof RelativeLink>

/** What staff see of one membership: the person, the term, and the photo with its consent. */
export const MemberAdminView = Type.Object({
  membershipId: Uuid,
  councilId: Uuid,
  person: Person,
  role: MemberRole,
  termStart: IsoDate,
  termEnd: Type.Union([IsoDate, Type.Null()]),
  listedPublicly: Type.Boolean(),
  photo: Type.Union([Photo, Type.Null()]),
  photoConsent: Type.Union([Consent, Type.Null()]),
})
export type MemberAdminView = Static<typeof MemberAdminView>

export const PersonPatch = Type.Object({ name: Name }, { additionalProperties: false })
export type PersonPatch = Static<typeof PersonPatch>

export const StaffPatch = Type.Object(
  {
    name: Type.Optional(Name),
    staffRole: Type.Optional(StaffRole),
    councilIds: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type StaffPatch = Static<typeof StaffPatch>

/** One line of the audit log. Details name the fields that changed, never their values. */
export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  /** null: the system (retention job, command line). */
  actorId: Type.Union([Uuid, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
})
export type AuditEntry = Static<typeof AuditEntry>

export const ErasureRequest = Type.Object({
  id: Uuid,
  personId: Uuid,
  personName: Type.String(),
  requestedAt: IsoDateTime,
  carriedOutAt: Type.Union([IsoDateTime, Type.Null()]),
})
export type ErasureRequest = Static<typeof ErasureRequest>

/** A synced record the person wrote (or that is marked as theirs), as stored on the server. */
export const MyRecord = Type.Object({ entity: Type.String(), id: Uuid, data: Type.Record(Type.String(), Type.Unknown()) })
export type MyRecord = Static<typeof MyRecord>

/** Everything the server holds about the person (GDPR art. 15 and 20); card codes are never kept. */
export const MyData = Type.Object({
  exportedAt: IsoDateTime,
  profile: Person,
  memberships: Type.Array(Type.Object({ ...MemberAdminView.properties, councilName: Type.String() })),
  relativeLinks: Type.Array(RelativeLink),
  cards: Type.Array(Card),
  devices: Type.Array(Device),
  erasureRequests: Type.Array(ErasureRequest),
  records: Type.Array(MyRecord),
  /** Both sides of conflicts on the person's own words that they have not decided about yet. */
  conflicts: Type.Array(
    Type.Object({
      mutationId: Uuid,
      entity: Type.String(),
      entityId: Uuid,
      fields: Type.Array(Type.String()),
      theirs: Type.Record(Type.String(), Type.Unknown()),
      mine: Type.Record(Type.String(), Type.Unknown()),
      createdAt: IsoDateTime,
    }),
  ),
  /** The server's answers to changes the person sent, kept a while so a resent change is applied once. */
  sentChanges: Type.Array(Type.Object({ mutationId: Uuid, status: Type.String(), createdAt: IsoDateTime })),
  /** Every sign-in the server still holds, ended ones too (they are removed after ENDED_SESSION_DAYS). */
  sessions: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      label: Type.String(),
      createdAt: IsoDateTime,
      lastSeenAt: IsoDateTime,
      expiresAt: IsoDateTime,
      endedAt: Type.Union([IsoDateTime, Type.Null()]),
    }),
  ),
  /** Audit log entries by or about the person (as actor, target, or named in the details). */
  auditEntries: Type.Array(AuditEntry),
  /** Where the person stood for election, with what they wrote and the photo or recording they gave. */
  candidacies: Type.Array(
    Type.Object({
      electionId: Uuid,
      electionTitle: Type.String(),
      name: Type.String(),
      presentation: Type.String(),
      photo: Type.Union([Type.String(), Type.Null()]),
      recording: Type.Union([Type.Object({ sha256: Type.String(), type: Type.String(), bytes: Type.Integer() }), Type.Null()]),
      status: Type.String(),
      returnReason: Type.Union([Type.String(), Type.Null()]),
      consentGivenAt: Type.Union([Type.String(), Type.Null()]),
      consentNote: Type.Union([Type.String(), Type.Null()]),
      createdAt: IsoDateTime,
    }),
  ),
  /** Elections whose roll names the person: only whether a ballot card was handed out (never how they voted). */
  electionRoll: Type.Array(Type.Object({ electionId: Uuid, electionTitle: Type.String(), received: Type.String() })),
})
export type MyData = Static<typeof MyData>
