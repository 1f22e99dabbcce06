import type { AgendaItemData, MeetingData } from '../../shared/meetings/entities.js'
import { AgendaItem, Meeting } from '../../shared/meetings/entities.js'
import {
  LiveAnswer,
  LivePresence,
  LiveQuestion,
  LiveSignal,
  LiveState,
  type LiveAnswerData,
  type LivePresenceData,
  type LiveQuestionData,
  type LiveSignalData,
  type LiveStateData,
} from '../../shared/live/entities.js'
import { isStaffFor } from '../accounts/actor.js'
import { insidePrincipal, personPrincipal, PUBLIC, staffPrincipal } from '../sync/audience.js'
import { SIGN_IN_REQUIRED, type SyncPolicy, type SyncRegistry } from '../sync/registry.js'
import { registerLiveCommands } from './commands.js'

const serverOnly = 'The live meeting changes through its own buttons, which the server checks.'

const published = (meeting: unknown, councilId: string) => {
  const own = meeting as MeetingData | null
  return !!own && own.councilId === councilId && own.published
}

/** Where the meeting is: for everyone who may read the meeting (the agenda is public by law). */
const statePolicy: SyncPolicy<LiveStateData> = {
  related: { meeting: { entity: Meeting.name, field: 'meetingId' } },
  audience: (state, { meeting }) => (published(meeting, state.councilId) ? [PUBLIC] : [staffPrincipal(state.councilId)]),
  canWrite: () => serverOnly,
}

/**
 * A card is read by the person who held it up and, except "Jeg forstår det ikke", by the staff
 * who run the meeting. The don't-understand card is counted on the live state instead, so nobody
 * but its holder ever learns who did not understand.
 */
const signalPolicy: SyncPolicy<LiveSignalData> = {
  audience: (signal) => {
    const own = signal.personId ? [personPrincipal(signal.personId)] : []
    return signal.kind === 'confused' ? own : [staffPrincipal(signal.councilId), ...own]
  },
  canWrite: () => serverOnly,
}

/**
 * A question about a closed item is as closed as the item; otherwise as public as the meeting. A
 * question whose item is gone (deleted) stays with the council: whether that item was closed is
 * no longer known, and a question about a closed item must never turn public by its deletion.
 */
const questionPolicy: SyncPolicy<LiveQuestionData> = {
  related: { meeting: { entity: Meeting.name, field: 'meetingId' }, item: { entity: AgendaItem.name, field: 'itemId' } },
  audience: (question, { meeting, item }) => {
    if (!published(meeting, question.councilId)) return [staffPrincipal(question.councilId)]
    const about = item as AgendaItemData | null
    const closed = question.itemId !== null && (about === null || about.closed)
    return closed ? [insidePrincipal(question.councilId), staffPrincipal(question.councilId)] : [PUBLIC]
  },
  canWrite: () => serverOnly,
}

const answerPolicy: SyncPolicy<LiveAnswerData> = {
  audience: (answer) => (answer.personId ? [personPrincipal(answer.personId)] : []),
  canWrite: () => serverOnly,
}

/** Who is present, ticked by the council's staff for the minutes' participant list. */
const presencePolicy: SyncPolicy<LivePresenceData> = {
  audience: (presence) => [staffPrincipal(presence.councilId)],
  canWrite: (actor, attempt) => {
    if (actor.kind === 'anonymous') return SIGN_IN_REQUIRED
    const data = attempt.next ?? attempt.current
    return data && isStaffFor(actor, data.councilId) ? true : 'Only the council’s staff can tick who is present.'
  },
}

export function registerLiveEntities(registry: SyncRegistry): void {
  registry.register(LiveState, statePolicy)
  registry.register(LiveSignal, signalPolicy)
  registry.register(LiveQuestion, questionPolicy)
  registry.register(LiveAnswer, answerPolicy)
  registry.register(LivePresence, presencePolicy)
  registerLiveCommands(registry)
}
