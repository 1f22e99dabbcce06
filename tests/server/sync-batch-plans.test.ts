import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Db } from '../../src/server/db/database.js'
import * as schema from '../../src/server/db/schema.js'
import { PushBatch } from '../../src/server/sync/batch.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { contributionContext } from '../../src/server/workshops/store.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { databasesUnderTest, meetingData } from './helpers.js'
import { testRegistry } from './sync-fixture.js'

/** Tables a push reads by key that grow with every change a municipality's devices make. */
const GROWING = ['sync_records', 'sync_mutations', 'media_refs']
const ROWS = 5_000

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Rows Removed by Filter'?: number
  'Rows Removed by Index Recheck'?: number
  Plans?: PlanNode[]
}

/** Rows of sync_records a plan read and threw away: a lookup by key reads none. */
const discardedOf = (node: PlanNode): number =>
  (node['Relation Name'] === 'sync_records' ? (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0) : 0) +
  (node.Plans ?? []).map(discardedOf).reduce((a, b) => a + b, 0)

const scansOf = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(scansOf),
]

interface RawClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

interface Watched {
  database: Database
  /** The driver itself, to run EXPLAIN with a caught query's own parameters. */
  client: RawClient
  /** A Drizzle over the same connection that notes every query it sends in `caught`. */
  logged: Db
  caught: { text: string; params: unknown[] }[]
}

async function openWatched(open: () => Promise<Database>): Promise<Watched> {
  const database = await open()
  const client = (database.db as unknown as { $client: RawClient }).$client
  const caught: Watched['caught'] = []
  const logger = { logQuery: (text: string, params: unknown[]) => caught.push({ text, params }) }
  const logged = (database.kind === 'pglite' ? drizzlePglite(client as never, { schema, logger }) : drizzlePg(client as never, { schema, logger })) as unknown as Db
  return { database, client, logged, caught }
}

/**
 * A push's reads and its media-ref cleanup must look rows up by key, so a push costs the same on
 * a server that has stored a million changes as on a new one. Each query a PushBatch sends is
 * caught on its way to the database and planned there with EXPLAIN, against tables of 5,000 rows
 * that the planner knows the size of (ANALYZE), as a long-running server's would be.
 */
describe.each(databasesUnderTest())('a push on $name reads by key, whatever the size of its tables', ({ open }) => {
  let database: Database
  let client: RawClient
  let logged: Db
  let caught: Watched['caught']

  beforeAll(async () => {
    ;({ database, client, logged, caught } = await openWatched(open))
    await database.db.execute(sql`
      insert into sync_records (entity, id, scope, data, field_versions, version, audience, ever_audience)
      select 'test-note', gen_random_uuid(), 'council:big', jsonb_build_object('councilId', 'big', 'title', 'Note ' || g, 'text', ''), '{}', g, '{public}', '{public}'
      from generate_series(1, ${ROWS}) g`)
    await database.db.execute(sql`
      insert into sync_mutations (id, client_id, result) select gen_random_uuid(), gen_random_uuid(), '{"status":"applied"}' from generate_series(1, ${ROWS})`)
    await database.db.execute(sql`insert into media (sha256, type, bytes, data) values (repeat('a', 64), 'image/png', 1, '\\x00')`)
    await database.db.execute(sql`insert into media_refs (entity, record_id, sha256) select entity, id, repeat('a', 64) from sync_records`)
    await database.db.execute(sql`analyze`)
  }, 120_000)

  afterAll(() => database.close())

  it('loads records, looks up earlier answers and replaces media refs without scanning a whole table', async () => {
    const existing = (await client.query('select id from sync_records order by version limit 50')).rows.map((r) => String(r.id))
    const pairs = [...existing, ...Array.from({ length: 50 }, () => uuidv7())].map((id) => ({ entity: 'test-note', id }))
    await logged.transaction(async (tx) => {
      const batch = new PushBatch(tx, testRegistry(), ROWS + 1)
      await batch.preload(pairs)
      await batch.previousAnswers(pairs.map(() => uuidv7()))
      await batch.put('test-note', existing[0]!, { scope: 'council:big', data: { councilId: 'big', title: 'Changed', text: '' }, fieldVersions: { title: ROWS + 1 } })
      await batch.flush()
    })

    const reads = caught.filter((q) => /^\s*(select|delete)/i.test(q.text) && GROWING.some((table) => q.text.includes(`"${table}"`)))
    // The record load, the answer lookup and the media refs of the one replaced record.
    expect(reads.map((q) => q.text.trim().split(/\s+/)[0]!.toLowerCase()).sort()).toEqual(['delete', 'select', 'select'])
    const scanning: string[] = []
    for (const query of reads) {
      const [row] = (await client.query(`explain (format json) ${query.text}`, query.params)).rows
      const plan = (row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan
      for (const table of scansOf(plan).filter((name) => GROWING.includes(name))) scanning.push(`${table} in: ${query.text}`)
    }
    expect(scanning).toEqual([])
  })
})

/** What a parent record of each kind that others follow looks like, enough for its policy. */
const PARENTS: Record<string, () => Record<string, unknown>> = {
  meeting: () => meetingData('big'),
  'agenda-item': () => ({ councilId: 'big', meetingId: uuidv7(), closed: false }),
  'workshop-process': () => ({ councilId: 'big' }),
}

/**
 * When a record that others follow is written (a meeting, whose items are as visible as it), the
 * records that point at it are found by that field. That lookup must use an index too, or each
 * write of a meeting reads every agenda item, live state and question ever stored.
 */
describe.each(databasesUnderTest())('on $name, a written record finds the records that follow it by index', ({ open }) => {
  let database: Database
  let client: RawClient
  let logged: Db
  let caught: Watched['caught']
  const registry = createSyncRegistry()
  const parents = registry.names().filter((name) => registry.dependentsOf(name).length > 0)

  beforeAll(async () => {
    ;({ database, client, logged, caught } = await openWatched(open))
    // Every kind that follows another, ROWS of it, each pointing at some other record.
    const fields = new Map<string, Set<string>>()
    for (const parent of parents) for (const { name, field } of registry.dependentsOf(parent)) fields.set(name, new Set([...(fields.get(name) ?? []), field]))
    for (const [child, refs] of fields) {
      const pointers = [...refs].map((field) => sql`, ${field}::text, gen_random_uuid()::text`)
      await database.db.execute(sql`
        insert into sync_records (entity, id, scope, data, field_versions, version, audience, ever_audience)
        select ${child}, gen_random_uuid(), 'council:big', jsonb_build_object('councilId', 'big', 'closed', false${sql.join(pointers, sql``)}), '{}', g, '{public}', '{public}'
        from generate_series(1, ${ROWS}) g`)
    }
    await database.db.execute(sql`analyze`)
  }, 120_000)

  afterAll(() => database.close())

  it('covers every kind of record that others follow', () => {
    expect(parents.sort()).toEqual(Object.keys(PARENTS).sort())
  })

  it.each(Object.keys(PARENTS))('writing a "%s" record reads no record it then throws away', async (parent) => {
    caught.length = 0
    await logged.transaction(async (tx) => {
      const batch = new PushBatch(tx, registry, ROWS + 1)
      await batch.put(parent, uuidv7(), { scope: 'council:big', data: PARENTS[parent]!(), fieldVersions: {} })
      await batch.flush()
    })
    const lookups = caught.filter((q) => q.text.includes('->>'))
    expect(lookups.length).toBe(registry.dependentsOf(parent).length)
    const wasteful: string[] = []
    for (const query of lookups) {
      const [row] = (await client.query(`explain (analyze, format json) ${query.text}`, query.params)).rows
      const plan = (row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan
      const scans = scansOf(plan).filter((table) => table === 'sync_records')
      if (scans.length > 0 || discardedOf(plan) > 0) wasteful.push(`${scans.length} scans, ${discardedOf(plan)} rows read and dropped: ${query.text} ${JSON.stringify(query.params)}`)
    }
    expect(wasteful).toEqual([])
  })
})

/**
 * A new contribution takes the next reference of its process (B-1, B-2, …), read while the push
 * holds the version lock: reading every contribution ever made for it would make each one slower
 * than the last, with a room of people waiting behind that lock.
 */
describe.each(databasesUnderTest())('on $name, a new contribution finds its reference by index', ({ open }) => {
  let database: Database
  let client: RawClient
  let logged: Db
  let caught: Watched['caught']
  const processes = Array.from({ length: 10 }, () => uuidv7())

  beforeAll(async () => {
    ;({ database, client, logged, caught } = await openWatched(open))
    await database.db.execute(sql`
      insert into sync_records (entity, id, scope, data, field_versions, version, audience, ever_audience)
      select 'workshop-contribution', gen_random_uuid(), 'council:big',
        jsonb_build_object('councilId', 'big', 'processId', (${JSON.stringify(processes)}::jsonb) ->> (g % 10), 'ref', 'B-' || (g / 10 + 1), 'text', 'En idé'),
        '{}', g, '{public}', '{public}'
      from generate_series(1, ${ROWS}) g`)
    await database.db.execute(sql`analyze`)
  }, 120_000)

  afterAll(() => database.close())

  it('reads the highest reference of the process without reading its other contributions', async () => {
    caught.length = 0
    const known = await logged.transaction((tx) => contributionContext(tx, { id: uuidv7(), processId: processes[3]!, sessionId: null, personId: null }))
    expect(known.highestRef).toBe(ROWS / 10)
    const query = caught.find((q) => q.text.includes('max('))
    const [row] = (await client.query(`explain (analyze, format json) ${query!.text}`, query!.params)).rows
    const plan = (row!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan
    expect({ scans: scansOf(plan).filter((table) => table === 'sync_records'), dropped: discardedOf(plan) }).toEqual({ scans: [], dropped: 0 })
  })
})

