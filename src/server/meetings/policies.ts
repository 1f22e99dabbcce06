import { AgendaItem, Meeting, withheldItem, type AgendaItemData, type MeetingData } from '../../shared/meetings/entities.js'
import { isStaffFor } from '../accounts/actor.js'
import { insidePrincipal, PUBLIC, staffPrincipal } from '../sync/audience.js'
import { SIGN_IN_REQUIRED, type Actor, type SyncPolicy, type SyncRegistry, type WriteAttempt } from '../sync/registry.js'

const notStaff = 'Only the council’s staff can change its meetings.'

/** Staff of the council may create, change and delete; the council is fixed by the scope. */
function staffWrite<Data extends { councilId: string }>(actor: Actor, attempt: WriteAttempt<Data>): true | string | typeof SIGN_IN_REQUIRED {
  if (actor.kind === 'anonymous') return SIGN_IN_REQUIRED
  const data = attempt.next ?? attempt.current
  if (!data) return notStaff
  return isStaffFor(actor, data.councilId) ? true : notStaff
}

/** Agendas and minutes are public by law once published; drafts are the staff's own. */
export const meetingPolicy: SyncPolicy<MeetingData> = {
  audience: (meeting) => (meeting.published ? [PUBLIC] : [staffPrincipal(meeting.councilId)]),
  canWrite: (actor, attempt) => staffWrite(actor, attempt),
}

/**
 * An item is as visible as its meeting, read from the meeting itself: an item can never be
 * public while its meeting is a draft, whatever an old or half-finished copy on a device says.
 * A closed item is for the council's members and staff only; everyone else gets its place on the
 * agenda and nothing more (withheldItem), so agenda numbers are the same on every device.
 */
export const agendaItemPolicy: SyncPolicy<AgendaItemData> = {
  related: { meeting: { entity: Meeting.name, field: 'meetingId' } },
  audience: (item, { meeting }) => {
    const own = meeting as MeetingData | null
    if (!own || own.councilId !== item.councilId || !own.published) return [staffPrincipal(item.councilId)]
    return item.closed ? [PUBLIC, insidePrincipal(item.councilId)] : [PUBLIC]
  },
  publicView: (item) => (item.closed ? withheldItem(item) : item),
  canWrite: (actor, attempt, { meeting }) => {
    const allowed = staffWrite(actor, attempt)
    if (allowed !== true || attempt.op === 'delete') return allowed
    const own = meeting as MeetingData | null
    if (!own) return 'The meeting of this agenda item does not exist (any more). Open the meeting and add the item again.'
    if (own.councilId !== attempt.next!.councilId) return 'This agenda item points at a meeting of another council.'
    return true
  },
}

export function registerMeetingEntities(registry: SyncRegistry): void {
  registry.register(Meeting, meetingPolicy)
  registry.register(AgendaItem, agendaItemPolicy)
}
