import { computed, onScopeDispose, ref, type Ref } from 'vue'
import { councilScope, CouncilMemberRecord, type CouncilMemberData } from '../../shared/accounts/entities'
import {
  LiveAnswer,
  LiveAnswerCommand,
  LiveMove,
  LivePresence,
  LiveQuestion,
  LiveQuestionCommand,
  LiveSignal,
  LiveSignalCommand,
  LiveState,
  type LiveAnswerData,
  type LiveMovePayload,
  type LivePresenceData,
  type LiveQuestionData,
  type LiveSignalData,
  type LiveStateData,
  type QuestionOption,
  type SignalKind,
} from '../../shared/live/entities'
import { newest, nextHlc } from '../../shared/live/hlc'
import { applyMove, NOT_STARTED, type LiveCore, type Move } from '../../shared/live/rules'
import { uuidv7 } from '../../shared/sync/uuidv7'
import type { LocalDb } from '../sync/local-db'
import { useSync } from '../sync/sync-service'
import { useLiveQuery } from '../sync/use-live-query'

/** Ties between two devices' stamps in the same millisecond are broken by this id. */
const node = uuidv7().slice(-12)

const inScope = (db: LocalDb, entity: string, councilId: string) => db.records.where('[entity+scope]').equals([entity, councilScope(councilId)]).toArray()

/** Commands of one kind still in this device's outbox (not yet answered by the server). */
async function waiting<P>(db: LocalDb, entity: string): Promise<P[]> {
  return (await db.outbox.filter((e) => e.entity === entity && e.state === 'pending').toArray()).map((e) => e.patch as P)
}

export interface LiveView extends LiveStateData {
  /** A move of this device has not reached the server yet. */
  waiting: boolean
}

/**
 * Where the meeting is, as this device knows it: the server's state, or a newer move of this
 * device still in the outbox (so the chair sees their tap at once, also offline). The newest
 * stamp wins here exactly as on the server.
 */
export function useLiveState(meetingId: Ref<string>, councilId: Ref<string | undefined>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    const stored = (await db.records.get([LiveState.name, meetingId.value]))?.data as LiveStateData | undefined
    const mine = (await waiting<LiveMovePayload>(db, LiveMove.name)).filter((m) => m.meetingId === meetingId.value)
    const best = newest<LiveMovePayload | LiveStateData>([stored, ...mine])
    if (!best) return null
    if (stored && best === stored) return { ...stored, waiting: false } satisfies LiveView
    const base: LiveStateData = stored ?? { councilId: best.councilId, meetingId: best.meetingId, status: 'not-started', currentItemId: null, breakEndsAt: null, at: best.at, seq: 0, agenda: [], confused: 0 }
    return { ...base, status: best.status, currentItemId: best.currentItemId, breakEndsAt: best.breakEndsAt, at: best.at, waiting: true } satisfies LiveView
  }, undefined as LiveView | null | undefined, [meetingId, councilId])
}

/** The chair's buttons: each sends the whole new state, stamped after everything this device has seen. */
export function useLiveMoves(state: Ref<LiveView | null | undefined>, meetingId: Ref<string>, councilId: Ref<string | undefined>, itemIds: Ref<string[]>) {
  const { writer } = useSync()
  /** The state before the last tap, for "Fortryd". Kept on this screen only. */
  const undoTo = ref<LiveCore | null>(null)
  const current = computed<LiveCore>(() => state.value ?? NOT_STARTED)

  async function send(core: LiveCore): Promise<void> {
    if (!councilId.value) return
    const at = nextHlc(state.value?.at ?? null, Date.now(), node)
    await writer.send(LiveMove, { meetingId: meetingId.value, councilId: councilId.value, status: core.status, currentItemId: core.currentItemId, breakEndsAt: core.breakEndsAt, at })
  }
  const possible = (move: Move) => applyMove(current.value, move, itemIds.value, Date.now()) !== null
  async function make(move: Move): Promise<boolean> {
    const next = applyMove(current.value, move, itemIds.value, Date.now())
    if (!next) return false
    undoTo.value = { status: current.value.status, currentItemId: current.value.currentItemId, breakEndsAt: current.value.breakEndsAt }
    await send(next)
    return true
  }
  async function undo(): Promise<void> {
    if (!undoTo.value) return
    const back = undoTo.value
    undoTo.value = null
    await send(back)
  }
  return { make, possible, undo, canUndo: computed(() => undoTo.value !== null) }
}

export interface SignalView extends LiveSignalData {
  id: string
}

export function useLiveSignals(meetingId: Ref<string>, councilId: Ref<string | undefined>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    if (!councilId.value) return []
    return (await inScope(db, LiveSignal.name, councilId.value))
      .map((r) => ({ id: r.id, ...(r.data as LiveSignalData) }))
      .filter((s) => s.meetingId === meetingId.value)
  }, [] as SignalView[], [meetingId, councilId])
}

/** Cards this device sent that the server has not answered yet ("Sendes …"). */
export function useWaitingCards(meetingId: Ref<string>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    const sent = await waiting<{ op: string; meetingId: string; kind: SignalKind | null }>(db, LiveSignalCommand.name)
    return sent.filter((s) => s.op === 'raise' && s.meetingId === meetingId.value).map((s) => s.kind)
  }, [] as (SignalKind | null)[], [meetingId])
}

export function useSignalActions(meetingId: Ref<string>, councilId: Ref<string | undefined>) {
  const { writer } = useSync()
  const base = () => ({ meetingId: meetingId.value, councilId: councilId.value! })
  return {
    raise: (kind: SignalKind) => writer.send(LiveSignalCommand, { op: 'raise', ...base(), signalId: uuidv7(), kind }),
    clearOne: (signalId: string) => writer.send(LiveSignalCommand, { op: 'clear', ...base(), signalId, kind: null }),
    clearKind: (kind: SignalKind) => writer.send(LiveSignalCommand, { op: 'clear', ...base(), signalId: null, kind }),
    clearAll: () => writer.send(LiveSignalCommand, { op: 'clear', ...base(), signalId: null, kind: null }),
  }
}

export interface QuestionView extends LiveQuestionData {
  id: string
}

/** The meeting's questions, newest first. */
export function useLiveQuestions(meetingId: Ref<string>, councilId: Ref<string | undefined>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    if (!councilId.value) return []
    return (await inScope(db, LiveQuestion.name, councilId.value))
      .map((r) => ({ id: r.id, ...(r.data as LiveQuestionData) }))
      .filter((q) => q.meetingId === meetingId.value)
      .sort((a, b) => b.askedAt.localeCompare(a.askedAt))
  }, [] as QuestionView[], [meetingId, councilId])
}

/** This person's answers: from the server, or still on their way. */
export function useMyAnswers(meetingId: Ref<string>, councilId: Ref<string | undefined>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    const answers = new Map<string, { choice: number; sent: boolean }>()
    if (!councilId.value) return answers
    for (const r of await inScope(db, LiveAnswer.name, councilId.value)) {
      const a = r.data as LiveAnswerData
      if (a.meetingId === meetingId.value) answers.set(a.questionId, { choice: a.choice, sent: true })
    }
    for (const a of await waiting<{ questionId: string; meetingId: string; choice: number }>(db, LiveAnswerCommand.name)) {
      if (a.meetingId === meetingId.value) answers.set(a.questionId, { choice: a.choice, sent: false })
    }
    return answers
  }, new Map<string, { choice: number; sent: boolean }>(), [meetingId, councilId])
}

export function useQuestionActions(meetingId: Ref<string>, councilId: Ref<string | undefined>) {
  const { writer } = useSync()
  const base = () => ({ meetingId: meetingId.value, councilId: councilId.value! })
  return {
    ask: (itemId: string | null, text: string, options: QuestionOption[]) =>
      writer.send(LiveQuestionCommand, { op: 'ask', questionId: uuidv7(), ...base(), itemId, text, options }),
    close: (questionId: string) => writer.send(LiveQuestionCommand, { op: 'close', questionId, ...base(), itemId: null, text: '', options: [] }),
    answer: (questionId: string, choice: number) => writer.send(LiveAnswerCommand, { questionId, ...base(), choice }),
  }
}

/** The council's current members with a person id (insiders see them), by name. */
export function useCouncilPeople(councilId: Ref<string | undefined>) {
  const { db } = useSync()
  return useLiveQuery(async () => {
    if (!councilId.value) return []
    const today = new Date().toISOString().slice(0, 10)
    return (await inScope(db, CouncilMemberRecord.name, councilId.value))
      .map((r) => r.data as CouncilMemberData)
      .filter((m) => m.personId && (m.termEnd === null || m.termEnd >= today))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'))
  }, [] as CouncilMemberData[], [councilId])
}

export function usePresence(meetingId: Ref<string>) {
  const { db } = useSync()
  return useLiveQuery(async () => ((await db.records.get([LivePresence.name, meetingId.value]))?.data as LivePresenceData | undefined) ?? null, null as LivePresenceData | null, [meetingId])
}

/** A clock for countdowns: ticks every second while the screen is open. */
export function useNow(intervalMs = 1000): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
