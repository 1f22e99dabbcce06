import { AgendaItem, Meeting, type AgendaItemData, type MeetingData } from '../../shared/meetings/entities.js'
import { canSeeCouncilInside, isStaffFor } from '../accounts/actor.js'
import { SIGN_IN_REQUIRED, type SyncPolicy, type SyncRegistry } from '../sync/registry.js'

const notStaff = 'Only the council’s staff can change its meetings.'

/** Staff of the council may create, change and delete; the council is fixed by the scope. */
function staffWrite(councilOf: (data: Record<string, unknown>) => string): SyncPolicy['canWrite'] {
  return (actor, attempt) => {
    if (actor.kind === 'anonymous') return SIGN_IN_REQUIRED
    const data = attempt.next ?? attempt.current
    if (!data) return notStaff
    return isStaffFor(actor, councilOf(data)) ? true : notStaff
  }
}

/** Agendas and minutes are public by law once published; drafts are the staff's own. */
export const meetingPolicy: SyncPolicy = {
  canRead: (actor, _scope, data) => {
    if (data === null) return true
    const meeting = data as MeetingData
    return meeting.published || isStaffFor(actor, meeting.councilId)
  },
  canWrite: staffWrite((data) => (data as MeetingData).councilId),
}

/** A closed item is for the council's members and staff only. */
export const agendaItemPolicy: SyncPolicy = {
  canRead: (actor, _scope, data) => {
    if (data === null) return true
    const item = data as AgendaItemData
    if (isStaffFor(actor, item.councilId)) return true
    if (!item.published) return false
    return !item.closed || canSeeCouncilInside(actor, item.councilId)
  },
  canWrite: staffWrite((data) => (data as AgendaItemData).councilId),
}

export function registerMeetingEntities(registry: SyncRegistry): void {
  registry.register(Meeting, meetingPolicy)
  registry.register(AgendaItem, agendaItemPolicy)
}
