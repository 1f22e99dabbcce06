import { computed, type Ref } from 'vue'
import type { CouncilRecordData } from '../../shared/accounts/entities'
import { COUNCIL_ENTITY, councilScope } from '../../shared/accounts/names'
import type { AgendaItemData, MeetingData } from '../../shared/meetings/entities'
import { AGENDA_ITEM_ENTITY, MEETING_ENTITY } from '../../shared/meetings/names'
import { deviceRecords, type RecordReader } from '../sync/record-reader'
import { useSync } from '../sync/sync-service'
import { useLiveQuery, type PrimedAnswer } from '../sync/use-live-query'

export interface Stored<Data> {
  id: string
  data: Data
  /** This device has changes to it that the server has not confirmed yet. */
  pending: boolean
}

export function useMeeting(id: Ref<string>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    const record = await db.records.get([MEETING_ENTITY, id.value])
    return record ? ({ id: record.id, data: record.data as MeetingData, pending: record.pending === 1 } satisfies Stored<MeetingData>) : null
    // undefined while loading, null when this device does not have the meeting.
  }, undefined as Stored<MeetingData> | null | undefined, [id])
}

type MeetingView = { meeting: Stored<MeetingData>; council: CouncilRecordData | undefined; items: Stored<AgendaItemData>[] }

async function loadMeetingView(records: RecordReader, id: string): Promise<MeetingView | null> {
  const record = await records.get(MEETING_ENTITY, id)
  if (!record) return null
  const data = record.data as MeetingData
  const [councilRecord, items] = await Promise.all([records.get(COUNCIL_ENTITY, data.councilId), loadAgendaItems(records, id, data.councilId)])
  return {
    meeting: { id: record.id, data, pending: record.pending === 1 } satisfies Stored<MeetingData>,
    council: councilRecord?.data as CouncilRecordData | undefined,
    items,
  }
}

const meetingViewKey = (id: string) => `meeting-view:${id}`

/**
 * A meeting page opened first: its first render shows the meeting (see withPrimedAnswer), read
 * from the device, or from the page's first pull when the server renders the page.
 */
export async function meetingViewAnswer(id: string, records: RecordReader): Promise<PrimedAnswer> {
  return { key: meetingViewKey(id), answer: await loadMeetingView(records, id) }
}

/**
 * A meeting with its items and council, as the meeting and print pages show it. One query, so the
 * three arrive in the same render: a council name or items that came a moment after the meeting
 * would push what is already on screen down.
 */
export function useMeetingView(id: Ref<string>) {
  const { db } = useSync()
  // undefined while loading, null when this device does not have the meeting.
  const view = useLiveQuery(() => loadMeetingView(deviceRecords(db), id.value), undefined as MeetingView | null | undefined, [id], meetingViewKey(id.value))
  const meeting = computed(() => (view.value === undefined ? undefined : (view.value?.meeting ?? null)))
  const councilId = computed(() => meeting.value?.data.councilId)
  const items = computed(() => view.value?.items ?? [])
  const council = computed(() => view.value?.council)
  const minutes = computed(() => meeting.value?.data.minutesPublished ?? false)
  return { meeting, councilId, items, council, minutes }
}

export function useCouncilMeetings(councilId: Ref<string>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    const records = await db.records.where('[entity+scope]').equals([MEETING_ENTITY, councilScope(councilId.value)]).toArray()
    return records
      .map((r) => ({ id: r.id, data: r.data as MeetingData, pending: r.pending === 1 }))
      .sort((a, b) => `${a.data.date}${a.data.startTime ?? ''}`.localeCompare(`${b.data.date}${b.data.startTime ?? ''}`))
  }, [] as Stored<MeetingData>[], [councilId])
}

/**
 * A meeting's items as this device holds them; null until they have been read for this meeting.
 * Checks made on them ("no items yet", "every decision written") would otherwise answer for an
 * agenda not read yet: a page just opened, or the previous meeting's items after a route change.
 */
export function useAgendaItems(meetingId: Ref<string>, councilId: Ref<string | undefined>) {
  const { db } = useSync()
  const read = useLiveQuery(
    async () => {
      const meeting = meetingId.value
      return councilId.value ? { meeting, items: await loadAgendaItems(deviceRecords(db), meeting, councilId.value) } : null
    },
    null as { meeting: string; items: Stored<AgendaItemData>[] } | null,
    [meetingId, councilId],
  )
  return computed(() => (read.value?.meeting === meetingId.value ? read.value.items : null))
}

/** Where an item added now goes: read at the moment of adding, so it follows every item there is. */
export async function nextItemPosition(meetingId: string, councilId: string): Promise<number> {
  const { db } = useSync()
  return nextPosition(await loadAgendaItems(deviceRecords(db), meetingId, councilId))
}

async function loadAgendaItems(records: RecordReader, meetingId: string, councilId: string): Promise<Stored<AgendaItemData>[]> {
  return (await records.inScope(AGENDA_ITEM_ENTITY, councilScope(councilId)))
    .filter((r) => (r.data as AgendaItemData).meetingId === meetingId)
    .map((r) => ({ id: r.id, data: r.data as AgendaItemData, pending: r.pending === 1 }))
    .sort((a, b) => a.data.position - b.data.position)
}

/** A new item goes after the last one; positions are sparse so a move touches one item. */
function nextPosition(items: Stored<AgendaItemData>[]): number {
  return items.length === 0 ? 1 : Math.floor(items[items.length - 1]!.data.position) + 1
}

/** The position between two neighbours, for moving an item up or down by one. */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1
  if (before === undefined) return after! - 1
  if (after === undefined) return before + 1
  return (before + after) / 2
}
