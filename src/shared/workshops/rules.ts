import type { Answer, PriorityOption } from './model.js'

/** The short reference a person finds their contribution by: "B-17". */
export const formatRef = (n: number): string => `B-${n}`

export function refNumber(ref: string): number | null {
  const m = /^B-([1-9][0-9]{0,5})$/.exec(ref)
  return m ? Number(m[1]) : null
}

/** The next reference in a process, given the ones it already has. */
export function nextRef(existing: readonly string[]): string {
  let highest = 0
  for (const ref of existing) highest = Math.max(highest, refNumber(ref) ?? 0)
  return formatRef(highest + 1)
}

const JOIN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A six-character join code without look-alike characters, from the given random bytes. */
export function joinCode(random: Uint8Array): string {
  if (random.length < 6) throw new Error('joinCode needs six random bytes')
  return [...random.slice(0, 6)].map((b) => JOIN_ALPHABET[b % JOIN_ALPHABET.length]).join('')
}

/** A typed code is forgiving: spaces, dashes and lower case are fine. */
export const normaliseJoinCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '')

export interface Counts {
  agree: number
  disagree: number
  pass: number
}

export const emptyCounts = (): Counts => ({ agree: 0, disagree: 0, pass: 0 })

export function countAnswers(answers: readonly Answer[]): Counts {
  const counts = emptyCounts()
  for (const a of answers) counts[a]++
  return counts
}

export const totalOf = (c: Counts): number => c.agree + c.disagree + c.pass

/** Below ten answers a percentage says more than the group did: show counts only. */
export const PERCENT_FROM = 10
export const showPercent = (total: number): boolean => total >= PERCENT_FROM

/** The fewest answers before a statement is called anything but unclear. */
export const MIN_ANSWERS = 3

export type Verdict = 'agreed' | 'divided' | 'unclear'

export interface Agreement {
  verdict: Verdict
  /** For "agreed": whether the group agrees with the statement or against it. */
  direction: 'agree' | 'disagree' | null
}

/**
 * The published rule (shown on the screen in the same words, see locales "workshops.rule"):
 * - agreed: at least 3 answers, and at least two thirds of all answers are the same
 *   (all "enig" or all "uenig"; "ved ikke" counts as an answer that is neither);
 * - divided: at least 3 answers, and at least one third are "enig" and at least one third "uenig";
 * - unclear: anything else (too few answers, or many "ved ikke").
 * Integer arithmetic, so 2 of 3 is exactly two thirds.
 */
export function agreementOf(c: Counts): Agreement {
  const total = totalOf(c)
  if (total < MIN_ANSWERS) return { verdict: 'unclear', direction: null }
  if (3 * c.agree >= 2 * total) return { verdict: 'agreed', direction: 'agree' }
  if (3 * c.disagree >= 2 * total) return { verdict: 'agreed', direction: 'disagree' }
  if (3 * c.agree >= total && 3 * c.disagree >= total) return { verdict: 'divided', direction: null }
  return { verdict: 'unclear', direction: null }
}

/** A count as people read it: "4" below ten answers, "12 (40 %)" from ten. */
export function shownCount(count: number, total: number): { count: number; percent: number | null } {
  return { count, percent: showPercent(total) && total > 0 ? Math.round((100 * count) / total) : null }
}

export interface PrioritySetup {
  method: 'dots' | 'pick'
  perPerson: number
  withinBudget: boolean
  options: readonly PriorityOption[]
}

export interface AllocationState {
  used: number
  left: number
  /** Budget left in kroner, when the prioritisation is within a frame. */
  budgetLeft: number | null
  spent: number
}

export type AllocationProblem =
  | { code: 'unknown_option'; optionId: string }
  | { code: 'too_many'; max: number }
  | { code: 'pick_once'; optionId: string }
  | { code: 'over_budget'; budget: number; spent: number }

/** What a person has used of their dots and of the budget frame. */
export function allocationState(setup: PrioritySetup, budget: number | null, allocation: Readonly<Record<string, number>>): AllocationState {
  let used = 0
  let spent = 0
  for (const option of setup.options) {
    const n = allocation[option.id] ?? 0
    used += n
    if (n > 0) spent += option.cost ?? 0
  }
  const frame = setup.withinBudget ? budget : null
  return { used, left: Math.max(0, setup.perPerson - used), spent, budgetLeft: frame === null ? null : frame - spent }
}

/** Why an allocation is not allowed, or null when it is. The same rule on the device and the server. */
export function allocationProblem(setup: PrioritySetup, budget: number | null, allocation: Readonly<Record<string, number>>): AllocationProblem | null {
  const known = new Set(setup.options.map((o) => o.id))
  for (const [id, n] of Object.entries(allocation)) {
    if (!known.has(id)) return { code: 'unknown_option', optionId: id }
    if (setup.method === 'pick' && n > 1) return { code: 'pick_once', optionId: id }
  }
  const state = allocationState(setup, budget, allocation)
  if (state.used > setup.perPerson) return { code: 'too_many', max: setup.perPerson }
  if (state.budgetLeft !== null && state.budgetLeft < 0) return { code: 'over_budget', budget: budget ?? 0, spent: state.spent }
  return null
}

/** Whether one more dot on this option is allowed: the buttons use it to say what the frame allows. */
export function canAdd(setup: PrioritySetup, budget: number | null, allocation: Readonly<Record<string, number>>, optionId: string): boolean {
  const next = { ...allocation, [optionId]: (allocation[optionId] ?? 0) + 1 }
  return allocationProblem(setup, budget, next) === null
}

/** Totals per option over everyone's allocations, highest first (ties keep the options' order). */
export function priorityTotals(options: readonly PriorityOption[], allocations: readonly Readonly<Record<string, number>>[]) {
  const totals = options.map((o, index) => ({ optionId: o.id, text: o.text, cost: o.cost, total: 0, people: 0, index }))
  for (const a of allocations) {
    for (const t of totals) {
      const n = a[t.optionId] ?? 0
      t.total += n
      if (n > 0) t.people++
    }
  }
  return totals.sort((x, y) => y.total - x.total || x.index - y.index).map(({ index: _, ...t }) => t)
}

export type DeadlineWords = { key: 'days'; days: number } | { key: 'today' } | { key: 'passed' } | { key: 'none' }

/**
 * A countdown in words ("3 dage tilbage"), counted in whole calendar days in Danish time, so a
 * deadline tomorrow at noon is "1 dag tilbage" all of today.
 */
export function deadlineWords(deadline: string | null, now: Date): DeadlineWords {
  if (!deadline) return { key: 'none' }
  const end = new Date(deadline)
  if (end.getTime() <= now.getTime()) return { key: 'passed' }
  const day = (d: Date) => {
    const [y, m, dd] = d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' }).split('-').map(Number)
    return Date.UTC(y!, m! - 1, dd!) / 86_400_000
  }
  const days = day(end) - day(now)
  return days <= 0 ? { key: 'today' } : { key: 'days', days }
}

/** A viewpoint is late when it reaches the server after the deadline (server clock). */
export const isLate = (deadline: string | null, receivedAt: Date): boolean => deadline !== null && receivedAt.getTime() > new Date(deadline).getTime()
