import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { beforeEach, describe, expect, it } from 'vitest'
import { handOver, ownerOf } from '../../src/app/accounts/sign-out.js'
import { SyncEngine } from '../../src/app/sync/engine.js'
import { ANONYMOUS_OWNER, createLocalDb, type LocalDb } from '../../src/app/sync/local-db.js'
import type { SyncTransport } from '../../src/app/sync/transport.js'
import { karen } from './people.js'
import type { Change } from '../../src/shared/sync/protocol.js'

/**
 * Two tabs of one browser share one database, and each tab has its own engine. When one tab
 * signs Karen out ("Skift person"), the other tab's engine may have a pull or a photo on its way
 * that the server answered while she was still signed in. It must not land in the database the
 * first tab has just emptied: on a shared tablet the next person would find it there.
 */

const SCOPE = 'council:0190d6a0-0000-7000-8000-0000000000a1'
const ITEM = '0190d6a0-0000-7000-8000-0000000000c1'
const SHA = 'a'.repeat(64)
const photo = { sha256: SHA, type: 'image/jpeg', bytes: 3 }
const closedItem: Change = { entity: 'agenda-item', entityId: ITEM, scope: SCOPE, version: 12, data: { title: 'Karens lukkede punkt', photo } }

/** A transport whose answers wait until the test lets them go, so something can happen meanwhile. */
function heldTransport() {
  let letGo: () => void = () => {}
  const gate = new Promise<void>((resolve) => (letGo = resolve))
  const asked = { pull: 0, medium: 0 }
  const transport: SyncTransport = {
    push: () => Promise.reject(new Error('nothing to push')),
    pull: async () => {
      asked.pull++
      await gate
      return { changes: [closedItem], cursor: '12', hasMore: false }
    },
    uploadMedium: () => Promise.reject(new Error('nothing to upload')),
    fetchMedium: async () => {
      asked.medium++
      await gate
      return new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' })
    },
  }
  return { transport, asked, letGo }
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 1))
}

describe('a pull or photo answered for the person another tab has just signed out', () => {
  let db: LocalDb

  beforeEach(async () => {
    db = createLocalDb(`other-tab-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    await handOver(db, await ownerOf(karen))
  })

  it('is stored while the device stays in her hands', async () => {
    const { transport, letGo } = heldTransport()
    const engine = new SyncEngine(db, transport, () => [SCOPE])
    const pulled = engine.pullAll()
    letGo()
    await pulled
    expect((await db.records.get(['agenda-item', ITEM]))?.data.title).toBe('Karens lukkede punkt')
    expect((await db.meta.get(`cursor:${SCOPE}`))?.value).toBe('12')
    await engine.fetchMedia(5)
    expect(await db.media.get(SHA)).toBeDefined()
  })

  it('is dropped when another tab handed the database over while it was on its way', async () => {
    const { transport, asked, letGo } = heldTransport()
    const engine = new SyncEngine(db, transport, () => [SCOPE])
    const pulled = engine.pullAll()
    await until(() => asked.pull === 1)
    // The other tab: "Skift person" empties the database for whoever comes next.
    await handOver(db, ANONYMOUS_OWNER)
    letGo()
    await pulled
    expect(await db.records.count()).toBe(0)
    expect(await db.meta.get(`cursor:${SCOPE}`)).toBeUndefined()
  })

  it('leaves no photo of hers behind, whether fetched in a round or for the screen', async () => {
    await db.records.put({ entity: 'agenda-item', id: ITEM, scope: SCOPE, data: closedItem.data!, base: closedItem.data!, version: 12, pending: 0 })
    const { transport, asked, letGo } = heldTransport()
    const engine = new SyncEngine(db, transport, () => [SCOPE])
    const round = engine.fetchMedia(5)
    const onScreen = engine.fetchMedium(photo)
    await until(() => asked.medium === 2)
    await handOver(db, ANONYMOUS_OWNER)
    letGo()
    await Promise.all([round, onScreen])
    expect(await db.media.count()).toBe(0)
  })
})
