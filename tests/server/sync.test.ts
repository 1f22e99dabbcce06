import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, inArray } from 'drizzle-orm'
import type { Database } from '../../src/server/db/database.js'
import { syncConflicts, syncRecords } from '../../src/server/db/schema.js'
import { PUSH_BATCH_LIMIT, SYNC_PROTOCOL_VERSION, type Mutation, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildTestServer, databasesUnderTest, signedInCookie } from './helpers.js'
import { LOCKED_COUNCIL, testRegistry } from './sync-fixture.js'

type App = Awaited<ReturnType<typeof buildTestServer>>

const note = (councilId: string, fields: Record<string, unknown> = {}) => ({ councilId, title: 'Idé', text: 'Mere frugt', ...fields })
function mutation(entityId: string, patch: Record<string, unknown>, extra: Partial<Mutation> = {}): Mutation {
  return { id: uuidv7(), entity: 'test-note', entityId, op: 'put', patch, baseVersion: null, ...extra }
}

describe.each(databasesUnderTest())('sync on $name', ({ open }) => {
  let database: Database
  let app: App
  const clientId = uuidv7()

  let cookie = ''
  const push = async (mutations: Mutation[], protocolVersion = SYNC_PROTOCOL_VERSION) => {
    const response = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { origin: 'http://localhost', cookie }, payload: { clientId, protocolVersion, mutations } })
    return { status: response.statusCode, body: response.json() as PushResponse }
  }
  const pull = async (since: string, scopes: string, extra = '') => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/sync/pull?since=${since}&scopes=${encodeURIComponent(scopes)}&protocolVersion=${SYNC_PROTOCOL_VERSION}${extra}`,
    })
    return { status: response.statusCode, body: response.json() as PullResponse }
  }

  beforeAll(async () => {
    database = await open()
    app = await buildTestServer(database, { syncRegistry: testRegistry() })
    await app.ready()
    cookie = await signedInCookie(database)
  })
  afterAll(async () => {
    await app.close()
  })

  it('applies a push in one new version and lets a device pull it', async () => {
    const a = uuidv7()
    const b = uuidv7()
    const { status, body } = await push([mutation(a, note('c1')), mutation(b, note('c1', { title: 'Tur' }))])
    expect(status).toBe(200)
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    expect(body.results[0]!.version).toBe(body.version)
    expect(body.results[1]!.version).toBe(body.version)

    const pulled = await pull('0', 'council:c1')
    expect(pulled.status).toBe(200)
    expect(pulled.body.changes.map((c) => c.entityId).sort()).toEqual([a, b].sort())
    expect(pulled.body.changes[0]).toMatchObject({ entity: 'test-note', scope: 'council:c1', version: body.version })
    expect(pulled.body.cursor).toBe(String(body.version))
    expect(pulled.body.hasMore).toBe(false)

    const again = await pull(pulled.body.cursor, 'council:c1')
    expect(again.body.changes).toEqual([])
  })

  it('answers a repeated mutation as duplicate with the original result, and applies it once', async () => {
    const m = mutation(uuidv7(), note('c2'))
    const first = await push([m])
    const second = await push([m])
    expect(second.body.results[0]).toEqual({ ...first.body.results[0], status: 'duplicate' })
    const rows = await database.db.select().from(syncRecords).where(eq(syncRecords.id, m.entityId))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.version).toBe(first.body.version)
  })

  it('answers the sent-again mutations of a push as before and applies its new ones once, in one new version', async () => {
    const applied = mutation(uuidv7(), note('c2', { text: 'Først' }))
    const refused = mutation(uuidv7(), note(LOCKED_COUNCIL))
    const first = await push([applied, refused])
    await push([mutation(applied.entityId, { text: 'Rettet af A' }, { op: 'patch', baseVersion: first.body.version })])
    const clash = mutation(applied.entityId, { text: 'Rettet af B' }, { op: 'patch', baseVersion: first.body.version })
    const clashed = await push([clash])
    expect(clashed.body.results[0]!.status).toBe('conflict')

    const fresh = mutation(uuidv7(), note('c2', { title: 'Ny' }))
    const edit = mutation(applied.entityId, { title: 'Rettet' }, { op: 'patch', baseVersion: clashed.body.version })
    const second = await push([fresh, applied, clash, edit, refused])
    expect(second.body.results).toEqual([
      { mutationId: fresh.id, status: 'applied', version: second.body.version },
      { ...first.body.results[0], status: 'duplicate' },
      clashed.body.results[0],
      { mutationId: edit.id, status: 'applied', version: second.body.version },
      first.body.results[1],
    ])
    expect(second.body.version).toBeGreaterThan(clashed.body.version)
    const rows = await database.db.select().from(syncRecords).where(inArray(syncRecords.id, [applied.entityId, fresh.entityId]))
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.data?.title, r.data?.text, r.version]]))).toEqual({
      [applied.entityId]: ['Rettet', 'Rettet af A', second.body.version],
      [fresh.entityId]: ['Ny', 'Mere frugt', second.body.version],
    })
    expect(await database.db.select().from(syncConflicts).where(eq(syncConflicts.mutationId, clash.id))).toHaveLength(1)
  })

  it('rejects what is wrong with a reason and still applies the rest of the batch', async () => {
    const good = mutation(uuidv7(), note('c3'))
    const unknown = { ...mutation(uuidv7(), note('c3')), entity: 'no-such-thing' }
    const broken = mutation(uuidv7(), note('c3', { title: 42 }))
    const extra = mutation(uuidv7(), note('c3', { colour: 'red' }))
    const forbidden = mutation(uuidv7(), note(LOCKED_COUNCIL))
    const missing = mutation(uuidv7(), { title: 'x' }, { op: 'patch', baseVersion: 1 })
    const { status, body } = await push([unknown, broken, good, extra, forbidden, missing])
    expect(status).toBe(200)
    expect(body.results.map((r) => [r.status, r.code ?? null])).toEqual([
      ['rejected', 'unknown_entity'],
      ['rejected', 'invalid'],
      ['applied', null],
      ['rejected', 'invalid'],
      ['rejected', 'forbidden'],
      ['rejected', 'not_found'],
    ])
    expect(body.results[1]!.reason).toMatch(/title/)
    expect(body.results[4]!.reason).toBe('This council does not take changes from this device.')
    const written = await database.db.select().from(syncRecords)
    const ids = new Set(written.map((r) => r.id))
    expect(ids.has(good.entityId)).toBe(true)
    for (const m of [unknown, broken, extra, forbidden, missing]) expect(ids.has(m.entityId)).toBe(false)
  })

  it(`answers mutations past ${PUSH_BATCH_LIMIT} in one push with batch_limit, applying the first ${PUSH_BATCH_LIMIT}`, async () => {
    const mutations = Array.from({ length: PUSH_BATCH_LIMIT + 3 }, () => mutation(uuidv7(), note('c4')))
    const { body } = await push(mutations)
    expect(body.results.filter((r) => r.status === 'applied')).toHaveLength(PUSH_BATCH_LIMIT)
    expect(body.results.slice(PUSH_BATCH_LIMIT).map((r) => r.code)).toEqual(['batch_limit', 'batch_limit', 'batch_limit'])
    // The rest is taken when sent again.
    const rest = await push(mutations.slice(PUSH_BATCH_LIMIT))
    expect(rest.body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
  })

  it('merges ordinary fields last-writer-wins but keeps both texts when a person\'s text conflicts', async () => {
    const id = uuidv7()
    const created = await push([mutation(id, note('c5', { text: 'Min første tekst' }))])
    const v1 = created.body.version
    // Device A edits the text on top of v1.
    const edited = await push([mutation(id, { text: 'Rettet af A' }, { op: 'patch', baseVersion: v1 })])
    expect(edited.body.results[0]!.status).toBe('applied')
    // Device B, still on v1, changes the votes (fine) and the text (a conflict).
    const votes = await push([mutation(id, { votes: 3 }, { op: 'patch', baseVersion: v1 })])
    expect(votes.body.results[0]!.status).toBe('applied')
    const clash = await push([mutation(id, { text: 'Rettet af B' }, { op: 'patch', baseVersion: v1 })])
    expect(clash.body.results[0]).toMatchObject({ status: 'conflict', code: 'conflict', fields: ['text'] })

    const [row] = await database.db.select().from(syncRecords).where(eq(syncRecords.id, id))
    expect(row!.data).toMatchObject({ text: 'Rettet af A', votes: 3 })
    const [kept] = await database.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, id))
    expect(kept).toMatchObject({ fields: ['text'], serverValues: { text: 'Rettet af A' }, clientValues: { text: 'Rettet af B' } })
  })

  it('applies a device\'s own later edit of a text it created, in the same push or after a lost answer, and still keeps someone else\'s', async () => {
    // Written offline (or quicker than a sync): the device creates a note and then edits its
    // text, both before the server has answered, so both carry no base version. The edit was
    // made on top of the creation, so it is not a conflict with someone else.
    const id = uuidv7()
    const { body } = await push([mutation(id, note('c5b', { text: 'Første udkast' })), mutation(id, { text: 'Rettet udkast' }, { op: 'patch', baseVersion: null })])
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied'])
    const [row] = await database.db.select().from(syncRecords).where(eq(syncRecords.id, id))
    expect(row!.data).toMatchObject({ text: 'Rettet udkast' })
    expect(await database.db.select().from(syncConflicts).where(eq(syncConflicts.entityId, id))).toEqual([])
    // Another device that had not seen the note still conflicts, as before.
    const clash = await push([mutation(id, { text: 'En andens tekst' }, { op: 'patch', baseVersion: null })])
    expect(clash.body.results[0]).toMatchObject({ status: 'conflict', fields: ['text'] })
    // A change that alters nothing says so: its version is not the device's own.
    const same = await push([mutation(id, { text: 'Rettet udkast' }, { op: 'patch', baseVersion: body.version })])
    expect(same.body.results[0]).toMatchObject({ status: 'applied', version: body.version, unchanged: true })

    // The answer to the creation is lost; the device edits on top and sends both again.
    const lost = mutation(uuidv7(), note('c5b', { text: 'Skrevet offline' }))
    await push([lost])
    const edit = mutation(lost.entityId, { text: 'Rettet offline' }, { op: 'patch', baseVersion: null })
    const resent = await push([lost, edit])
    expect(resent.body.results.map((r) => r.status)).toEqual(['duplicate', 'applied'])
    const [edited] = await database.db.select().from(syncRecords).where(eq(syncRecords.id, lost.entityId))
    expect(edited!.data).toMatchObject({ text: 'Rettet offline' })

    // But had someone else changed the text meanwhile, the device's edit is theirs to decide on.
    const other = mutation(uuidv7(), note('c5b', { text: 'Min tekst' }))
    const landed = await push([other])
    await push([mutation(other.entityId, { text: 'Ændret af en anden' }, { op: 'patch', baseVersion: landed.body.version })])
    const late = await push([other, mutation(other.entityId, { text: 'Min rettelse' }, { op: 'patch', baseVersion: null })])
    expect(late.body.results.map((r) => r.status)).toEqual(['duplicate', 'conflict'])
  })

  it('deletes as a tombstone that devices pull, and refuses to change a deleted record', async () => {
    const id = uuidv7()
    await push([mutation(id, note('c6'))])
    const deleted = await push([mutation(id, {}, { op: 'delete' })])
    expect(deleted.body.results[0]!.status).toBe('applied')
    const pulled = await pull('0', 'council:c6')
    expect(pulled.body.changes).toEqual([expect.objectContaining({ entityId: id, data: null })])
    const revive = await push([mutation(id, { title: 'Igen' }, { op: 'patch', baseVersion: deleted.body.version })])
    expect(revive.body.results[0]).toMatchObject({ status: 'rejected', code: 'deleted' })
  })

  it('pulls only the scopes asked for, and only what the caller may read', async () => {
    await push([mutation(uuidv7(), note('c7')), mutation(uuidv7(), note('c8')), mutation(uuidv7(), note('secret'))])
    const one = await pull('0', 'council:c7')
    expect(new Set(one.body.changes.map((c) => c.scope))).toEqual(new Set(['council:c7']))
    // What nobody may read is not told at all: not as a record, not as a deletion.
    const hidden = await pull('0', 'council:secret')
    expect(hidden.body.changes).toEqual([])
  })

  it('pages with hasMore and never splits one push across pages', async () => {
    const first = await push(Array.from({ length: 3 }, () => mutation(uuidv7(), note('c9'))))
    const second = await push(Array.from({ length: 3 }, () => mutation(uuidv7(), note('c9'))))
    const page1 = await pull('0', 'council:c9', '&limit=4')
    expect(page1.body.hasMore).toBe(true)
    expect(page1.body.changes.map((c) => c.version)).toEqual([first.body.version, first.body.version, first.body.version])
    const page2 = await pull(page1.body.cursor, 'council:c9', '&limit=4')
    expect(page2.body.changes.map((c) => c.version)).toEqual([second.body.version, second.body.version, second.body.version])
    expect(page2.body.hasMore).toBe(false)
  })

  it.each([
    ['a cursor that is not a cursor', '/api/sync/pull?since=abc&scopes=council:c1&protocolVersion=1', 400],
    ['a negative cursor', '/api/sync/pull?since=-5&scopes=council:c1&protocolVersion=1', 400],
    ['a scope that is not a scope', '/api/sync/pull?since=0&scopes=council:c1,drop%20table&protocolVersion=1', 400],
    ['a missing protocol version', '/api/sync/pull?since=0&scopes=council:c1', 400],
    ['a client too old to sync', '/api/sync/pull?since=0&scopes=council:c1&protocolVersion=0', 409],
  ])('answers %s with %i and a message', async (_label, url, status) => {
    const response = await app.inject({ method: 'GET', url })
    expect(response.statusCode).toBe(status)
    expect(response.json().message).toEqual(expect.any(String))
  })

  it('answers bad pushes with 400/409 and a message, never a 500', async () => {
    const garbage = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, payload: '{"clientId":' })
    expect(garbage.statusCode).toBe(400)
    const notAPush = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { origin: 'http://localhost' }, payload: { hello: 'world' } })
    expect(notAPush.statusCode).toBe(400)
    const old = await push([mutation(uuidv7(), note('c1'))], 0)
    expect(old.status).toBe(409)
    expect((old.body as unknown as { code: string }).code).toBe('client_outdated')
  })
})
