import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import type { AccountsContext } from '../../src/server/accounts/context.js'
import { createSignInLimits } from '../../src/server/accounts/rate-limit.js'
import { auditLog, councils, memberships, people } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { runRetention } from '../../src/server/privacy/retention.js'
import { createMemoryPokeBus } from '../../src/server/sync/pokes.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'
import { personalTestRegistry } from './sync-fixture.js'

describe.each(databasesUnderTest())('the retention job on $name', (target) => {
  let database: Database
  let nowMs: number
  let ctx: AccountsContext
  let keep12: string
  let keepNever: string

  beforeEach(async () => {
    database = await target.open()
    nowMs = Date.parse('2026-06-01T03:00:00Z')
    ctx = { db: database.db, registry: personalTestRegistry(), pokes: createMemoryPokeBus(), limits: createSignInLimits(database.db, new Uint8Array(32)), now: () => new Date(nowMs) }
    keep12 = uuidv7()
    keepNever = uuidv7()
    await database.db.insert(councils).values([
      { id: keep12, name: 'Et år', kind: 'other', centre: 'C', description: '', retentionMonths: 12 },
      { id: keepNever, name: 'Altid', kind: 'other', centre: 'C', description: '', retentionMonths: null },
    ])
  })
  afterEach(async () => {
    await database.close()
  })

  async function person(terms: { councilId: string; termEnd: string | null }[], staffRole: string | null = null) {
    const id = uuidv7()
    await database.db.insert(people).values({ id, kind: staffRole ? 'staff' : 'member', name: `P ${id.slice(-4)}`, staffRole })
    for (const t of terms) await database.db.insert(memberships).values({ id: uuidv7(), personId: id, role: 'member', termStart: '2024-01-01', ...t })
    return id
  }
  const erased = async (id: string) => (await database.db.select().from(people).where(eq(people.id, id)))[0]!.erasedAt !== null

  it('erases a former member once every term ended longer ago than the council keeps data', async () => {
    const former = await person([{ councilId: keep12, termEnd: '2026-05-31' }])
    const stillOn = await person([{ councilId: keep12, termEnd: '2026-05-31' }, { councilId: keep12, termEnd: null }])
    const keptByCouncil = await person([{ councilId: keep12, termEnd: '2026-05-31' }, { councilId: keepNever, termEnd: '2024-12-31' }])
    const staff = await person([{ councilId: keep12, termEnd: '2024-01-31' }], 'secretary')

    nowMs = Date.parse('2027-05-31T12:00:00Z')
    expect(await runRetention(ctx)).toBe(0)
    expect(await erased(former)).toBe(false)

    nowMs = Date.parse('2027-06-01T12:00:00Z')
    expect(await runRetention(ctx)).toBe(1)
    expect(await erased(former)).toBe(true)
    for (const id of [stillOn, keptByCouncil, staff]) expect(await erased(id)).toBe(false)
    const [entry] = (await database.db.select().from(auditLog)).filter((e) => e.action === 'person.erase')
    // Logged under a pseudonym: the log no longer names the erased person.
    expect(entry).toMatchObject({ actorId: null, targetType: 'person' })
    expect(entry!.targetId).not.toBe(former)

    nowMs = Date.parse('2030-01-01T12:00:00Z')
    expect(await runRetention(ctx)).toBe(0)
  })

  it('runs when the server starts, on the server clock', async () => {
    const former = await person([{ councilId: keep12, termEnd: '2025-01-31' }])
    const app = await buildTestServer({ ...database, close: async () => {} }, { syncRegistry: ctx.registry, now: ctx.now })
    await app.ready()
    expect(await erased(former)).toBe(true)
    await app.close()
  })
})
