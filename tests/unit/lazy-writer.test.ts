import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { expect, it } from 'vitest'
import { lazyWriter } from '../../src/app/sync/lazy-writer.js'
import { createLocalDb } from '../../src/app/sync/local-db.js'
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
