import {
  LiveAnswerCommand,
  LiveAnswerPayload,
  LiveMove,
  LiveMovePayload,
  LiveQuestionCommand,
  LiveQuestionPayload,
  LiveSignalCommand,
  LiveSignalPayload,
  LiveAnswer,
  LiveQuestion,
  LiveSignal,
  LiveState,
  type LiveAnswerData,
  type LiveAnswerPayload as AnswerPayload,
  type LiveMovePayload as MovePayload,
  type LiveQuestionData,
  type LiveQuestionPayload as QuestionPayload,
  type LiveSignalData,
  type LiveSignalPayload as SignalPayload,
  type LiveStateData,
} from '../../shared/live/entities.js'
import { compareHlc } from '../../shared/live/hlc.js'
import { questionProblem, RESULT_HEADING_PREFIX, resultText, tally, YES_NO_OPTIONS } from '../../shared/live/rules.js'
import { AgendaItem, Meeting, type AgendaItemData, type MeetingData } from '../../shared/meetings/entities.js'
import { canSeeCouncilInside, isStaffFor, type Actor } from '../accounts/actor.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import type { CommandResult, SyncRegistry } from '../sync/registry.js'
import type { Tx } from '../sync/server-write.js'
import { isChairOf, readRecord, recordsWhere, storeRecords, type LiveWrite } from './store.js'

const refused = (code: string, reason: string): CommandResult => ({ status: 'rejected', code, reason })
const notSignedIn = refused('not_signed_in', 'Sign in again to send this.')
const done = (version: number | undefined, data?: Record<string, unknown>): CommandResult => ({ status: 'applied', ...(version ? { version } : {}), ...(data ? { data } : {}) })

/** Staff of the council, or its chair or vice-chair: those who run the meeting. */
async function mayRun(tx: Tx, actor: Actor, councilId: string, now: Date): Promise<CommandResult | null> {
  if (actor.kind === 'anonymous') return notSignedIn
  if (isStaffFor(actor, councilId)) return null
  if (actor.kind === 'person' && (await isChairOf(tx, actor.personId, councilId, now))) return null
  return refused('forbidden', 'Only the chair and the council’s staff can run the meeting.')
}

/** The meeting, when it belongs to the council the device named. */
async function meetingOf(tx: Tx, meetingId: string, councilId: string): Promise<MeetingData | null> {
  const meeting = await readRecord<MeetingData>(tx, Meeting.name, meetingId)
  return meeting && meeting.councilId === councilId ? meeting : null
}
const noMeeting = refused('not_found', 'This meeting does not exist (any more). Open the meeting again.')

async function agendaOf(tx: Tx, meetingId: string) {
  const items = await recordsWhere<AgendaItemData>(tx, AgendaItem.name, 'meetingId', meetingId)
  return items.sort((a, b) => a.data.position - b.data.position)
}

function emptyState(meetingId: string, councilId: string): LiveStateData {
  return { councilId, meetingId, status: 'not-started', currentItemId: null, breakEndsAt: null, at: '000000000000000:00000:x', seq: 0, agenda: [], confused: 0 }
}

/**
 * The newest move wins by its stamp, not by when it arrived: a "previous" the chair pressed
 * offline before someone else's "next" changes nothing when it comes in later, and a move sent
 * twice (its answer lost) is the same stamp, so the second time changes nothing either.
 */
async function move(tx: Tx, registry: SyncRegistry, actor: Actor, p: MovePayload, now: Date, version: number): Promise<CommandResult> {
  const denied = await mayRun(tx, actor, p.councilId, now)
  if (denied) return denied
  if (!(await meetingOf(tx, p.meetingId, p.councilId))) return noMeeting
  const items = await agendaOf(tx, p.meetingId)
  if (p.currentItemId && !items.some((i) => i.id === p.currentItemId)) {
    return refused('invalid', 'That agenda item is not on this meeting’s agenda (any more). Open the meeting again.')
  }
  if ((p.status === 'running' || p.status === 'break') && !p.currentItemId) return refused('invalid', 'A running meeting needs a current item.')
  const stored = await readRecord<LiveStateData>(tx, LiveState.name, p.meetingId)
  if (stored && compareHlc(p.at, stored.at) <= 0) return done(undefined, { superseded: true, seq: stored.seq })
  const base = stored ?? emptyState(p.meetingId, p.councilId)
  const next: LiveStateData = {
    ...base,
    status: p.status,
    currentItemId: p.currentItemId,
    breakEndsAt: p.status === 'break' ? p.breakEndsAt : null,
    at: p.at,
    seq: base.seq + 1,
    agenda: items.map((i) => ({ id: i.id, closed: i.data.closed })),
  }
  await storeRecords(tx, registry, version, [{ entity: LiveState.name, id: p.meetingId, data: next }])
  return done(version, { seq: next.seq })
}

async function confusedCount(tx: Tx, meetingId: string): Promise<number> {
  const signals = await recordsWhere<LiveSignalData>(tx, LiveSignal.name, 'meetingId', meetingId)
  return signals.filter((s) => s.data.kind === 'confused' && s.data.clearedAt === null).length
}

/** The live state with the don't-understand count brought up to date (when it changed). */
async function withCount(tx: Tx, meetingId: string): Promise<LiveWrite[]> {
  const state = await readRecord<LiveStateData>(tx, LiveState.name, meetingId)
  if (!state) return []
  const confused = await confusedCount(tx, meetingId)
  return confused === state.confused ? [] : [{ entity: LiveState.name, id: meetingId, data: { ...state, confused } }]
}

async function signal(tx: Tx, registry: SyncRegistry, actor: Actor, p: SignalPayload, now: Date, version: number): Promise<CommandResult> {
  if (!(await meetingOf(tx, p.meetingId, p.councilId))) return noMeeting
  const signals = await recordsWhere<LiveSignalData>(tx, LiveSignal.name, 'meetingId', p.meetingId)
  if (p.op === 'clear') {
    const denied = await mayRun(tx, actor, p.councilId, now)
    if (denied) return denied
    const cleared = signals
      .filter((s) => s.data.clearedAt === null && (p.signalId ? s.id === p.signalId : !p.kind || s.data.kind === p.kind))
      .map((s) => ({ entity: LiveSignal.name, id: s.id, data: { ...s.data, clearedAt: now.toISOString() } }))
    if (cleared.length === 0) return done(undefined)
    await storeRecords(tx, registry, version, cleared)
    await storeRecords(tx, registry, version, await withCount(tx, p.meetingId))
    return done(version)
  }
  if (actor.kind === 'anonymous') return notSignedIn
  if (actor.kind !== 'person' || !canSeeCouncilInside(actor, p.councilId)) return refused('forbidden', 'Only the council’s members can hold up a card.')
  if (!p.kind || !p.signalId) return refused('invalid', 'A card needs its kind.')
  const state = await readRecord<LiveStateData>(tx, LiveState.name, p.meetingId)
  if (!state || (state.status !== 'running' && state.status !== 'break')) return refused('not_running', 'The meeting is not going on now, so the card was not shown.')
  // Sent twice, or held up again while the first is still up: the card is shown once.
  if (signals.some((s) => s.id === p.signalId)) return done(undefined, { signalId: p.signalId })
  const up = signals.find((s) => s.data.personId === actor.personId && s.data.kind === p.kind && s.data.clearedAt === null)
  if (up) return done(undefined, { signalId: up.id })
  const data: LiveSignalData = {
    councilId: p.councilId,
    meetingId: p.meetingId,
    kind: p.kind,
    personId: actor.personId,
    name: p.kind === 'confused' ? '' : actor.name,
    raisedAt: now.toISOString(),
    clearedAt: null,
  }
  await storeRecords(tx, registry, version, [{ entity: LiveSignal.name, id: p.signalId, data }])
  if (p.kind === 'confused') await storeRecords(tx, registry, version, await withCount(tx, p.meetingId))
  return done(version, { signalId: p.signalId })
}

/** Appends the result to the item's minutes draft, once (the heading names the question). */
function minutesWithResult(item: AgendaItemData, question: LiveQuestionData): AgendaItemData | null {
  const heading = `${RESULT_HEADING_PREFIX}${question.text}`.slice(0, 200)
  const text = resultText(question.options, question.counts)
  if (item.sections.length >= 20 || item.sections.some((s) => s.heading === heading && s.text === text)) return null
  return { ...item, sections: [...item.sections, { kind: 'other', heading, text }] }
}

async function question(tx: Tx, registry: SyncRegistry, actor: Actor, p: QuestionPayload, now: Date, version: number): Promise<CommandResult> {
  const denied = await mayRun(tx, actor, p.councilId, now)
  if (denied) return denied
  if (!(await meetingOf(tx, p.meetingId, p.councilId))) return noMeeting
  const existing = await readRecord<LiveQuestionData>(tx, LiveQuestion.name, p.questionId)
  if (p.op === 'ask') {
    if (existing) return done(undefined)
    const options = p.options.length === 0 ? [...YES_NO_OPTIONS] : p.options
    const problem = questionProblem(p.text, options)
    if (problem) return refused('invalid', problem)
    const item = p.itemId ? await readRecord<AgendaItemData>(tx, AgendaItem.name, p.itemId) : null
    if (p.itemId && item?.meetingId !== p.meetingId) return refused('invalid', 'That agenda item is not on this meeting’s agenda.')
    const data: LiveQuestionData = { councilId: p.councilId, meetingId: p.meetingId, itemId: p.itemId, text: p.text.trim(), options, status: 'open', counts: options.map(() => 0), askedAt: now.toISOString(), closedAt: null }
    await storeRecords(tx, registry, version, [{ entity: LiveQuestion.name, id: p.questionId, data }])
    return done(version)
  }
  if (!existing || existing.meetingId !== p.meetingId) return refused('not_found', 'This question does not exist (any more).')
  if (existing.status === 'closed') return done(undefined)
  const closed: LiveQuestionData = { ...existing, status: 'closed', closedAt: now.toISOString() }
  const writes: LiveWrite[] = [{ entity: LiveQuestion.name, id: p.questionId, data: closed }]
  const item = closed.itemId ? await readRecord<AgendaItemData>(tx, AgendaItem.name, closed.itemId) : null
  const withResult = item && minutesWithResult(item, closed)
  if (withResult) writes.push({ entity: AgendaItem.name, id: closed.itemId!, data: withResult })
  await storeRecords(tx, registry, version, writes)
  return done(version)
}

/** One answer per person and question: answering again changes the answer, never adds one. */
async function answer(tx: Tx, registry: SyncRegistry, actor: Actor, p: AnswerPayload, version: number): Promise<CommandResult> {
  if (actor.kind === 'anonymous') return notSignedIn
  if (actor.kind !== 'person' || !canSeeCouncilInside(actor, p.councilId)) return refused('forbidden', 'Only the council’s members can answer.')
  const q = await readRecord<LiveQuestionData>(tx, LiveQuestion.name, p.questionId)
  if (!q || q.meetingId !== p.meetingId || q.councilId !== p.councilId) return refused('not_found', 'This question does not exist (any more).')
  if (q.status !== 'open') return refused('closed', 'The question was closed before your answer arrived.')
  if (p.choice >= q.options.length) return refused('invalid', 'That answer is not one of the question’s answers.')
  const answers = await recordsWhere<LiveAnswerData>(tx, LiveAnswer.name, 'questionId', p.questionId)
  const mine = answers.find((a) => a.data.personId === actor.personId)
  if (mine?.data.choice === p.choice) return done(undefined)
  const id = mine?.id ?? uuidv7()
  const data: LiveAnswerData = { councilId: p.councilId, meetingId: p.meetingId, questionId: p.questionId, personId: actor.personId, choice: p.choice }
  const choices = [...answers.filter((a) => a.id !== id).map((a) => a.data.choice), p.choice]
  await storeRecords(tx, registry, version, [
    { entity: LiveAnswer.name, id, data },
    { entity: LiveQuestion.name, id: p.questionId, data: { ...q, counts: tally(choices, q.options.length) } },
  ])
  return done(version)
}

export function registerLiveCommands(registry: SyncRegistry): void {
  registry.registerCommand({
    name: LiveMove.name,
    schema: LiveMovePayload,
    handle: (tx, actor, payload, { now, version }) => move(tx, registry, actor, payload as MovePayload, now, version),
  })
  registry.registerCommand({
    name: LiveSignalCommand.name,
    schema: LiveSignalPayload,
    handle: (tx, actor, payload, { now, version }) => signal(tx, registry, actor, payload as SignalPayload, now, version),
  })
  registry.registerCommand({
    name: LiveQuestionCommand.name,
    schema: LiveQuestionPayload,
    handle: (tx, actor, payload, { now, version }) => question(tx, registry, actor, payload as QuestionPayload, now, version),
  })
  registry.registerCommand({
    name: LiveAnswerCommand.name,
    schema: LiveAnswerPayload,
    handle: (tx, actor, payload, { version }) => answer(tx, registry, actor, payload as AnswerPayload, version),
  })
}
