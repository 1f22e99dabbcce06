import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, Db } from '../../src/server/db/database.js'
import * as schema from '../../src/server/db/schema.js'
import { PushBatch } from '../../src/server/sync/batch.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { databasesUnderTest } from './helpers.js'
import { testRegistry } from './sync-fixture.js'

/** Tables a push reads by key that grow with every change a municipality's devices make. */
const GROWING = ['sync_records', 'sync_mutations', 'media_refs']
const ROWS = 5_000

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  Plans?: PlanNode[]
}

const scansOf = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(scansOf),
]

interface RawClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

/**
 * A push's reads and its media-ref cleanup must look rows up by key, so a push costs the same on
 * a server that has stored a million changes as on a new one. Each query a PushBatch sends is
 * caught on its way to the database and planned there with EXPLAIN, against tables of 5,000 rows
 * that the planner knows the size of (ANALYZE), as a long-running server's would be.
 */
describe.each(databasesUnderTest())('a push on $name reads by key, whatever the size of its tables', ({ open }) => {
  let database: Database
  const caught: { text: string; params: unknown[] }[] = []
  let client: RawClient
  let logged: Db

  beforeAll(async () => {
    database = await open()
    const raw = (database.db as unknown as { $client: RawClient }).$client
    client = raw
    const logger = { logQuery: (text: string, params: unknown[]) => caught.push({ text, params }) }
    logged = (database.kind === 'pglite' ? drizzlePglite(raw as never, { schema, logger }) : drizzlePg(raw as never, { schema, logger })) as unknown as Db
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
