import { Type, type Static } from 'typebox'
import type { ContributionData, PrioritisationData, ProcessData, SessionData, StatementData, ThemeData } from './entities.js'
import { Invitee, Phase, Role } from './model.js'
import { agreementOf, priorityTotals, refNumber, type Counts } from './rules.js'

/**
 * The report of a process: the form a municipal white paper of consultation responses has, so
 * each theme lists the references it came from and each person finds their own. Every
 * contribution appears as an entry exactly once, in the place it ended up (a theme, not yet
 * grouped, or hidden); merges and "in the proposal" are said on the entry itself.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const ReportEntry = Type.Object({
  ref: Type.String(),
  role: Role,
  relative: Type.Boolean(),
  /** Only where the author agreed to be named, and never in a public report. */
  name: Nullable(Type.String()),
  text: Type.String(),
  hasPhoto: Type.Boolean(),
  hasRecording: Type.Boolean(),
  session: Nullable(Type.String()),
  question: Nullable(Type.String()),
  mergedWith: Type.Array(Type.String()),
  inProposal: Type.Boolean(),
  late: Type.Boolean(),
  interview: Type.Boolean(),
  hiddenReason: Nullable(Type.String()),
})
export type ReportEntry = Static<typeof ReportEntry>

const CountsSchema = Type.Object({ agree: Type.Integer(), disagree: Type.Integer(), pass: Type.Integer() })

export const Report = Type.Object(
  {
    process: Type.Object({
      id: Type.String(),
      kind: Type.String(),
      title: Type.String(),
      purpose: Type.String(),
      frame: Type.String(),
      budget: Nullable(Type.Integer()),
      phase: Phase,
      deadline: Nullable(Type.String()),
      response: Type.String(),
      responseSentOn: Nullable(Type.String()),
    }),
    invitees: Type.Array(Invitee),
    sessions: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        title: Type.String(),
        date: Nullable(Type.String()),
        place: Type.String(),
        minutes: Type.String(),
        /** People by role and count; names only of those who agreed (never in a public report). */
        participants: Type.Array(Type.Object({ role: Role, count: Type.Integer(), names: Type.Array(Type.String()) })),
      }),
    ),
    themes: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), easyTitle: Type.String(), inProposal: Type.Boolean(), entries: Type.Array(ReportEntry) })),
    ungrouped: Type.Array(ReportEntry),
    hidden: Type.Array(ReportEntry),
    statements: Type.Array(
      Type.Object({ text: Type.String(), counts: CountsSchema, total: Type.Integer(), verdict: Type.String(), direction: Nullable(Type.String()) }),
    ),
    priorities: Type.Array(
      Type.Object({
        title: Type.String(),
        method: Type.String(),
        perPerson: Type.Integer(),
        budget: Nullable(Type.Integer()),
        totals: Type.Array(Type.Object({ text: Type.String(), cost: Nullable(Type.Integer()), total: Type.Integer(), people: Type.Integer() })),
      }),
    ),
    status: Type.Object({ text: Type.String(), easy: Type.String() }),
    proposal: Type.Object({ text: Type.String(), easy: Type.String() }),
    public: Type.Boolean(),
  },
  { title: 'WorkshopReport' },
)
export type Report = Static<typeof Report>

export interface ParticipantRow {
  sessionId: string
  role: Static<typeof Role>
  /** Set only when the participant agreed to be named. */
  name: string | null
}

export interface ReportInput {
  processId: string
  process: ProcessData
  sessions: { id: string; data: SessionData }[]
  themes: { id: string; data: ThemeData }[]
  contributions: { id: string; data: ContributionData }[]
  statements: { id: string; data: StatementData; counts: Counts }[]
  prioritisations: { id: string; data: PrioritisationData; allocations: Record<string, number>[] }[]
  participants: ParticipantRow[]
}

const byRef = (a: { ref: string }, b: { ref: string }) => (refNumber(a.ref) ?? 0) - (refNumber(b.ref) ?? 0)

export function buildReport(input: ReportInput, options: { public: boolean }): Report {
  const { process } = input
  const refOf = new Map(input.contributions.map((c) => [c.id, c.data.ref]))
  const byId = new Map(input.contributions.map((c) => [c.id, c.data]))
  const sessionOf = new Map(input.sessions.map((s) => [s.id, s.data]))
  const themeIds = new Set(input.themes.map((t) => t.id))

  const entry = (c: ContributionData): ReportEntry => {
    const session = c.sessionId ? sessionOf.get(c.sessionId) : undefined
    const hidden = c.hiddenReason !== null
    return {
      ref: c.ref,
      role: c.role,
      relative: c.relative,
      name: options.public || c.anonymous ? null : c.name,
      // A hidden contribution's words stay out of a public report; its reference and reason stay in.
      text: hidden && options.public ? '' : c.text,
      hasPhoto: c.photo !== null,
      hasRecording: c.recording !== null,
      session: session?.title ?? null,
      question: session?.questions.find((q) => q.id === c.questionId)?.text ?? null,
      mergedWith: c.mergedWith.map((id) => refOf.get(id)).filter((r): r is string => r !== undefined),
      inProposal: c.inProposal,
      late: c.late,
      interview: c.interview !== null,
      hiddenReason: c.hiddenReason,
    }
  }

  /** A merged contribution without a theme of its own stands where its partner does. */
  const themeOf = (c: ContributionData): string | null => {
    if (c.themeId && themeIds.has(c.themeId)) return c.themeId
    for (const other of c.mergedWith) {
      const partner = byId.get(other)
      if (partner?.themeId && themeIds.has(partner.themeId) && partner.hiddenReason === null) return partner.themeId
    }
    return null
  }

  const inTheme = new Map<string, ReportEntry[]>()
  const ungrouped: ReportEntry[] = []
  const hidden: ReportEntry[] = []
  for (const { data } of input.contributions) {
    if (data.hiddenReason !== null) {
      hidden.push(entry(data))
      continue
    }
    const theme = themeOf(data)
    const themeInProposal = input.themes.some((t) => t.id === theme && t.data.inProposal)
    if (theme) inTheme.set(theme, [...(inTheme.get(theme) ?? []), { ...entry(data), inProposal: data.inProposal || themeInProposal }])
    else ungrouped.push(entry(data))
  }

  const participants = (sessionId: string) => {
    const rows = input.participants.filter((p) => p.sessionId === sessionId)
    const roles = [...new Set(rows.map((r) => r.role))]
    return roles.map((role) => {
      const mine = rows.filter((r) => r.role === role)
      return { role, count: mine.length, names: options.public ? [] : mine.flatMap((r) => (r.name ? [r.name] : [])) }
    })
  }

  return {
    process: {
      id: input.processId,
      kind: process.kind,
      title: process.title,
      purpose: process.purpose,
      frame: process.frame,
      budget: process.budget,
      phase: process.phase,
      deadline: process.deadline,
      response: process.response,
      responseSentOn: process.responseSentOn,
    },
    invitees: process.invitees,
    sessions: input.sessions.map(({ id, data }) => ({
      id,
      kind: data.kind,
      title: data.title,
      date: data.date,
      place: data.place,
      minutes: data.minutes,
      participants: participants(id),
    })),
    themes: input.themes.map(({ id, data }) => ({ id, title: data.title, easyTitle: data.easyTitle, inProposal: data.inProposal, entries: (inTheme.get(id) ?? []).sort(byRef) })),
    ungrouped: ungrouped.sort(byRef),
    hidden: hidden.sort(byRef),
    statements: input.statements.map(({ data, counts }) => {
      const { verdict, direction } = agreementOf(counts)
      return { text: data.text, counts, total: counts.agree + counts.disagree + counts.pass, verdict, direction }
    }),
    priorities: input.prioritisations.map(({ data, allocations }) => ({
      title: data.title,
      method: data.method,
      perPerson: data.perPerson,
      budget: data.withinBudget ? process.budget : null,
      totals: priorityTotals(data.options, allocations).map(({ text, cost, total, people }) => ({ text, cost, total, people })),
    })),
    status: { text: process.status, easy: process.statusEasy },
    proposal: { text: process.proposal, easy: process.proposalEasy },
    public: options.public,
  }
}

/** Every entry of a report, wherever it stands. */
export const reportEntries = (report: Report): ReportEntry[] => [...report.themes.flatMap((t) => t.entries), ...report.ungrouped, ...report.hidden]

/** A spreadsheet cell: quoted, and never read as a formula (=, +, -, @ at the start). */
function cell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return `"${text.replaceAll('"', '""')}"`
}

export const CSV_HEADER = ['reference', 'place', 'theme', 'merged_with', 'hidden_reason', 'in_proposal', 'role', 'relative', 'late', 'interview', 'session', 'question', 'text', 'photo', 'recording'] as const

/** One row per contribution, where it ended up: the same entries as the report, in its order. */
export function reportCsv(report: Report): string {
  const rows: (string | number | boolean | null)[][] = [[...CSV_HEADER]]
  const row = (e: ReportEntry, place: string, theme: string | null) => [
    e.ref, place, theme, e.mergedWith.join(' '), e.hiddenReason, e.inProposal, e.role, e.relative, e.late, e.interview, e.session, e.question, e.text, e.hasPhoto, e.hasRecording,
  ]
  for (const t of report.themes) for (const e of t.entries) rows.push(row(e, 'theme', t.title))
  for (const e of report.ungrouped) rows.push(row(e, 'ungrouped', null))
  for (const e of report.hidden) rows.push(row(e, 'hidden', null))
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

export type Placement =
  | { kind: 'theme'; themeId: string; title: string; inProposal: boolean; mergedWith: string[] }
  | { kind: 'ungrouped'; inProposal: boolean; mergedWith: string[] }
  | { kind: 'hidden'; reason: string; mergedWith: string[] }

/** Where one contribution ended up, in the report's own words: for "Mine bidrag". */
export function placementIn(report: Report, ref: string): Placement | null {
  for (const t of report.themes) {
    const e = t.entries.find((x) => x.ref === ref)
    if (e) return { kind: 'theme', themeId: t.id, title: t.title, inProposal: e.inProposal, mergedWith: e.mergedWith }
  }
  const u = report.ungrouped.find((x) => x.ref === ref)
  if (u) return { kind: 'ungrouped', inProposal: u.inProposal, mergedWith: u.mergedWith }
  const h = report.hidden.find((x) => x.ref === ref)
  if (h) return { kind: 'hidden', reason: h.hiddenReason ?? '', mergedWith: h.mergedWith }
  return null
}
