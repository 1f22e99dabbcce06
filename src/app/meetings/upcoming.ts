import type { MeetingData } from '../../shared/meetings/entities'
import { MEETING_ENTITY } from '../../shared/meetings/names'
import { localToday } from '../councils/council-data'
import type { LocalDb } from '../sync/local-db'

// Apart from use-meetings.ts (the meeting page's reads): the start page needs only these.

/** The coming meetings of every council this device holds, soonest first. */
export async function loadUpcomingMeetings(db: LocalDb, limit = 10) {
  const today = localToday()
  return (await db.records.where('entity').equals(MEETING_ENTITY).toArray())
    .map((r) => ({ id: r.id, data: r.data as MeetingData }))
    .filter((m) => m.data.date >= today)
    .sort((a, b) => `${a.data.date}${a.data.startTime ?? ''}`.localeCompare(`${b.data.date}${b.data.startTime ?? ''}`))
    .slice(0, limit)
}
