import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'

/**
 * Proof for the security review: every route in /api/openapi.json, called as each role with
 * values generated from its own schema and with hostile ones (NUL, deep nesting, numbers that are
 * not finite, dates the database cannot hold, integers beyond any column), never answers 5xx, and
 * a role that may write nothing of the kind changes nothing an administrator manages. The seed is
 * printed; FC_SEED=<seed> replays a run.
 */
const ROLES = ['anonymous', 'participant', 'relative', 'kiosk', 'secretary-of-another-council', 'secretary', 'admin'] as const
type Role = (typeof ROLES)[number]
/** Roles that may change none of what the fingerprint covers, on any route. */
const READ_ONLY: Role[] = ['anonymous', 'participant', 'relative', 'kiosk']
const RUNS = Number(process.env.FC_RUNS ?? 600)

type Schema = Record<string, unknown> & {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  minimum?: number
  maximum?: number
  maxLength?: number
  patternProperties?: Record<string, Schema>
  additionalProperties?: boolean | Schema
}
interface Operation {
  method: string
  path: string
  pathParams: string[]
  query: { name: string; schema: Schema; required: boolean }[]
  body: { type: string; schema: Schema | null } | null
}

const HOSTILE_MARKERS: Record<string, string> = {
  '"__INF__"': '1e400',
  '"__HUGE__"': '99999999999999999999',
  '"__DEEP__"': `${'{"d":'.repeat(5000)}1${'}'.repeat(5000)}`,
}
const hostileString = fc.constantFrom('a\u0000b', '\u0000', '0000-01-01', '9999-12-31T00:00:00Z', '../../etc', '%00', '𝕏'.repeat(300), '')

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const found: Operation[] = []
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (method === 'head' || path === '/api/sync/events') continue // the stream never ends; tested in sync-hygiene
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: Schema; required?: boolean }[]
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content
      const [bodyType, bodySpec] = content ? Object.entries(content)[0]! : [null, null]
      found.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: Boolean(p.required) })),
        body: bodyType ? { type: bodyType, schema: bodySpec?.schema ?? null } : null,
      })
    }
  }
  return found
}

/** Values for a JSON schema: mostly valid ones, now and then one just outside, or hostile. */
function valueOf(schema: Schema | undefined, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null))
  if ('const' in schema) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const choices = schema.anyOf ?? schema.oneOf
  if (choices) return fc.oneof(...choices.map((c) => valueOf(c, ids, depth + 1)))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid' || String(schema.pattern ?? '').includes('[0-9a-f]{8}')) return fc.oneof({ weight: 4, arbitrary: ids }, { weight: 1, arbitrary: hostileString })
      if (schema.format === 'date') return fc.oneof(fc.constantFrom('2026-05-01', '2027-01-31', '0000-01-01', '9999-12-31', '2026-02-30'), hostileString)
      if (schema.format === 'date-time') return fc.constantFrom('2026-06-01T10:00:00Z', '2027-01-01T00:00:00.000Z', '0000-01-01T00:00:00Z', '275760-09-13T00:00:00Z')
      return fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 40) }) }, { weight: 1, arbitrary: hostileString })
    }
    case 'integer':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 1000, 1_000_000) }) },
        { weight: 1, arbitrary: fc.constantFrom(-1, 2 ** 31, Number.MAX_SAFE_INTEGER, '__HUGE__', '__INF__') },
      )
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.constantFrom('__INF__', '__HUGE__'))
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(valueOf(schema.items, ids, depth + 1), { maxLength: 3 })
    case 'object': {
      const properties = schema.properties ?? {}
      const required = new Set(schema.required ?? [])
      const entries = Object.entries(properties)
      if (entries.length === 0) {
        // A record or a free-form object (a sync patch): a few fields, some nested or hostile.
        const values = schema.patternProperties ? Object.values(schema.patternProperties)[0] : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined
        return fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(valueOf(values, ids, depth + 1), fc.constantFrom('__DEEP__', '__INF__')), { maxKeys: 3 })
      }
      return fc.record(
        Object.fromEntries(entries.map(([name, child]) => [name, valueOf(child, ids, depth + 1)])),
        { requiredKeys: entries.map(([name]) => name).filter((name) => required.has(name)) },
      )
    }
    default:
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant('__DEEP__'))
  }
}

/** Now and then the whole body is replaced by something hostile instead. */
const hostileBody = fc.constantFrom('{"a":"\\u0000"}', '"__DEEP__"', '[1e400]', '{"name":"__DEEP__"}', 'null', '[]', '{', '{"__proto__":{"x":1}}')

function serialize(value: unknown): string {
  let text = JSON.stringify(value) ?? 'null'
  for (const [marker, replacement] of Object.entries(HOSTILE_MARKERS)) text = text.replaceAll(marker, replacement)
  return text
}

const pathValue = (value: unknown) => encodeURIComponent(typeof value === 'string' ? value.replace(/^__(INF|HUGE|DEEP)__$/, '1e400') : serialize(value))

describe.each(databasesUnderTest())('every route as every role, fuzzed, on $name', (target) => {
  let database: Database
  let w: World
  let operations: Operation[]

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database, { registry: createSyncRegistry() })
    const document = (await w.call('GET', '/api/openapi.json')).json()
    operations = operationsOf(document)
  })
  afterAll(async () => {
    await w.app.close()
  })

  async function cookieFor(role: Role): Promise<string | null> {
    const { ids } = w
    if (role === 'anonymous') return null
    if (role === 'kiosk') return w.sessionFor({ kioskCouncilId: ids.councilId })
    const personId = { participant: ids.memberId, relative: ids.relativeId, 'secretary-of-another-council': ids.otherSecretaryId, secretary: ids.secretaryId, admin: ids.adminId }[role]
    return w.sessionFor({ personId })
  }

  /** What only staff and administrators may change: it must not move for a read-only role. */
  async function fingerprint(): Promise<string> {
    const result = await database.db.execute(sql`
      select
        (select count(*) from people) as people,
        (select coalesce(string_agg(md5(name || coalesce(email, '')), '' order by id), '') from people) as names,
        (select count(*) from memberships) as memberships,
        (select coalesce(string_agg(md5(role || term_start::text || listed_publicly::text), '' order by id), '') from memberships) as terms,
        (select count(*) || '/' || count(revoked_at) from sign_in_cards) as cards,
        (select count(*) from relative_links) as links,
        (select coalesce(string_agg(md5(name || coalesce(retention_months::text, '')), '' order by id), '') from councils) as councils,
        (select count(*) from staff_councils) as staff,
        (select count(*) from elections) as elections,
        (select count(*) from election_cards) as election_cards,
        (select count(*) from election_roll) as roll,
        (select coalesce(string_agg(md5(value::text), '' order by key), '') from instance_meta) as meta`)
    const rows = (result as unknown as { rows: unknown[] }).rows ?? result
    return JSON.stringify(rows)
  }

  it(`answers no request with a 5xx, and lets no read-only role change what staff manage (${RUNS} runs)`, async () => {
    const known = w.ids
    const ids = fc.oneof(fc.constantFrom(known.councilId, known.otherCouncilId, known.memberId, known.relativeId, known.secretaryId, known.adminId), fc.uuid())
    const request = fc
      .record({ op: fc.constantFrom(...operations), role: fc.constantFrom(...ROLES), hostile: fc.integer({ min: 0, max: 9 }) })
      .chain(({ op, role, hostile }) =>
        fc.record({
          op: fc.constant(op),
          role: fc.constant(role),
          params: fc.tuple(...op.pathParams.map(() => fc.oneof({ weight: 5, arbitrary: ids }, { weight: 1, arbitrary: hostileString }))),
          query: fc.tuple(...op.query.map((q) => fc.option(valueOf(q.schema, ids), { nil: undefined, freq: q.required ? 10 : 2 }))),
          body: op.body?.type === 'application/json' ? (hostile === 0 ? hostileBody : valueOf(op.body.schema ?? undefined, ids).map(serialize)) : fc.uint8Array({ maxLength: 64 }),
        }),
      )

    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31)
    console.log(`security fuzz on ${target.name}: seed ${seed} (replay with FC_SEED=${seed})`)
    const started = Date.now()
    const seenStatus = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(request, async ({ op, role, params, query, body }) => {
        let path = op.path
        op.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, pathValue(params[i]))))
        const search = op.query
          .map((q, i) => (query[i] === undefined ? null : `${encodeURIComponent(q.name)}=${pathValue(query[i])}`))
          .filter((part): part is string => part !== null)
          .join('&')
        const url = search ? `${path}?${search}` : path
        const readOnly = READ_ONLY.includes(role)
        const before = readOnly ? await fingerprint() : ''
        const payload = typeof body === 'string' ? body : Buffer.from(body)
        const reply = await w.call(op.method as 'GET', url, {
          cookie: await cookieFor(role),
          ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload, headers: { 'content-type': op.body?.type ?? 'application/json' } }),
        })
        seenStatus.set(reply.statusCode, (seenStatus.get(reply.statusCode) ?? 0) + 1)
        expect(reply.statusCode, `${role} ${op.method} ${url.slice(0, 200)}: ${reply.body.slice(0, 300)}`).toBeLessThan(500)
        if (readOnly) expect(await fingerprint(), `${role} ${op.method} ${op.path} changed what only staff may change`).toBe(before)
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    )
    console.log(`security fuzz on ${target.name}: ${RUNS} requests over ${operations.length} routes in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries(seenStatus))}`)
    expect(operations.length).toBeGreaterThan(30)
  }, 120_000)
})
