import { createHash } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/server/db/schema.js'
import { migrationsBefore } from './migrations-before.js'

const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('migration 0004: audiences and media out of records', () => {
  it('moves photos and recordings of existing records into media, and gives every record its audience', async () => {
    const client = new PGlite()
    const db = drizzle(client, { schema })
    await migrate(db, { migrationsFolder: migrationsBefore('0004_sync_v2_audience_media') })

    const council = '0190a000-0000-7000-8000-000000000001'
    const draft = '0190a000-0000-7000-8000-000000000002'
    const published = '0190a000-0000-7000-8000-000000000003'
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])
    const voice = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 4, 5, 6])
    const meeting = (id: string, isPublished: boolean) => ({
      entity: 'meeting',
      id,
      scope: `council:${council}`,
      data: { councilId: council, title: 'Møde', date: '2026-01-01', startTime: null, endTime: null, place: '', placePhoto: dataUrl('image/jpeg', photo), participants: '', absent: '', published: isPublished, minutesPublished: false },
      fieldVersions: {},
      version: 1,
    })
    const item = (id: string, meetingId: string, closed: boolean) => ({
      entity: 'agenda-item',
      id,
      scope: `council:${council}`,
      // Before 0004 an item carried its own copy of the meeting's flag; here it lies.
      data: { councilId: council, meetingId, position: 1, title: 'Punkt', closed, published: true, photo: null, audio: dataUrl('audio/webm;codecs=opus', voice) },
      fieldVersions: { published: 1 },
      version: 1,
    })
    // Written as the tables were before 0004 (today's schema has columns they did not).
    for (const row of [
      meeting(draft, false),
      meeting(published, true),
      item('0190a000-0000-7000-8000-000000000010', draft, false),
      item('0190a000-0000-7000-8000-000000000011', published, false),
      item('0190a000-0000-7000-8000-000000000012', published, true),
    ]) {
      await client.query('insert into sync_records (entity, id, scope, data, field_versions, version) values ($1, $2, $3, $4, $5, $6)', [
        row.entity,
        row.id,
        row.scope,
        JSON.stringify(row.data),
        JSON.stringify(row.fieldVersions),
        row.version,
      ])
    }
    await client.query('update sync_state set version = 1')

    // Up to the next change of item audiences (0011, tested in migration-closed-item-place.test.ts).
    await migrate(db, { migrationsFolder: migrationsBefore('0011_closed_item_place') })

    const rows = new Map((await db.select().from(schema.syncRecords)).map((r) => [r.id, r]))
    const audiences = [...rows.values()].map((r) => [r.id.slice(-2), r.audience])
    expect(Object.fromEntries(audiences)).toEqual({
      '02': [`staff:${council}`],
      '03': ['public'],
      // An item of a draft meeting is the staff's, whatever it said of itself.
      '10': [`staff:${council}`],
      '11': ['public'],
      '12': [`inside:${council}`],
    })
    for (const row of rows.values()) {
      expect(row.everAudience).toEqual(row.audience)
      expect(row.version, 'every changed record gets a new version, so devices pull its new form').toBe(2)
    }
    const anItem = rows.get('0190a000-0000-7000-8000-000000000011')!
    expect(anItem.data).not.toHaveProperty('published')
    expect(anItem.fieldVersions).not.toHaveProperty('published')
    expect(anItem.data!.audio).toEqual({ sha256: sha(voice), type: 'audio/webm', bytes: voice.length })
    expect(rows.get(draft)!.data!.placePhoto).toEqual({ sha256: sha(photo), type: 'image/jpeg', bytes: photo.length })

    const stored = await db.select().from(schema.media)
    expect(stored.map((m) => [m.sha256, m.type, m.bytes]).sort()).toEqual(
      [
        [sha(photo), 'image/jpeg', photo.length],
        [sha(voice), 'audio/webm', voice.length],
      ].sort(),
    )
    expect(Buffer.from(stored.find((m) => m.sha256 === sha(voice))!.data)).toEqual(voice)
    expect(await db.select().from(schema.mediaRefs)).toHaveLength(5)
    expect((await db.select().from(schema.syncState))[0]!.version).toBe(2)
    await client.close()
  })
})
