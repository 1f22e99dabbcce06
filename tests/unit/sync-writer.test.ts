import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { StorageFullError } from '../../src/app/sync/db-recovery.js'
import { createLocalDb, type LocalDb, type LocalRecord } from '../../src/app/sync/local-db.js'
import { change, SyncWriter } from '../../src/app/sync/write.js'
import { AgendaItem, emptyAgendaItem, Meeting, type MeetingData } from '../../src/shared/meetings/entities.js'

const COUNCIL = '0190d6a0-0000-7000-8000-0000000000c1'
const MEETING = '0190d6a0-0000-7000-8000-0000000000e1'
const ITEMS = ['0190d6a0-0000-7000-8000-0000000000f1', '0190d6a0-0000-7000-8000-0000000000f2', '0190d6a0-0000-7000-8000-0000000000f3']

const meeting: MeetingData = {
  councilId: COUNCIL,
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

let db: LocalDb
let writer: SyncWriter

/** A meeting and its items as the server sent them: synced, nothing waiting. */
async function pulled(): Promise<void> {
  const synced = (entity: string, id: string, data: Record<string, unknown>): LocalRecord => ({
    entity,
    id,
    scope: `council:${COUNCIL}`,
    data,
    base: data,
    version: 7,
    pending: 0,
  })
  await db.records.bulkPut([
    synced(Meeting.name, MEETING, meeting),
    ...ITEMS.map((id, i) => synced(AgendaItem.name, id, { ...emptyAgendaItem(COUNCIL, MEETING, i + 1), title: `Punkt ${i + 1}` })),
  ])
}

/** Makes storing `failing` throw, as a full disk or a crash would in the middle of a save. */
function failWhenStoring(failing: string, error: Error): void {
  const put = db.records.put.bind(db.records)
  db.records.put = ((record: LocalRecord, key?: [string, string]) => (record.id === failing ? Promise.reject(error) : put(record, key))) as typeof db.records.put
}

beforeEach(async () => {
  db = createLocalDb(`writer-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  await db.open()
  writer = new SyncWriter(db)
  await pulled()
})

/** A meeting with its items, as the import screen stores them: all new, in one go. */
const NEW_MEETING = '0190d6a0-0000-7000-8000-0000000000e2'
const NEW_ITEMS = ['0190d6a0-0000-7000-8000-0000000000f4', '0190d6a0-0000-7000-8000-0000000000f5', '0190d6a0-0000-7000-8000-0000000000f6']
const imported = () => [
  change.create(Meeting, { ...meeting, title: 'Importeret møde' }, NEW_MEETING),
  ...NEW_ITEMS.map((id, i) => change.create(AgendaItem, { ...emptyAgendaItem(COUNCIL, NEW_MEETING, i + 1), title: `Importeret ${i + 1}` }, id)),
]

describe('a meeting and its items in one go', () => {
  it('stores the meeting and every item with their outbox entries, meeting first, and tells sync once', async () => {
    let told = 0
    writer.onWrite(() => void (told += 1))
    await writer.apply(imported())

    expect((await db.records.get([Meeting.name, NEW_MEETING]))?.data.title).toBe('Importeret møde')
    const outbox = await db.outbox.orderBy('seq').toArray()
    expect(outbox.map((e) => [e.entityId, e.op, e.baseVersion])).toEqual([[NEW_MEETING, 'put', null], ...NEW_ITEMS.map((id) => [id, 'put', null])])
    expect(await db.records.where('pending').equals(1).count()).toBe(4)
    expect(told).toBe(1)
  })

  it('a disk that fills up on the second item leaves no meeting and no item behind', async () => {
    failWhenStoring(NEW_ITEMS[1]!, Object.assign(new Error('disk full'), { name: 'QuotaExceededError' }))
    await expect(writer.apply(imported())).rejects.toBeInstanceOf(StorageFullError)

    expect(await db.records.get([Meeting.name, NEW_MEETING])).toBeUndefined()
    expect(await db.records.get([AgendaItem.name, NEW_ITEMS[0]!])).toBeUndefined()
    expect(await db.outbox.count()).toBe(0)
    expect(await db.records.where('pending').equals(1).count()).toBe(0)
  })
})

describe('SyncWriter.apply', () => {
  it('stores a new record and a change to it in one go, in order', async () => {
    const id = '0190d6a0-0000-7000-8000-0000000000f9'
    await writer.apply([
      change.create(AgendaItem, { ...emptyAgendaItem(COUNCIL, MEETING, 4), title: 'Nyt punkt' }, id),
      change.update(AgendaItem, id, { easyTitle: 'Nyt' }),
      change.remove(AgendaItem, ITEMS[0]!),
    ])
    const record = await db.records.get([AgendaItem.name, id])
    expect(record).toMatchObject({ scope: `council:${COUNCIL}`, version: 0, pending: 1, data: { title: 'Nyt punkt', easyTitle: 'Nyt' } })
    expect(await db.records.get([AgendaItem.name, ITEMS[0]!])).toBeUndefined()
    const outbox = await db.outbox.orderBy('seq').toArray()
    expect(outbox.map((e) => [e.entityId, e.op, e.baseVersion])).toEqual([
      [id, 'put', null],
      [id, 'patch', null],
      [ITEMS[0], 'delete', 7],
    ])
    // Discarding the delete later must be able to bring the item back.
    expect(outbox[2]!.removed?.data).toMatchObject({ title: 'Punkt 1' })
  })

  it('refuses the whole batch when one change is to a record the device does not have', async () => {
    await expect(
      writer.apply([change.update(Meeting, MEETING, { title: 'Nyt navn' }), change.update(AgendaItem, '0190d6a0-0000-7000-8000-00000000dead', { title: 'x' })]),
    ).rejects.toThrow(/not on this device/)
    expect((await db.records.get([Meeting.name, MEETING]))?.data.title).toBe('Brugerrådsmøde')
    expect(await db.outbox.count()).toBe(0)
  })
})

describe('modify: a change made from what the device holds when it is written', () => {
  it('keeps both of two quick additions to a list field, where two updates from the same screen lost the first', async () => {
    const seen = meeting.participants
    // Two additions started from what a screen showed before either was stored, as a facilitator
    // adding a second question before the list showed the first.
    await Promise.all([
      writer.modify(Meeting, MEETING, (m) => ({ participants: `${m.participants}Anna;` })),
      writer.modify(Meeting, MEETING, (m) => ({ participants: `${m.participants}Bo;` })),
    ])
    expect((await db.records.get([Meeting.name, MEETING]))!.data.participants).toBe('Anna;Bo;')
    // Each is one change waiting to be sent, with the field as it was written.
    const entries = await db.outbox.toArray()
    expect(entries.map((e) => e.patch)).toEqual([{ participants: 'Anna;' }, { participants: 'Anna;Bo;' }])
    expect(entries.every((e) => e.baseVersion === 7)).toBe(true)

    // The same two through update, each from what the screen had seen: the first is lost.
    await writer.update(Meeting, MEETING, { participants: `${seen}Anna;` })
    await writer.update(Meeting, MEETING, { participants: `${seen}Bo;` })
    expect((await db.records.get([Meeting.name, MEETING]))!.data.participants).toBe('Bo;')
  })

  it('refuses a record that is not on the device and stores nothing', async () => {
    await expect(writer.modify(Meeting, NEW_MEETING, () => ({ title: 'x' }))).rejects.toThrow(/not on this device/)
    expect(await db.outbox.count()).toBe(0)
  })
})
