import { sql } from 'drizzle-orm'
import type { Answer } from '../../shared/workshops/model.js'
import { bigint, bigserial, boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })

/**
 * Facts about this installation rather than about people: which demo seed has been loaded,
 * later also the operating municipality's contact details. Never holds personal data.
 */
export const instanceMeta = pgTable('instance_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The single row whose version every push transaction takes under a row lock. Pushes are thereby
 * serialised, versions commit in order, and a reader holding cursor N can never miss a write
 * that commits later with a smaller version.
 */
export const syncState = pgTable('sync_state', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})

/**
 * Every synced record of every feature, as JSON validated against its entity's TypeBox schema.
 * A deleted record stays as a tombstone (data null) so devices learn of the deletion.
 */
export const syncRecords = pgTable(
  'sync_records',
  {
    entity: text('entity').notNull(),
    id: uuid('id').notNull(),
    scope: text('scope').notNull(),
    data: jsonb('data').$type<Record<string, unknown> | null>(),
    fieldVersions: jsonb('field_versions').$type<Record<string, number>>().notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** The principals who may read the record now (src/server/sync/audience.ts). */
    audience: text('audience').array().notNull().default([]),
    /** Everyone who could ever read it: they, and only they, learn when it goes away. */
    everAudience: text('ever_audience').array().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.id] }),
    index('sync_records_scope_version').on(t.scope, t.version),
    index('sync_records_version').on(t.version),
    // A record whose visibility follows another one's (an item its meeting's) is found by the field
    // that points at it when that one is written (PushBatch.refreshDependents), instead of reading
    // every record of its kind. One index per such field, holding only the kinds that have it;
    // tests/server/sync-batch-plans.test.ts fails for a new one that has none.
    index('sync_records_meeting_ref').on(t.entity, sql`(${t.data} ->> 'meetingId')`).where(sql`${t.entity} in ('agenda-item', 'live-state', 'live-question')`),
    index('sync_records_item_ref').on(sql`(${t.data} ->> 'itemId')`).where(sql`${t.entity} = 'live-question'`),
    index('sync_records_process_ref').on(sql`(${t.data} ->> 'processId')`).where(sql`${t.entity} = 'workshop-session'`),
    // A new contribution takes the next reference of its process (B-1, B-2, …): the highest one
    // is read from here instead of from every contribution ever made (workshops/store.ts).
    index('sync_records_contribution_ref').on(sql`(${t.data} ->> 'processId')`, sql`(substr(${t.data} ->> 'ref', 3)::int)`).where(sql`${t.entity} = 'workshop-contribution'`),
  ],
)

/**
 * Answers already given to signed-in callers, so a repeated mutation gets the same answer and is
 * applied once. Kept only as long as a device may still send the mutation again (see
 * SYNC_MUTATION_RETENTION_DAYS), and with the author, for export and erasure. Only the key is
 * indexed: a push writes a hundred answers at a time, and the daily expiry and a person's export
 * or erasure can afford to scan a table that holds at most that many days.
 */
export const syncMutations = pgTable('sync_mutations', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  authorId: uuid('author_id'),
  result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Both sides of a conflict on a person's own text, kept until the author has decided. */
export const syncConflicts = pgTable('sync_conflicts', {
  mutationId: uuid('mutation_id').primaryKey(),
  entity: text('entity').notNull(),
  entityId: uuid('entity_id').notNull(),
  clientId: uuid('client_id').notNull(),
  /** Who wrote the losing side: their words, in their export, gone at their erasure. */
  authorId: uuid('author_id'),
  fields: jsonb('fields').$type<string[]>().notNull(),
  serverValues: jsonb('server_values').$type<Record<string, unknown>>().notNull(),
  clientValues: jsonb('client_values').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Photos and recordings, named by the SHA-256 of their bytes, so each is stored and sent once
 * however many records name it. Served only to callers who may read a record that names it.
 */
export const media = pgTable('media', {
  sha256: text('sha256').primaryKey(),
  type: text('type').notNull(),
  bytes: integer('bytes').notNull(),
  data: bytea('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Which records name which medium: access to a medium follows them, and an unnamed one is removed. */
export const mediaRefs = pgTable(
  'media_refs',
  {
    entity: text('entity').notNull(),
    recordId: uuid('record_id').notNull(),
    sha256: text('sha256').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId, t.sha256] }), index('media_refs_sha256').on(t.sha256)],
)

/** A council (brugerråd, centerråd…). Published to devices as the "council" sync entity. */
export const councils = pgTable('councils', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  centre: text('centre').notNull(),
  description: text('description').notNull(),
  retentionMonths: integer('retention_months'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Everyone who can sign in. Staff have an e-mail and an argon2id hash; members, relatives and
 * participants never have a password, only sign-in cards. Erasure blanks the name and e-mail
 * and keeps the row, so anonymised contributions still point at "a former participant".
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    passwordHash: text('password_hash'),
    staffRole: text('staff_role'),
    /** Who created the person: until they join a council, only that staff member (or an admin) manages them. */
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /**
     * The key a device seals this person's unsent work with when they sign out there (the app's
     * accounts/held-seal.ts), given to them at sign-in: the next person on a shared tablet finds
     * only ciphertext. Made at the person's first sign-in; never changed, or what a device holds
     * for them could not be opened again. Erasure removes it.
     */
    holdKey: text('hold_key'),
  },
  (t) => [uniqueIndex('people_email').on(t.email)],
)

/** The councils a secretary or facilitator works for. Admins work for all. */
export const staffCouncils = pgTable(
  'staff_councils',
  {
    personId: uuid('person_id').notNull().references(() => people.id),
    councilId: uuid('council_id').notNull().references(() => councils.id),
  },
  (t) => [primaryKey({ columns: [t.personId, t.councilId] })],
)

/** Membership of a council, with the photo consent recorded with its date and recorder. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey(),
    councilId: uuid('council_id').notNull().references(() => councils.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    role: text('role').notNull(),
    termStart: date('term_start').notNull(),
    termEnd: date('term_end'),
    listedPublicly: boolean('listed_publicly').notNull().default(false),
    photo: text('photo'),
    photoConsentGivenAt: date('photo_consent_given_at'),
    photoConsentRecordedBy: uuid('photo_consent_recorded_by'),
    /** A substitute's place in line (1 steps in first), set when an election result is applied. */
    substituteRank: integer('substitute_rank'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('memberships_person').on(t.personId), index('memberships_council').on(t.councilId)],
)

/** A relative may act for a resident only with the resident's consent on record. */
export const relativeLinks = pgTable(
  'relative_links',
  {
    relativeId: uuid('relative_id').notNull().references(() => people.id),
    residentId: uuid('resident_id').notNull().references(() => people.id),
    consentGivenAt: date('consent_given_at').notNull(),
    consentNote: text('consent_note').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.relativeId, t.residentId] })],
)

/** QR sign-in cards and invite links. Only a SHA-256 of the code is stored. */
export const signInCards = pgTable(
  'sign_in_cards',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull().references(() => people.id),
    kind: text('kind').notNull(),
    codeHash: text('code_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sign_in_cards_code_hash').on(t.codeHash), index('sign_in_cards_person').on(t.personId)],
)

/**
 * A signed-in device. The cookie holds a random token; only its SHA-256 is stored. The label is
 * a coarse "browser · system" so a person can recognise their devices; no address or full user
 * agent is ever stored.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    kind: text('kind').notNull(),
    personId: uuid('person_id').references(() => people.id),
    cardId: uuid('card_id').references(() => signInCards.id),
    kioskCouncilId: uuid('kiosk_council_id').references(() => councils.id),
    kioskMode: text('kiosk_mode'),
    actingFor: uuid('acting_for').references(() => people.id),
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sessions_token_hash').on(t.tokenHash), index('sessions_person').on(t.personId)],
)

/** Staff actions, append-only: a trigger in the migration refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('audit_log_at').on(t.at)],
)

/** A person's request to have their data erased, until staff have carried it out. */
export const erasureRequests = pgTable('erasure_requests', {
  id: uuid('id').primaryKey(),
  personId: uuid('person_id').notNull().references(() => people.id),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  carriedOutAt: timestamp('carried_out_at', { withTimezone: true }),
  carriedOutBy: uuid('carried_out_by'),
})

/**
 * An election to a council (docs/election-protocol.md). Settings change only while it is a
 * draft. Opening stores the manifest as its exact canonical JSON and the election's X25519
 * private key sealed under the installation's election secret; publishing erases that key.
 */
export const elections = pgTable('elections', {
  id: uuid('id').primaryKey(),
  councilId: uuid('council_id').notNull().references(() => councils.id),
  title: text('title').notNull(),
  status: text('status').notNull(),
  seats: integer('seats').notNull(),
  substitutes: integer('substitutes').notNull(),
  maxChoices: integer('max_choices').notNull(),
  termStart: date('term_start').notNull(),
  termEnd: date('term_end').notNull(),
  voters: text('voters').notNull(),
  relativesMayVoteForResident: boolean('relatives_may_vote_for_resident').notNull(),
  candidateOrder: text('candidate_order').notNull(),
  candidacyOpensAt: timestamp('candidacy_opens_at', { withTimezone: true }),
  candidacyClosesAt: timestamp('candidacy_closes_at', { withTimezone: true }),
  votingOpensAt: timestamp('voting_opens_at', { withTimezone: true }).notNull(),
  votingClosesAt: timestamp('voting_closes_at', { withTimezone: true }).notNull(),
  easyRead: text('easy_read').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  manifest: text('manifest'),
  manifestHash: text('manifest_hash'),
  sealedKey: text('sealed_key'),
  sealedKeyId: text('sealed_key_id'),
  /** The last board entry's hash and the number of entries, moved under this row's lock. */
  boardHead: text('board_head'),
  boardLength: integer('board_length').notNull().default(0),
  result: jsonb('result').$type<Record<string, unknown>>(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  appliedAt: timestamp('applied_at', { withTimezone: true }),
})

/** A candidate's presentation; shown to voters only once staff approved it. */
export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: uuid('id').primaryKey(),
    electionId: uuid('election_id').notNull().references(() => elections.id),
    personId: uuid('person_id').references(() => people.id),
    name: text('name').notNull(),
    presentation: text('presentation').notNull(),
    photo: text('photo'),
    recording: jsonb('recording').$type<{ sha256: string; type: string; bytes: number }>(),
    status: text('status').notNull(),
    returnReason: text('return_reason'),
    enteredBy: uuid('entered_by').notNull(),
    /** When staff entered it for a resident: the resident's consent. */
    consentGivenAt: date('consent_given_at'),
    consentNote: text('consent_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('election_candidates_election').on(t.electionId)],
)

/**
 * Ballot cards: public keys only (the secrets are made and printed in a staff browser). No
 * timestamp and nothing that could tie a card to the person it was handed to.
 */
export const electionCards = pgTable(
  'election_cards',
  {
    electionId: uuid('election_id').notNull().references(() => elections.id),
    publicKey: text('public_key').notNull(),
    cardNumber: text('card_number').notNull(),
    batchId: uuid('batch_id').notNull(),
    revoked: boolean('revoked').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.publicKey] }), uniqueIndex('election_cards_number').on(t.electionId, t.cardNumber)],
)

/** The voter roll: only that a person, or a relative for them, received a card. */
export const electionRoll = pgTable(
  'election_roll',
  {
    id: uuid('id').primaryKey(),
    electionId: uuid('election_id').notNull().references(() => elections.id),
    personId: uuid('person_id').references(() => people.id),
    name: text('name').notNull(),
    received: text('received').notNull().default('no'),
  },
  (t) => [index('election_roll_election').on(t.electionId), uniqueIndex('election_roll_person').on(t.electionId, t.personId).where(sql`${t.personId} is not null`)],
)

/**
 * The bulletin board, each entry as its exact canonical JSON. A ballot row carries its card and
 * encapsulated key so the database itself refuses a second ballot from a card; there is no time,
 * address or session on any row.
 */
export const electionBoard = pgTable(
  'election_board',
  {
    electionId: uuid('election_id').notNull().references(() => elections.id),
    index: integer('index').notNull(),
    hash: text('hash').notNull(),
    type: text('type').notNull(),
    entry: text('entry').notNull(),
    card: text('card'),
    enc: text('enc'),
    envelopeHash: text('envelope_hash'),
  },
  (t) => [
    primaryKey({ columns: [t.electionId, t.index] }),
    uniqueIndex('election_board_ballot_card').on(t.electionId, t.card).where(sql`${t.type} = 'ballot'`),
    uniqueIndex('election_board_enc').on(t.electionId, t.enc).where(sql`${t.enc} is not null`),
  ],
)

/** Cards whose valid envelope arrived after closing: counted once each, never stored as a vote. */
export const electionLateCards = pgTable(
  'election_late_cards',
  {
    electionId: uuid('election_id').notNull().references(() => elections.id),
    card: text('card').notNull(),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.card] })],
)

/**
 * Failed sign-ins, card codes and anonymous pushes, counted per key for the attempt limiter
 * (src/server/accounts/rate-limit.ts). The key is an HMAC under a secret that is not in the
 * database, so neither a client address nor an e-mail address is stored in clear; a row goes
 * when its window and its delay have both passed.
 */
export const attemptLimits = pgTable(
  'attempt_limits',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [index('attempt_limits_window').on(t.windowEndsAt)],
)

/**
 * Who joined a workshop session (by link, by code, or signed in), for the participant list and
 * for what they may read. Nothing about the device or its address. Erasure sets person_id to
 * null and keeps the row, so the session's count by role stays right in the report.
 */
export const workshopParticipants = pgTable(
  'workshop_participants',
  {
    id: uuid('id').primaryKey(),
    processId: uuid('process_id').notNull(),
    sessionId: uuid('session_id'),
    personId: uuid('person_id').references(() => people.id),
    role: text('role').notNull(),
    /** Named in the report only when they said yes. */
    showName: boolean('show_name').notNull().default(false),
    joinedAt: date('joined_at').notNull(),
  },
  (t) => [
    index('workshop_participants_person').on(t.personId),
    index('workshop_participants_process').on(t.processId),
    uniqueIndex('workshop_participants_once').on(t.processId, t.sessionId, t.personId),
  ],
)

/** One answer per person and statement; erasure unlinks the person and keeps the answer counted. */
export const workshopReactions = pgTable(
  'workshop_reactions',
  {
    id: uuid('id').primaryKey(),
    processId: uuid('process_id').notNull(),
    statementId: uuid('statement_id').notNull(),
    personId: uuid('person_id').references(() => people.id),
    answer: text('answer').$type<Answer>().notNull(),
  },
  (t) => [index('workshop_reactions_process').on(t.processId), uniqueIndex('workshop_reactions_once').on(t.statementId, t.personId)],
)

/** A person's dots or picks in one prioritisation: { optionId: count }. */
export const workshopAllocations = pgTable(
  'workshop_allocations',
  {
    id: uuid('id').primaryKey(),
    processId: uuid('process_id').notNull(),
    prioritisationId: uuid('prioritisation_id').notNull(),
    personId: uuid('person_id').references(() => people.id),
    allocation: jsonb('allocation').$type<Record<string, number>>().notNull(),
  },
  (t) => [index('workshop_allocations_process').on(t.processId), uniqueIndex('workshop_allocations_once').on(t.prioritisationId, t.personId)],
)
