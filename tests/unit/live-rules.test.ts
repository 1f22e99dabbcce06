import { describe, expect, it } from 'vitest'
import { compareHlc, formatHlc, newest, nextHlc } from '../../src/shared/live/hlc'
import {
  agendaPosition,
  applyMove,
  breakSecondsLeft,
  formatCountdown,
  isDone,
  NOT_STARTED,
  queueOf,
  questionProblem,
  resultText,
  tally,
  YES_NO_OPTIONS,
} from '../../src/shared/live/rules'

const items = ['a', 'b', 'c']
const T = Date.parse('2027-01-14T13:30:00Z')

describe('moves', () => {
  it('walks an agenda: start, next, previous, break and back, end', () => {
    const started = applyMove(NOT_STARTED, { kind: 'start' }, items, T)!
    expect(started).toEqual({ status: 'running', currentItemId: 'a', breakEndsAt: null })
    const second = applyMove(started, { kind: 'next' }, items, T)!
    expect(second.currentItemId).toBe('b')
    expect(applyMove(second, { kind: 'previous' }, items, T)!.currentItemId).toBe('a')
    const paused = applyMove(second, { kind: 'break', minutes: 10 }, items, T)!
    expect(paused).toEqual({ status: 'break', currentItemId: 'b', breakEndsAt: '2027-01-14T13:40:00.000Z' })
    expect(applyMove(paused, { kind: 'resume' }, items, T)).toEqual(second)
    expect(applyMove(second, { kind: 'end' }, items, T)).toEqual({ status: 'ended', currentItemId: null, breakEndsAt: null })
  })

  it('refuses moves that make no sense instead of guessing', () => {
    const first = applyMove(NOT_STARTED, { kind: 'start' }, items, T)!
    expect(applyMove(first, { kind: 'previous' }, items, T)).toBeNull()
    const last = { ...first, currentItemId: 'c' }
    expect(applyMove(last, { kind: 'next' }, items, T)).toBeNull()
    expect(applyMove(NOT_STARTED, { kind: 'start' }, [], T)).toBeNull()
    expect(applyMove(NOT_STARTED, { kind: 'end' }, items, T)).toBeNull()
    expect(applyMove(first, { kind: 'break', minutes: 0 }, items, T)).toBeNull()
    expect(applyMove(first, { kind: 'break', minutes: 500 }, items, T)).toBeNull()
    expect(applyMove(first, { kind: 'resume' }, items, T)).toBeNull()
  })
})

describe('hybrid logical clock', () => {
  it('stamps after everything seen, even with a clock that is behind', () => {
    const seen = formatHlc(T, 3, 'other')
    const mine = nextHlc(seen, T - 60_000, 'chair')
    expect(compareHlc(mine, seen)).toBe(1)
    expect(nextHlc(seen, T + 1, 'chair')).toBe(formatHlc(T + 1, 0, 'chair'))
    expect(nextHlc(null, T, 'chair')).toBe(formatHlc(T, 0, 'chair'))
  })

  it('a stale move made offline loses to a newer one, whatever order they arrive in', () => {
    const staleOffline = { at: formatHlc(T, 0, 'chair'), currentItemId: 'a' }
    const newerOnline = { at: formatHlc(T + 5_000, 0, 'secretary'), currentItemId: 'c' }
    expect(newest([newerOnline, staleOffline])).toBe(newerOnline)
    expect(newest([staleOffline, newerOnline])).toBe(newerOnline)
    expect(newest([null, undefined])).toBeNull()
  })

  it('orders stamps with a larger millisecond count correctly as strings', () => {
    expect(compareHlc(formatHlc(999, 0, 'a'), formatHlc(1000, 0, 'a'))).toBe(-1)
    expect(compareHlc(formatHlc(1000, 2, 'a'), formatHlc(1000, 10, 'a'))).toBe(-1)
  })
})

describe('what followers see', () => {
  const agenda = [
    { id: 'a', closed: false },
    { id: 'b', closed: true },
    { id: 'c', closed: false },
  ]
  it('numbers the current item and ticks the ones before it', () => {
    expect(agendaPosition(agenda, 'b')).toEqual({ number: 2, total: 3 })
    expect(agendaPosition(agenda, null)).toBeNull()
    const running = { status: 'running' as const, currentItemId: 'b' }
    expect(agenda.map((e) => isDone(agenda, e.id, running))).toEqual([true, false, false])
    expect(agenda.map((e) => isDone(agenda, e.id, { status: 'ended', currentItemId: null }))).toEqual([true, true, true])
  })

  it('counts a break down in whole seconds and never below zero', () => {
    const ends = new Date(T + 65_500).toISOString()
    expect(breakSecondsLeft(ends, T)).toBe(66)
    expect(formatCountdown(breakSecondsLeft(ends, T))).toBe('1:06')
    expect(breakSecondsLeft(ends, T + 100_000)).toBe(0)
    expect(breakSecondsLeft(null, T)).toBe(0)
  })
})

describe('quick questions and signals', () => {
  it('asks with two to four answers, each with a word', () => {
    expect(questionProblem('Skal vi på tur?', YES_NO_OPTIONS)).toBeNull()
    expect(questionProblem(' ', YES_NO_OPTIONS)).toMatch(/text/)
    expect(questionProblem('Hvad?', [{ pictogram: 'yes', label: 'Ja' }])).toMatch(/two to four/)
    expect(questionProblem('Hvad?', [{ pictogram: 'pizza', label: 'Pizza' }, { pictogram: 'soup', label: ' ' }])).toMatch(/word/)
  })

  it('tallies one choice per person into the minutes text', () => {
    const counts = tally([0, 0, 2, 1, 0, 7], 3)
    expect(counts).toEqual([3, 1, 1])
    expect(resultText(YES_NO_OPTIONS, counts)).toBe('Ja: 3. Nej: 1. Ved ikke: 1.')
  })

  it('queues the cards oldest first and leaves the cleared ones out', () => {
    const s = (kind: 'speak' | 'break', raisedAt: string, clearedAt: string | null = null) => ({ kind, raisedAt, clearedAt })
    const queue = queueOf([s('speak', '2027-01-14T13:35:00Z'), s('speak', '2027-01-14T13:31:00Z'), s('speak', '2027-01-14T13:30:00Z', '2027-01-14T13:32:00Z'), s('break', '2027-01-14T13:29:00Z')], 'speak')
    expect(queue.map((q) => q.raisedAt)).toEqual(['2027-01-14T13:31:00Z', '2027-01-14T13:35:00Z'])
  })
})
