import type { LiveAgendaEntry, LiveStatus, QuestionOption, SignalKind } from './entities.js'

/** What a move decides: where the meeting is. The stamp and the agenda are added around it. */
export interface LiveCore {
  status: LiveStatus
  currentItemId: string | null
  breakEndsAt: string | null
}

export type MoveKind = 'start' | 'next' | 'previous' | 'break' | 'resume' | 'end'
export type Move = { kind: Exclude<MoveKind, 'break'> } | { kind: 'break'; minutes: number }

export const BREAK_CHOICES = [5, 10, 15] as const
export const MAX_BREAK_MINUTES = 120

export const NOT_STARTED: LiveCore = { status: 'not-started', currentItemId: null, breakEndsAt: null }

/**
 * The state after a move, or null when the move makes no sense here (previous on the first item,
 * next on the last: the chair ends the meeting instead). A break keeps the current item, so the
 * meeting resumes where it stopped.
 */
export function applyMove(state: LiveCore, move: Move, itemIds: readonly string[], nowMs: number): LiveCore | null {
  const index = state.currentItemId ? itemIds.indexOf(state.currentItemId) : -1
  switch (move.kind) {
    case 'start':
      if (state.status !== 'not-started' || itemIds.length === 0) return null
      return { status: 'running', currentItemId: itemIds[0]!, breakEndsAt: null }
    case 'next':
      if (state.status !== 'running' || index + 1 >= itemIds.length) return null
      return { ...state, currentItemId: itemIds[index + 1]! }
    case 'previous':
      if (state.status !== 'running' || index <= 0) return null
      return { ...state, currentItemId: itemIds[index - 1]! }
    case 'break': {
      if (state.status !== 'running' && state.status !== 'break') return null
      const minutes = Math.round(move.minutes)
      if (!(minutes >= 1 && minutes <= MAX_BREAK_MINUTES)) return null
      return { ...state, status: 'break', breakEndsAt: new Date(nowMs + minutes * 60_000).toISOString() }
    }
    case 'resume':
      if (state.status !== 'break') return null
      return { ...state, status: 'running', breakEndsAt: null }
    case 'end':
      if (state.status === 'ended' || state.status === 'not-started') return null
      return { status: 'ended', currentItemId: null, breakEndsAt: null }
  }
}

/** Whole seconds left of a break (never below 0), for the countdown. */
export function breakSecondsLeft(breakEndsAt: string | null, nowMs: number): number {
  if (!breakEndsAt) return 0
  return Math.max(0, Math.ceil((Date.parse(breakEndsAt) - nowMs) / 1000))
}

/** "4:05" */
export function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** "Punkt 3 af 7": 1-based number of the current item, or null when there is none. */
export function agendaPosition(agenda: readonly Pick<LiveAgendaEntry, 'id'>[], currentItemId: string | null): { number: number; total: number } | null {
  const index = currentItemId ? agenda.findIndex((e) => e.id === currentItemId) : -1
  return index < 0 ? null : { number: index + 1, total: agenda.length }
}

/** Items before the current one are done; all are done once the meeting has ended. */
export function isDone(agenda: readonly Pick<LiveAgendaEntry, 'id'>[], itemId: string, state: Pick<LiveCore, 'status' | 'currentItemId'>): boolean {
  if (state.status === 'ended') return true
  const current = state.currentItemId ? agenda.findIndex((e) => e.id === state.currentItemId) : -1
  const index = agenda.findIndex((e) => e.id === itemId)
  return current >= 0 && index >= 0 && index < current
}

export const YES_NO_OPTIONS: readonly QuestionOption[] = [
  { pictogram: 'yes', label: 'Ja' },
  { pictogram: 'no', label: 'Nej' },
  { pictogram: 'maybe', label: 'Ved ikke' },
]

/** Why the question cannot be asked, or null: a text, and two to four options with words. */
export function questionProblem(text: string, options: readonly QuestionOption[]): string | null {
  if (text.trim().length === 0) return 'The question needs a text.'
  if (options.length < 2 || options.length > 4) return 'A question has two to four answers.'
  if (options.some((o) => o.label.trim().length === 0)) return 'Every answer needs a word beside its picture.'
  return null
}

/** Counts per option from the choices of everyone who answered (one choice per person). */
export function tally(choices: readonly number[], optionCount: number): number[] {
  const counts = new Array<number>(optionCount).fill(0)
  for (const choice of choices) if (choice >= 0 && choice < optionCount) counts[choice]!++
  return counts
}

/** The result as the minutes draft gets it: "Ja: 4. Nej: 1. Ved ikke: 2." */
export function resultText(options: readonly QuestionOption[], counts: readonly number[]): string {
  return options.map((o, i) => `${o.label}: ${counts[i] ?? 0}.`).join(' ')
}

export const RESULT_HEADING_PREFIX = 'Hurtigt spørgsmål: '

/** Signals in the order the chair takes them: oldest first, the cleared ones left out. */
export function queueOf<S extends { kind: SignalKind; raisedAt: string; clearedAt: string | null }>(signals: readonly S[], kind: SignalKind): S[] {
  return signals.filter((s) => s.kind === kind && s.clearedAt === null).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt))
}
