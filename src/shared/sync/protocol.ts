import { Type, type Static } from 'typebox'
import { UUID_PATTERN } from './uuidv7.js'

/**
 * The wire format of sync, shared by the app and the server. Bumped when the format changes in
 * a way an older app cannot follow; the server then answers 409 and the app offers its update.
 */
export const SYNC_PROTOCOL_VERSION = 1
export const MIN_CLIENT_PROTOCOL_VERSION = 1
/** Mutations past this many in one push are answered `rejected` with code batch_limit. */
export const PUSH_BATCH_LIMIT = 100
/** A push body with more than this is malformed, not merely large. */
export const PUSH_HARD_LIMIT = 1000
/** The most own versions a mutation carries; a device keeps the latest (see Mutation.ownVersions). */
export const OWN_VERSIONS_LIMIT = 20
export const PULL_PAGE_SIZE = 500
/**
 * Media travel on their own (see media.ts), so records are small; a batch is still cut by size
 * for long texts: a device sends at most this many bytes of mutations at once (always at least
 * one), and a pull page stops after about PULL_PAGE_BYTES (never inside one version).
 */
export const PUSH_BATCH_BYTES = 256 * 1024
export const PUSH_BODY_LIMIT = 1024 * 1024
export const PULL_PAGE_BYTES = 512 * 1024

const Uuid = Type.String({ pattern: UUID_PATTERN })

const SCOPE_PATTERN = '^(public|council|election|workshop):[a-z0-9-]{1,64}$'
export const Scope = Type.String({
  pattern: SCOPE_PATTERN,
  description: 'What a record belongs to, for example "council:<uuid>"; pull is filtered by scope.',
})
export type Scope = Static<typeof Scope>

const scopeRegExp = new RegExp(SCOPE_PATTERN)
export const isScope = (value: string): boolean => scopeRegExp.test(value)

export const Mutation = Type.Object(
  {
    id: Uuid,
    entity: Type.String({ minLength: 1, maxLength: 64 }),
    entityId: Uuid,
    op: Type.Union([Type.Literal('put'), Type.Literal('patch'), Type.Literal('delete')]),
    patch: Type.Record(Type.String(), Type.Unknown()),
    baseVersion: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    ownVersions: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        maxItems: OWN_VERSIONS_LIMIT,
        description:
          'Versions the server gave this device\'s own earlier changes of the record since it last pulled it: the change was written on top of them, so a field last written in one of them is no conflict. baseVersion stays the version whose data the device has seen.',
      }),
    ),
  },
  { additionalProperties: false },
)
export type Mutation = Static<typeof Mutation>

export const PushRequest = Type.Object(
  {
    clientId: Uuid,
    protocolVersion: Type.Integer({ minimum: 0 }),
    mutations: Type.Array(Mutation, { maxItems: PUSH_HARD_LIMIT }),
  },
  { additionalProperties: false, title: 'PushRequest' },
)
export type PushRequest = Static<typeof PushRequest>

export const MutationStatus = Type.Union([
  Type.Literal('applied'),
  Type.Literal('duplicate'),
  Type.Literal('conflict'),
  Type.Literal('rejected'),
])
export type MutationStatus = Static<typeof MutationStatus>

export const MutationResult = Type.Object(
  {
    mutationId: Uuid,
    status: MutationStatus,
    /** The record's version after this mutation (applied), or the server's (conflict). */
    version: Type.Optional(Type.Integer()),
    /**
     * Applied, but it changed nothing (the record already held these values, or was gone): the
     * version is someone else's, so the device does not count it as its own (Mutation.ownVersions).
     */
    unchanged: Type.Optional(Type.Literal(true)),
    /** For rejected and conflict: a stable code the app turns into words. */
    code: Type.Optional(Type.String()),
    /** For rejected and conflict: what went wrong, in plain English. */
    reason: Type.Optional(Type.String()),
    /** For conflict: the fields whose newer server value was kept. */
    fields: Type.Optional(Type.Array(Type.String())),
    /** For a command: what the feature answers (a receipt, say). */
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
)
export type MutationResult = Static<typeof MutationResult>

export const PushResponse = Type.Object(
  { results: Type.Array(MutationResult), version: Type.Integer() },
  { additionalProperties: false, title: 'PushResponse' },
)
export type PushResponse = Static<typeof PushResponse>

export const Cursor = Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description: 'Opaque position in the change log.' })

export const PullQuery = Type.Object(
  {
    since: Cursor,
    protocolVersion: Type.Integer({ minimum: 0 }),
    scopes: Type.String({ maxLength: 4000, description: 'Comma-separated scopes the device follows.' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: PULL_PAGE_SIZE })),
  },
  { additionalProperties: false },
)
export type PullQuery = Static<typeof PullQuery>

export const Change = Type.Object(
  {
    entity: Type.String(),
    entityId: Uuid,
    scope: Scope,
    version: Type.Integer(),
    /** null for a deleted record (a tombstone). */
    data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  },
  { additionalProperties: false },
)
export type Change = Static<typeof Change>

export const PullResponse = Type.Object(
  { changes: Type.Array(Change), cursor: Cursor, hasMore: Type.Boolean() },
  { additionalProperties: false, title: 'PullResponse' },
)
export type PullResponse = Static<typeof PullResponse>

export function parseScopes(raw: string): string[] {
  return [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))]
}

/**
 * A poke on /api/sync/events. A stream of the public (nobody signed in) is also sent the
 * changes of `version` itself with `after`, the version before it that last changed anything the
 * public may read: a device whose cursor for a scope is at least `after` and below `version`
 * holds nothing older that it lacks, so it applies `changes` (those in its scopes) and moves that
 * cursor to `version` without a pull. With a thousand followers of a meeting, that is a thousand
 * pulls fewer at every "next item". Without `changes` (signed-in streams, or a version too large
 * to send inline) the device pulls as before.
 */
export interface Poke {
  version: number
  after?: number
  changes?: Change[]
}

/** A version whose public changes exceed this many bytes of JSON is announced without them. */
export const INLINE_POKE_BYTES = 16 * 1024
