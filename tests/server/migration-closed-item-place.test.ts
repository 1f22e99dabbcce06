import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/server/db/schema.js'
import { agendaItemPolicy } from '../../src/server/meetings/policies.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { readChanges } from '../../src/server/sync/pull.js'
import { projectRoot } from '../../src/server/project-root.js'
import { emptyAgendaItem, withheldItem, type AgendaItemData } from '../../src/shared/meetings/entities.js'
import { meetingData } from './helpers.js'
import { migrationsBefore } from './migrations-before.js'

describe('migration 0011: the public gets the place of closed items already stored', () => {
  it('gives exactly the closed items of published meetings the audience their policy now gives, at a new version', async () => {
    const client = new PGlite()
    const db = drizzle(client, { schema })
    await migrate(db, { migrationsFolder: migrationsBefore('0011_closed_item_place') })

    const council = '0190a000-0000-7000-8000-000000000001'
    const scope = `council:${council}`
    const published = meetingData(council, { published: true })
    const draft = meetingData(council, { published: false })
    const item = (meetingId: string, extra: Partial<AgendaItemData>): AgendaItemData => ({ ...emptyAgendaItem(council, meetingId, 2), title: 'Personsag', easyText: 'Om fru Hansen.', ...extra })
    const rows = [
      { id: '0190a000-0000-7000-8000-000000000002', entity: 'meeting', data: published, audience: ['public'] },
      { id: '0190a000-0000-7000-8000-000000000003', entity: 'meeting', data: draft, audience: [`staff:${council}`] },
      { id: '0190a000-0000-7000-8000-000000000010', entity: 'agenda-item', data: item('0190a000-0000-7000-8000-000000000002', { closed: false, title: 'Maden' }), audience: ['public'] },
      { id: '0190a000-0000-7000-8000-000000000011', entity: 'agenda-item', data: item('0190a000-0000-7000-8000-000000000002', { closed: true }), audience: [`inside:${council}`] },
      { id: '0190a000-0000-7000-8000-000000000012', entity: 'agenda-item', data: item('0190a000-0000-7000-8000-000000000003', { closed: true }), audience: [`staff:${council}`] },
    ]
    for (const row of rows) {
      await db.insert(schema.syncRecords).values({ entity: row.entity, id: row.id, scope, data: row.data, fieldVersions: {}, version: 5, audience: row.audience, everAudience: row.audience })
    }
    await client.query('update sync_state set version = 5')

    await migrate(db, { migrationsFolder: path.join(projectRoot(), 'drizzle') })

    const after = new Map((await db.select().from(schema.syncRecords)).map((r) => [r.id.slice(-2), r]))
    const closedItem = after.get('11')!
    // What the policy says today, for the item and its published meeting.
    expect(closedItem.audience).toEqual(agendaItemPolicy.audience(closedItem.data as AgendaItemData, { meeting: published }).sort())
    expect(closedItem.everAudience).toContain('public')
    expect(closedItem.version).toBe(6)
    for (const untouched of ['02', '03', '10', '12']) expect(after.get(untouched)!.version).toBe(5)
    expect(after.get('12')!.audience).toEqual([`staff:${council}`])
    expect((await db.select().from(schema.syncState))[0]!.version).toBe(6)

    // A device that pulled up to 5 before now gets the closed item's place, and nothing of it.
    const page = await readChanges(db, createSyncRegistry(), ['public'], 5, [scope], 100)
    expect(page.changes.map((c) => [c.entityId.slice(-2), c.data])).toEqual([['11', withheldItem(closedItem.data as AgendaItemData)]])
    await client.close()
  })
})

describe('migration 0012: a question about a deleted item is no longer public', () => {
  it('gives such questions the audience their policy now gives, at a new version, so public devices drop them', async () => {
    const client = new PGlite()
    const db = drizzle(client, { schema })
    await migrate(db, { migrationsFolder: migrationsBefore('0012_question_of_deleted_item') })

    const council = '0190a000-0000-7000-8000-000000000001'
    const scope = `council:${council}`
    const meetingId = '0190a000-0000-7000-8000-000000000002'
    const meeting = meetingData(council, { published: true })
    const question = (itemId: string | null, text: string) => ({ councilId: council, meetingId, itemId, text, options: [], status: 'open', counts: [0, 0], askedAt: '2026-06-01T10:00:00.000Z', closedAt: null })
    const rows = [
      { id: meetingId, entity: 'meeting', data: meeting, audience: ['public'] },
      { id: '0190a000-0000-7000-8000-000000000010', entity: 'agenda-item', data: null, audience: [] },
      { id: '0190a000-0000-7000-8000-000000000011', entity: 'agenda-item', data: { ...emptyAgendaItem(council, meetingId, 2), title: 'Maden' }, audience: ['public'] },
      { id: '0190a000-0000-7000-8000-000000000020', entity: 'live-question', data: question('0190a000-0000-7000-8000-000000000010', 'Skal fru Hansen have hjælp?'), audience: ['public'] },
      { id: '0190a000-0000-7000-8000-000000000021', entity: 'live-question', data: question('0190a000-0000-7000-8000-000000000011', 'Er maden god?'), audience: ['public'] },
      { id: '0190a000-0000-7000-8000-000000000022', entity: 'live-question', data: question(null, 'Skal vi på tur?'), audience: ['public'] },
    ]
    for (const row of rows) {
      await db.insert(schema.syncRecords).values({ entity: row.entity, id: row.id, scope, data: row.data, fieldVersions: {}, version: 5, audience: row.audience, everAudience: row.audience.length ? row.audience : ['public'] })
    }
    await client.query('update sync_state set version = 5')

    await migrate(db, { migrationsFolder: path.join(projectRoot(), 'drizzle') })

    const after = new Map((await db.select().from(schema.syncRecords)).map((r) => [r.id.slice(-2), r]))
    const registry = createSyncRegistry()
    const gone = after.get('20')!
    expect(gone.audience).toEqual(registry.get('live-question')!.policy.audience(gone.data!, { meeting, item: null }).sort())
    expect(gone.version).toBe(6)
    for (const untouched of ['21', '22']) expect(after.get(untouched)!).toMatchObject({ audience: ['public'], version: 5 })

    // A public device that pulled it before is told to drop it, and sees nothing of it again.
    const page = await readChanges(db, registry, ['public'], 5, [scope], 100)
    expect(page.changes.map((c) => [c.entityId.slice(-2), c.data])).toEqual([['20', null]])
    await client.close()
  })
})
