import { PGlite, types } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withNamedStatements } from '../../src/server/db/pglite-statements.js'

/** What a query gives a caller: PGlite's own answer, compared field by field with the named path's. */
const shape = (result: { rows: unknown[]; fields: unknown[]; affectedRows?: number }) => ({ rows: result.rows, fields: result.fields, affectedRows: result.affectedRows })

describe('PGlite queries run as named statements once their text comes again', () => {
  let raw: PGlite
  let named: PGlite
  const prepared = async () => (await raw.query<{ statement: string }>('select statement from pg_prepared_statements')).rows.map((r) => r.statement)

  beforeAll(async () => {
    raw = new PGlite()
    named = withNamedStatements(raw)
    await raw.exec(`create table notes (id int primary key, body jsonb not null, at timestamptz not null default '2026-11-29T00:00:00Z')`)
  })
  afterAll(async () => {
    await raw.close()
  })

  it('answers as PGlite does, the first time and every time after, with its parsers and row modes', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2::jsonb) returning id, body, at'
    const select = 'select id, body, at from notes where id = $1'
    // Drizzle's way: rows as arrays, timestamps left as text.
    const asDrizzle = { rowMode: 'array' as const, parsers: { [types.TIMESTAMPTZ]: (value: string) => value } }
    for (let id = 1; id <= 4; id++) {
      const written = await named.query(insert, [id, JSON.stringify({ n: id, text: 'Kaffe </script> & kage' })])
      expect(written.affectedRows).toBe(1)
      expect(written.rows).toEqual([{ id, body: { n: id, text: 'Kaffe </script> & kage' }, at: new Date('2026-11-29T00:00:00Z') }])
      expect(shape(await named.query(select, [id], asDrizzle))).toEqual(shape(await raw.query(select, [id], asDrizzle)))
      expect((await named.query(select, [id], asDrizzle)).rows).toEqual([[id, { n: id, text: 'Kaffe </script> & kage' }, '2026-11-29 00:00:00+00']])
    }
    expect(await prepared()).toEqual(expect.arrayContaining([insert, select]))
    // Once only: a query run a single time is not kept.
    await named.query('select count(*) from notes where id > $1', [0])
    expect(await prepared()).not.toContain('select count(*) from notes where id > $1')
  })

  it('in a transaction too: its writes are seen inside, and gone after a rollback', async () => {
    const count = 'select count(*)::int as n from notes where id >= $1'
    await expect(
      named.transaction(async (tx) => {
        for (let id = 100; id < 103; id++) await tx.query('insert into notes (id, body) values ($1, $2::jsonb)', [id, '{}'])
        expect((await tx.query<{ n: number }>(count, [100])).rows[0]!.n).toBe(3)
        expect((await tx.query<{ n: number }>(count, [100])).rows[0]!.n).toBe(3)
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect((await named.query<{ n: number }>(count, [100])).rows[0]!.n).toBe(0)
  })

  it('a prepared statement that fails says why, and the database goes on: the same statement works again', async () => {
    const insert = 'insert into notes (id, body) values ($1, $2::jsonb)'
    await named.query(insert, [200, '{}'])
    await expect(named.query(insert, [200, '{}'])).rejects.toThrow(/duplicate key/)
    await expect(named.transaction((tx) => tx.query(insert, [200, '{}']))).rejects.toThrow(/duplicate key/)
    await named.query(insert, [201, '{}'])
    expect((await named.query('select id from notes where id >= $1 order by id', [200])).rows).toEqual([{ id: 200 }, { id: 201 }])
    // A text that cannot be prepared is not kept either.
    for (let i = 0; i < 2; i++) await expect(named.query('select nothing from nowhere where x = $1', [1])).rejects.toThrow(/nowhere/)
    expect(await prepared()).not.toContain('select nothing from nowhere where x = $1')
  })

  it('keeps at most 200 statements: the least recently used are closed', async () => {
    for (let i = 0; i < 260; i++) {
      for (let round = 0; round < 2; round++) await named.query(`select $1::int + ${i} as n`, [1])
    }
    const kept = await prepared()
    expect(kept.length).toBeLessThanOrEqual(200)
    expect(kept).toContain('select $1::int + 259 as n')
    expect(kept).not.toContain('select $1::int + 0 as n')
    expect((await named.query<{ n: number }>('select $1::int + 0 as n', [1])).rows).toEqual([{ n: 1 }])
  })
})
