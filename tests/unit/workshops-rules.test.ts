import { describe, expect, it } from 'vitest'
import type { ContributionData, ProcessData, SessionData, ThemeData } from '../../src/shared/workshops/entities.js'
import { buildReport, placementIn, reportCsv, reportEntries, type ReportInput } from '../../src/shared/workshops/report.js'
import {
  agreementOf,
  allocationProblem,
  allocationState,
  canAdd,
  deadlineWords,
  isLate,
  joinCode,
  nextRef,
  normaliseJoinCode,
  priorityTotals,
  shownCount,
  type PrioritySetup,
} from '../../src/shared/workshops/rules.js'

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`

describe('references and join codes', () => {
  it('numbers references after the highest one, whatever the order', () => {
    expect(nextRef([])).toBe('B-1')
    expect(nextRef(['B-2', 'B-17', 'B-3'])).toBe('B-18')
  })
  it('makes six-character codes without look-alikes and reads typed ones forgivingly', () => {
    const code = joinCode(new Uint8Array([0, 1, 2, 200, 255, 31]))
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/)
    expect(normaliseJoinCode(' ab-c d ')).toBe('ABCD')
  })
})

describe('agreement rule', () => {
  it('calls too few answers unclear, however they fall', () => {
    expect(agreementOf({ agree: 2, disagree: 0, pass: 0 }).verdict).toBe('unclear')
  })
  it('calls two thirds the same agreed, for or against', () => {
    expect(agreementOf({ agree: 2, disagree: 1, pass: 0 })).toEqual({ verdict: 'agreed', direction: 'agree' })
    expect(agreementOf({ agree: 1, disagree: 4, pass: 1 })).toEqual({ verdict: 'agreed', direction: 'disagree' })
  })
  it('calls at least a third on each side divided', () => {
    expect(agreementOf({ agree: 3, disagree: 3, pass: 1 })).toEqual({ verdict: 'divided', direction: null })
  })
  it('calls many "ved ikke" unclear', () => {
    expect(agreementOf({ agree: 1, disagree: 0, pass: 4 }).verdict).toBe('unclear')
  })
  it('shows percentages only from ten answers', () => {
    expect(shownCount(4, 9)).toEqual({ count: 4, percent: null })
    expect(shownCount(4, 10)).toEqual({ count: 4, percent: 40 })
  })
})

describe('prioritisation within the frame', () => {
  const dots: PrioritySetup = {
    method: 'dots',
    perPerson: 3,
    withinBudget: true,
    options: [
      { id: id(1), text: 'Café', cost: 40_000 },
      { id: id(2), text: 'Bus', cost: 70_000 },
      { id: id(3), text: 'Have', cost: null },
    ],
  }
  it('says what is left of dots and budget', () => {
    expect(allocationState(dots, 100_000, { [id(1)]: 2 })).toEqual({ used: 2, left: 1, spent: 40_000, budgetLeft: 60_000 })
  })
  it('refuses more dots than a person has, and options over the budget', () => {
    expect(allocationProblem(dots, 100_000, { [id(1)]: 4 })).toEqual({ code: 'too_many', max: 3 })
    expect(allocationProblem(dots, 100_000, { [id(1)]: 1, [id(2)]: 1 })).toEqual({ code: 'over_budget', budget: 100_000, spent: 110_000 })
    expect(canAdd(dots, 100_000, { [id(1)]: 1 }, id(2))).toBe(false)
    expect(canAdd(dots, 100_000, { [id(1)]: 1 }, id(3))).toBe(true)
  })
  it('refuses unknown options and picking one option twice', () => {
    expect(allocationProblem(dots, null, { [id(9)]: 1 })).toEqual({ code: 'unknown_option', optionId: id(9) })
    expect(allocationProblem({ ...dots, method: 'pick' }, null, { [id(1)]: 2 })).toEqual({ code: 'pick_once', optionId: id(1) })
  })
  it('ignores the budget when the prioritisation is not within it', () => {
    expect(allocationProblem({ ...dots, withinBudget: false }, 100_000, { [id(1)]: 1, [id(2)]: 1 })).toBeNull()
  })
  it('adds up everyone, highest first', () => {
    const totals = priorityTotals(dots.options, [{ [id(2)]: 2 }, { [id(2)]: 1, [id(3)]: 2 }])
    expect(totals.map((t) => [t.text, t.total, t.people])).toEqual([['Bus', 3, 2], ['Have', 2, 1], ['Café', 0, 0]])
  })
})

describe('deadlines', () => {
  const now = new Date('2026-11-27T10:00:00Z')
  it('counts whole days in Danish time', () => {
    expect(deadlineWords('2026-11-30T11:00:00Z', now)).toEqual({ key: 'days', days: 3 })
    expect(deadlineWords('2026-11-27T20:00:00Z', now)).toEqual({ key: 'today' })
    expect(deadlineWords('2026-11-27T09:00:00Z', now)).toEqual({ key: 'passed' })
    expect(deadlineWords(null, now)).toEqual({ key: 'none' })
  })
  it('marks a viewpoint after the deadline late', () => {
    expect(isLate('2026-11-27T09:00:00Z', now)).toBe(true)
    expect(isLate('2026-11-27T11:00:00Z', now)).toBe(false)
    expect(isLate(null, now)).toBe(false)
  })
})

const process: ProcessData = {
  councilId: id(100), kind: 'co-creation', title: 'Aktivitetstilbud', purpose: '', frame: 'Inden for rammen', budget: 100_000, phase: 'prioritise',
  templateId: null, invitees: [{ id: id(50), name: 'Ældresagen', how: 'Brev', invitedOn: '2026-10-01' }], status: '', statusEasy: '', proposal: 'Forslag', proposalEasy: '',
  deadline: null, caseText: '', caseEasy: '', response: '', responseSentOn: null, reportPublished: false,
}
const session: SessionData = {
  councilId: id(100), processId: id(99), kind: 'workshop', title: 'Værksted 1', date: '2026-11-01', place: 'Caféen', code: 'ABCDEF',
  inputOpen: true, allowAnonymous: true, questions: [{ id: id(60), text: 'Hvad savner du?', easyText: '' }], minutes: 'Referat',
}
const theme = (title: string, inProposal = false): ThemeData => ({ councilId: id(100), processId: id(99), title, easyTitle: '', inProposal })
const contribution = (n: number, over: Partial<ContributionData> = {}): { id: string; data: ContributionData } => ({
  id: id(n),
  data: {
    councilId: id(100), processId: id(99), sessionId: id(70), questionId: id(60), ref: `B-${n}`, text: `Idé ${n}`, photo: null, recording: null,
    role: 'user', anonymous: false, personId: id(200 + n), name: n === 1 ? 'Anna' : null, relative: false, onBehalfOf: null, interview: null, late: false,
    createdAt: '2026-11-01T10:00:00Z', themeId: null, mergedWith: [], hiddenReason: null, inProposal: false, ...over,
  },
})

function input(): ReportInput {
  return {
    processId: id(99),
    process,
    sessions: [{ id: id(70), data: session }],
    themes: [{ id: id(80), data: theme('Mad', true) }, { id: id(81), data: theme('Ture') }],
    contributions: [
      contribution(1, { themeId: id(80), mergedWith: [id(2)] }),
      contribution(2, { mergedWith: [id(1)] }),
      contribution(3, { themeId: id(81), hiddenReason: 'Navn på en anden beboer' }),
      contribution(4),
      contribution(5, { themeId: id(81), role: 'relative', relative: true, text: '=HYPERLINK("x")' }),
    ],
    statements: [{ id: id(90), data: { councilId: id(100), processId: id(99), sessionId: null, text: 'Mere musik', easyText: '', open: true }, counts: { agree: 4, disagree: 1, pass: 0 } }],
    prioritisations: [],
    participants: [
      { sessionId: id(70), role: 'user', name: 'Anna' },
      { sessionId: id(70), role: 'user', name: null },
      { sessionId: id(70), role: 'relative', name: null },
    ],
  }
}

describe('report', () => {
  it('places every reference exactly once, a merged one beside its partner', () => {
    const report = buildReport(input(), { public: false })
    const refs = reportEntries(report).map((e) => e.ref).sort()
    expect(refs).toEqual(['B-1', 'B-2', 'B-3', 'B-4', 'B-5'])
    expect(report.themes[0]!.entries.map((e) => [e.ref, e.mergedWith])).toEqual([['B-1', ['B-2']], ['B-2', ['B-1']]])
    expect(report.hidden.map((e) => [e.ref, e.hiddenReason])).toEqual([['B-3', 'Navn på en anden beboer']])
    expect(report.ungrouped.map((e) => e.ref)).toEqual(['B-4'])
    expect(report.themes[0]!.entries.every((e) => e.inProposal)).toBe(true)
  })
  it('names only those who agreed, and nobody in a public report', () => {
    const inside = buildReport(input(), { public: false })
    expect(inside.sessions[0]!.participants).toEqual([{ role: 'user', count: 2, names: ['Anna'] }, { role: 'relative', count: 1, names: [] }])
    const outside = buildReport(input(), { public: true })
    expect(JSON.stringify(outside)).not.toContain('Anna')
    expect(outside.hidden[0]!.text).toBe('')
    expect(outside.sessions[0]!.participants[0]).toEqual({ role: 'user', count: 2, names: [] })
  })
  it('says the verdict of each statement by the rule', () => {
    expect(buildReport(input(), { public: false }).statements[0]).toMatchObject({ total: 5, verdict: 'agreed', direction: 'agree' })
  })
  it('exports one CSV row per contribution that no spreadsheet runs as a formula', () => {
    const csv = reportCsv(buildReport(input(), { public: false }))
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(6)
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
  })
  it('tells "Mine bidrag" where a contribution ended up', () => {
    const report = buildReport(input(), { public: false })
    expect(placementIn(report, 'B-2')).toMatchObject({ kind: 'theme', title: 'Mad', mergedWith: ['B-1'], inProposal: true })
    expect(placementIn(report, 'B-3')).toEqual({ kind: 'hidden', reason: 'Navn på en anden beboer', mergedWith: [] })
    expect(placementIn(report, 'B-9')).toBeNull()
  })
})
