// Dexie's live queries look for IndexedDB on the global object when Dexie loads: first.
import 'fake-indexeddb/auto'
import { effectScope, ref, watch } from 'vue'
import { describe, expect, it, vi } from 'vitest'
import { emptyAgendaItem } from '../../src/shared/meetings/entities.js'
import { nextItemPosition, useAgendaItems } from '../../src/app/meetings/use-meetings.js'
import { startSync } from '../../src/app/sync/sync-service.js'

const COUNCIL = 'c1'
const item = (id: string, meetingId: string, position: number, title: string) => ({
  entity: 'agenda-item',
  id,
  scope: `council:${COUNCIL}`,
  data: { ...emptyAgendaItem(COUNCIL, meetingId, position), title },
  base: null,
  version: 1,
  pending: 0 as const,
})

describe("a meeting's agenda items, as the secretary's checks read them", () => {
  it('are unknown (null) until read for the meeting shown, never the previous meeting\'s items', async () => {
    const { db } = startSync()
    await db.records.bulkPut([item('i2', 'm1', 2, 'Kaffen'), item('i1', 'm1', 1, 'Haven'), item('i3', 'm2', 1, 'Sommerturen')])
    const meetingId = ref('m1')
    const councilId = ref<string | undefined>(undefined)
    const scope = effectScope()
    // Every value a render could show, in order.
    const seen: (string[] | null)[] = []
    const items = scope.run(() => {
      const read = useAgendaItems(meetingId, councilId)
      watch(read, (value) => seen.push(value && value.map((i) => i.data.title)), { flush: 'sync', immediate: true })
      return read
    })!
    // A page opened before its meeting is read: no council yet, so no answer yet, not "no items".
    expect(items.value).toBeNull()
    councilId.value = COUNCIL
    await vi.waitFor(() => expect(items.value?.map((i) => i.data.title)).toEqual(['Haven', 'Kaffen']))
    meetingId.value = 'm2'
    expect(items.value).toBeNull()
    await vi.waitFor(() => expect(items.value?.map((i) => i.data.title)).toEqual(['Sommerturen']))
    expect(seen.filter((titles) => titles !== null)).not.toContainEqual([])
    scope.stop()
  })

  it('place a new item after every item the device holds at the moment it is added', async () => {
    const { db } = startSync()
    expect(await nextItemPosition('m3', COUNCIL)).toBe(1)
    await db.records.bulkPut([item('i4', 'm3', 1, 'Haven'), item('i5', 'm3', 2.5, 'Kaffen')])
    expect(await nextItemPosition('m3', COUNCIL)).toBe(3)
  })
})
