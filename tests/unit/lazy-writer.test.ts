import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { expect, it } from 'vitest'
import { lazyWriter } from '../../src/app/sync/lazy-writer.js'
import { createLocalDb } from '../../src/app/sync/local-db.js'
import * as writeModule from '../../src/app/sync/write.js'
import { Meeting, type MeetingData } from '../../src/shared/meetings/entities.js'

const meeting: MeetingData = {
  councilId: '0190d6a0-0000-7000-8000-0000000000c1',
  title: 'Brugerrådsmøde',
  date: '2030-05-01',
  startTime: null,
  endTime: null,
  place: '',
  placePhoto: null,
  participants: '',
  absent: '',
  published: false,
  minutesPublished: false,
}

it('writes asked for before the writer has loaded are stored, in the order they were asked, and heard by sync', async () => {
  const db = createLocalDb(`lazy-writer-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  const writer = lazyWriter(db)
  let heard = 0
  writer.onWrite(() => heard++)
  const id = await writer.create(Meeting, meeting)
  // Two changes, the second asked for before the first is stored (a person tapping twice).
  const updated = writer.update(Meeting, id, { title: 'Brugerrådsmøde i maj' })
  const placed = writer.update(Meeting, id, { place: 'Fælleshuset' })
  await Promise.all([updated, placed])
  const outbox = await db.outbox.orderBy('seq').toArray()
  expect(outbox.map((entry) => entry.op)).toEqual(['put', 'patch', 'patch'])
  expect(outbox.map((entry) => entry.patch)).toEqual([meeting, { title: 'Brugerrådsmøde i maj' }, { place: 'Fælleshuset' }])
  expect((await db.records.get([Meeting.name, id]))?.data).toEqual({ ...meeting, title: 'Brugerrådsmøde i maj', place: 'Fælleshuset' })
  expect(heard).toBe(3)
})

it('a write whose code cannot be fetched fails like a failed save, stores nothing, and the next write fetches it again', async () => {
  const db = createLocalDb(`lazy-writer-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  // The connection gives out while write.ts is on its way, then comes back.
  let reachable = false
  let fetched = 0
  const writer = lazyWriter(db, async () => {
    fetched++
    if (!reachable) throw new TypeError('Failed to fetch dynamically imported module: /assets/write.js')
    return writeModule
  })
  let heard = 0
  writer.onWrite(() => heard++)
  await expect(writer.create(Meeting, meeting)).rejects.toThrow('Failed to fetch')
  expect(await db.outbox.count()).toBe(0)
  expect(await db.records.count()).toBe(0)

  reachable = true
  const id = await writer.create(Meeting, meeting)
  expect(fetched).toBe(2)
  expect((await db.records.get([Meeting.name, id]))?.data).toEqual(meeting)
  expect(await db.outbox.count()).toBe(1)
  expect(heard).toBe(1)
  // Loaded once for good: later writes do not fetch it again.
  await writer.update(Meeting, id, { place: 'Fælleshuset' })
  expect(fetched).toBe(2)
})
