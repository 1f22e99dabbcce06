import http from 'node:http'
import { eq, sql } from 'drizzle-orm'
import { Type } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syncConflicts, syncMutations } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { runSyncHousekeeping } from '../../src/server/sync/housekeeping.js'
import { erasePerson } from '../../src/server/privacy/erase.js'
import { ConflictResolved } from '../../src/shared/sync/conflict-resolution.js'
import type { Mutation, MutationResult } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { openWorld, type World } from './accounts-fixture.js'
import { databasesUnderTest } from './helpers.js'
import { personalTestRegistry } from './sync-fixture.js'

const note = (councilId: string, extra: Record<string, unknown> = {}) => ({ councilId, title: 'Idé', text: 'Mere frugt', ...extra })
const put = (entityId: string, patch: Record<string, unknown>, extra: Partial<Mutation> = {}) => ({ id: uuidv7(), entity: 'test-note', entityId, op: 'put', patch, baseVersion: null, ...extra })

/** What the server keeps about pushes, and for how long; and what one hostile change can do. */
describe.each(databasesUnderTest())('sync hygiene on $name', (target) => {
  let database: Database
  let w: World
  let karen: string
  let birthe: string
  let birtheId: string

  beforeAll(async () => {
    database = await target.open()
    const registry = personalTestRegistry()
    // Stands in for a database error in the middle of a push (a broken constraint, say).
    registry.registerCommand({
      name: 'test-failing-command',
      schema: Type.Object({}),
      handle: async (tx) => {
        await tx.execute(sql`select 1 / 0`)
        return { status: 'applied' }
      },
    })
    w = await openWorld(database, { registry })
    karen = await w.sessionFor({ personId: w.ids.memberId })
    birtheId = (await w.newPerson('member', w.ids.councilId)).personId
    birthe = await w.sessionFor({ personId: birtheId })
  })
  afterAll(async () => {
    await w.app.close()
  })

  const push = async (cookie: string | null, mutations: object[], raw?: string) => {
    const reply = await w.call('POST', '/api/sync/push', {
      cookie,
      payload: raw ?? { clientId: uuidv7(), protocolVersion: 1, mutations },
      ...(raw ? { headers: { 'content-type': 'application/json' } } : {}),
    })
    expect(reply.statusCode, reply.body).toBe(200)
    return reply.json().results as MutationResult[]
  }

  it('remembers no answer for a caller nobody signed in as, so strangers cannot fill the table', async () => {
    const before = (await database.db.select().from(syncMutations)).length
    const junk = Array.from({ length: 50 }, () => ({ ...put(uuidv7(), note('h1')), entity: 'no-such-thing' }))
    const results = await push(null, junk)
    expect(results.every((r) => r.status === 'rejected' && r.code === 'unknown_entity')).toBe(true)
    expect((await database.db.select().from(syncMutations)).length).toBe(before)
  })

  it('refuses one hostile change on its own — NUL, 10,000 levels deep, a number beyond any — and applies the rest', async () => {
    const good = put(uuidv7(), note('h2'))
    // Written as text: building it as an object would overflow this test's own stack first.
    const deep = `${'{"d":'.repeat(10_000)}"bund"${'}'.repeat(10_000)}`
    const body = JSON.stringify({
      clientId: uuidv7(),
      protocolVersion: 1,
      mutations: [put(uuidv7(), note('h2', { title: 'a\u0000b' })), put(uuidv7(), { councilId: 'h2', title: 'x', text: 'y', extra: '__deep__' }), good],
    }).replace('"__deep__"', deep)
    const infinite = JSON.stringify({ clientId: uuidv7(), protocolVersion: 1, mutations: [put(uuidv7(), note('h2', { votes: '__infinite__' })), good] }).replace('"__infinite__"', '1e400')
    const results = await push(karen, [], body)
    expect(results.map((r) => [r.status, r.code ?? null])).toEqual([['rejected', 'invalid'], ['rejected', 'invalid'], ['applied', null]])
    expect(results[0]!.reason).toMatch(/NUL/)
    expect(results[1]!.reason).toMatch(/nested deeper/)
    const second = await push(karen, [], infinite)
    expect(second[0]).toMatchObject({ status: 'rejected', code: 'invalid' })
    expect(second[0]!.reason).toMatch(/not finite/)
  })

  it('when the database fails one change, refuses that one and still applies the others of the push', async () => {
    const a = put(uuidv7(), note('h6'))
    const b = put(uuidv7(), note('h6', { title: 'Anden' }))
    const broken = { id: uuidv7(), entity: 'test-failing-command', entityId: uuidv7(), op: 'put', patch: {}, baseVersion: null }
    const results = await push(karen, [a, broken, b])
    expect(results.map((r) => [r.status, r.code ?? null])).toEqual([['applied', null], ['rejected', 'not_stored'], ['applied', null]])
    expect(results[1]!.reason).toMatch(/could not store/)
    const pulled = (await w.pull('council:h6', karen)).json().changes.map((c: { entityId: string }) => c.entityId).sort()
    expect(pulled).toEqual([a.entityId, b.entityId].sort())
  })

  it('keeps both sides of a conflict for its author until they decide, and only they can clear it', async () => {
    const id = uuidv7()
    const [created] = await push(karen, [put(id, note('h3'))])
    await push(birthe, [put(id, { text: 'Birthes tekst' }, { op: 'patch', baseVersion: created!.version! })])
    const conflict = put(id, { text: 'Karens tekst' }, { op: 'patch', baseVersion: created!.version! })
    expect((await push(karen, [conflict]))[0]).toMatchObject({ status: 'conflict', fields: ['text'] })
    const [kept] = await database.db.select().from(syncConflicts).where(eq(syncConflicts.mutationId, conflict.id))
    expect(kept).toMatchObject({ authorId: w.ids.memberId, clientValues: { text: 'Karens tekst' }, serverValues: { text: 'Birthes tekst' } })

    // Sent again (its answer lost on the way): still a conflict, never passed off as done.
    expect((await push(karen, [conflict]))[0]).toMatchObject({ status: 'conflict' })

    const exported = (await w.call('GET', '/api/me/export', { cookie: karen })).json()
    expect(exported.conflicts).toEqual([expect.objectContaining({ mutationId: conflict.id, mine: { text: 'Karens tekst' }, theirs: { text: 'Birthes tekst' } })])
    expect(exported.sentChanges.map((c: { mutationId: string }) => c.mutationId)).toContain(conflict.id)

    const resolve = { id: uuidv7(), entity: ConflictResolved.name, entityId: uuidv7(), op: 'put', patch: { mutationId: conflict.id }, baseVersion: null }
    // Someone else's "resolved" changes nothing, and says nothing about whose conflict it was.
    expect((await push(birthe, [resolve]))[0]).toMatchObject({ status: 'applied' })
    expect(await database.db.select().from(syncConflicts).where(eq(syncConflicts.mutationId, conflict.id))).toHaveLength(1)
    expect((await push(karen, [{ ...resolve, id: uuidv7() }]))[0]).toMatchObject({ status: 'applied' })
    expect(await database.db.select().from(syncConflicts).where(eq(syncConflicts.mutationId, conflict.id))).toEqual([])
    // A command is never remembered: nothing ties a device or a time to it.
    expect(await database.db.select().from(syncMutations).where(eq(syncMutations.id, resolve.id))).toEqual([])
  })

  it('forgets answers once no device can still send the change again, and at the author’s erasure', async () => {
    const [result] = await push(birthe, [put(uuidv7(), note('h4'))])
    expect(result!.status).toBe('applied')
    const mine = await database.db.select().from(syncMutations).where(eq(syncMutations.authorId, birtheId))
    expect(mine.length).toBeGreaterThan(0)
    const soon = await runSyncHousekeeping(database.db, new Date(Date.now() + 29 * 86_400_000), 30)
    expect(soon.mutations).toBe(0)
    const id = uuidv7()
    const [created] = await push(karen, [put(id, note('h4'))])
    await push(karen, [put(id, { text: 'ny' }, { op: 'patch', baseVersion: created!.version! })])
    await push(birthe, [put(id, { text: 'Birthes ord' }, { op: 'patch', baseVersion: created!.version! })])
    expect(await database.db.select().from(syncConflicts).where(eq(syncConflicts.authorId, birtheId))).toHaveLength(1)

    await database.db.transaction((tx) => erasePerson(tx, w.registry, birtheId, { kind: 'system' }, new Date()))
    expect(await database.db.select().from(syncMutations).where(eq(syncMutations.authorId, birtheId))).toEqual([])
    expect(await database.db.select().from(syncConflicts).where(eq(syncConflicts.authorId, birtheId))).toEqual([])

    const later = await runSyncHousekeeping(database.db, new Date(Date.now() + 31 * 86_400_000), 30)
    expect(later.mutations).toBeGreaterThan(0)
    expect(await database.db.select().from(syncMutations)).toEqual([])
  })

  it('pokes a stream nobody signed in to only for changes the public may read', async () => {
    const base = await w.app.listen({ port: 0, host: '127.0.0.1' })
    const versions: number[] = []
    const request = http.get(`${base}/api/sync/events`, { headers: { 'last-event-id': '999999' } }, (response) => {
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/event: poke\ndata: \{"version":(\d+)[,}]/g)) versions.push(Number(match[1]))
      })
    })
    request.on('error', () => {})
    await new Promise((r) => setTimeout(r, 300))
    const [secret] = await push(karen, [put(uuidv7(), note('secret'))])
    const [open] = await push(karen, [put(uuidv7(), note('h5'))])
    const deadline = Date.now() + 3000
    while (!versions.includes(open!.version!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    request.destroy()
    expect(versions).toContain(open!.version!)
    expect(versions).not.toContain(secret!.version!)
  })
})
