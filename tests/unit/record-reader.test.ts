import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { startPageAnswer } from '../../src/app/meetings/start-page.js'
import { meetingViewAnswer } from '../../src/app/meetings/use-meetings.js'
import { SyncEngine } from '../../src/app/sync/engine.js'
import { createLocalDb } from '../../src/app/sync/local-db.js'
import { deviceRecords, pulledRecords } from '../../src/app/sync/record-reader.js'
import type { SyncTransport } from '../../src/app/sync/transport.js'
import type { Change } from '../../src/shared/sync/protocol.js'

const COUNCIL = '01a22481-6272-7577-90ba-e355b803f7fb'
const OTHER = '01a22481-6272-7577-90ba-e355b803f7fc'
const MEETING = '01a22481-62dc-7081-9fdb-23496340f291'
const scope = `council:${COUNCIL}`
const item = (id: string, position: number, title: string, meetingId = MEETING): Change => ({
  entity: 'agenda-item',
  entityId: id,
  scope,
  version: 5,
  data: { meetingId, councilId: COUNCIL, position, title, easyTitle: '', easyText: '', sections: [], attachments: [], closed: false, decision: null },
})

/** A first pull as the server sends one: not in any order the page shows, with a late change and a deletion. */
const changes: Change[] = [
  { entity: 'council', entityId: OTHER, scope: 'public:councils', version: 2, data: { name: 'Centerrådet', kind: 'center', centre: 'B' } },
  { entity: 'council', entityId: COUNCIL, scope: 'public:councils', version: 1, data: { name: 'Brugerrådet', kind: 'user', centre: 'A' } },
  item('01a22481-62dc-7081-9fdb-000000000003', 3, 'Haven'),
  item('01a22481-62dc-7081-9fdb-000000000001', 1, 'Velkommen'),
  item('01a22481-62dc-7081-9fdb-000000000002', 2, 'Maden'),
  item('01a22481-62dc-7081-9fdb-000000000004', 1, 'Et andet møde', '01a22481-62dc-7081-9fdb-23496340f299'),
  { entity: 'meeting', entityId: MEETING, scope, version: 3, data: { councilId: COUNCIL, title: 'Møde i brugerrådet', date: '2026-12-03', published: true } },
  { ...item('01a22481-62dc-7081-9fdb-000000000002', 2, 'Maden i huset'), version: 7 },
  { entity: 'agenda-item', entityId: '01a22481-62dc-7081-9fdb-000000000003', scope, version: 8, data: null },
]

async function deviceAfterFirstPull() {
  const db = createLocalDb(`record-reader-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
  const offline = { pull: () => Promise.reject(new Error('offline')), push: () => Promise.reject(new Error('offline')) } as unknown as SyncTransport
  await new SyncEngine(db, offline, () => []).applyChanges(changes, ['public:councils', scope], '8')
  return deviceRecords(db)
}

describe('a page rendered by the server reads what the device will read after storing the same first pull', () => {
  it('gives the meeting page the same first answer as IndexedDB does: items in order, the later change, without the deleted one', async () => {
    const fromPull = await meetingViewAnswer(MEETING, pulledRecords(changes))
    expect(fromPull).toEqual(await meetingViewAnswer(MEETING, await deviceAfterFirstPull()))
    const view = fromPull.answer as { items: { data: { title: string } }[]; council: { name: string } }
    expect(view.items.map((i) => i.data.title)).toEqual(['Velkommen', 'Maden i huset'])
    expect(view.council.name).toBe('Brugerrådet')
    // A hydrating device compares by JSON: the same keys in the same order, not only equal values.
    expect(JSON.stringify(fromPull)).toBe(JSON.stringify(await meetingViewAnswer(MEETING, await deviceAfterFirstPull())))
  })

  it('gives the start page the same list of councils, in the same order', async () => {
    const fromPull = await startPageAnswer(pulledRecords(changes))
    expect(JSON.stringify(fromPull)).toBe(JSON.stringify(await startPageAnswer(await deviceAfterFirstPull())))
    expect((fromPull.answer as { name: string }[]).map((c) => c.name)).toEqual(['Brugerrådet', 'Centerrådet'])
  })

  it('answers a meeting it does not have with null, and an empty list of councils as not yet known', async () => {
    expect((await meetingViewAnswer('01a22481-62dc-7081-9fdb-23496340f2ff', pulledRecords(changes))).answer).toBeNull()
    expect((await startPageAnswer(pulledRecords([]))).answer).toBeNull()
  })
})
