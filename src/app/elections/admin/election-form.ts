import type { ElectionInput } from '../../../shared/elections/model'
import { parseClock } from '../../../shared/meetings/clock'
import { formatDate, parseDate } from '../../admin/dates'

/** The election form's fields as typed: dates "04-06-2026", times "10.00", numbers as text. */
export interface ElectionFields {
  councilId: string
  title: string
  seats: string
  substitutes: string
  maxChoices: string
  termStart: string
  termEnd: string
  voters: string
  relativesMayVoteForResident: boolean
  candidateOrder: string
  candidacyOpensDate: string
  candidacyOpensTime: string
  candidacyClosesDate: string
  candidacyClosesTime: string
  votingOpensDate: string
  votingOpensTime: string
  votingClosesDate: string
  votingClosesTime: string
  easyRead: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const localDate = (d: Date) => `${pad(d.getDate())}-${pad(d.getMonth() + 1)}-${d.getFullYear()}`
const localTime = (d: Date) => `${pad(d.getHours())}.${pad(d.getMinutes())}`

export function fieldsOf(input: ElectionInput | null, councilId = ''): ElectionFields {
  const at = (iso: string | null) => (iso ? new Date(iso) : null)
  const [co, cc, vo, vc] = [at(input?.candidacyOpensAt ?? null), at(input?.candidacyClosesAt ?? null), at(input?.votingOpensAt ?? null), at(input?.votingClosesAt ?? null)]
  return {
    councilId: input?.councilId ?? councilId,
    title: input?.title ?? '',
    seats: String(input?.seats ?? 3),
    substitutes: String(input?.substitutes ?? 2),
    maxChoices: String(input?.maxChoices ?? 2),
    termStart: formatDate(input?.termStart),
    termEnd: formatDate(input?.termEnd),
    voters: input?.voters ?? 'users',
    relativesMayVoteForResident: input?.relativesMayVoteForResident ?? false,
    candidateOrder: input?.candidateOrder ?? 'alphabetical',
    candidacyOpensDate: co ? localDate(co) : '',
    candidacyOpensTime: co ? localTime(co) : '',
    candidacyClosesDate: cc ? localDate(cc) : '',
    candidacyClosesTime: cc ? localTime(cc) : '',
    votingOpensDate: vo ? localDate(vo) : '',
    votingOpensTime: vo ? localTime(vo) : '10.00',
    votingClosesDate: vc ? localDate(vc) : '',
    votingClosesTime: vc ? localTime(vc) : '14.00',
    easyRead: input?.easyRead ?? '',
  }
}

export type FieldProblem = { field: keyof ElectionFields; key: string }

/** A local date and time as an instant, or null when either does not parse. */
function instant(date: string, time: string): string | null {
  const day = parseDate(date)
  const clock = parseClock(time)
  return day && clock ? new Date(`${day}T${clock}:00`).toISOString() : null
}

/** The input the server takes, or every field that needs fixing (each with its message key). */
export function inputOf(f: ElectionFields): { input: ElectionInput } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const whole = (field: 'seats' | 'substitutes' | 'maxChoices', min: number) => {
    const n = Number(f[field])
    if (!/^\d+$/.test(f[field].trim()) || n < min || n > 50) problems.push({ field, key: `${field}Invalid` })
    return n
  }
  if (!f.councilId) problems.push({ field: 'councilId', key: 'councilMissing' })
  if (!f.title.trim()) problems.push({ field: 'title', key: 'titleMissing' })
  const seats = whole('seats', 1)
  const substitutes = whole('substitutes', 0)
  const maxChoices = whole('maxChoices', 1)
  const termStart = parseDate(f.termStart)
  const termEnd = parseDate(f.termEnd)
  if (!termStart) problems.push({ field: 'termStart', key: 'dateInvalid' })
  if (!termEnd) problems.push({ field: 'termEnd', key: 'dateInvalid' })
  const votingOpensAt = instant(f.votingOpensDate, f.votingOpensTime)
  const votingClosesAt = instant(f.votingClosesDate, f.votingClosesTime)
  if (!votingOpensAt) problems.push({ field: 'votingOpensDate', key: 'whenInvalid' })
  if (!votingClosesAt) problems.push({ field: 'votingClosesDate', key: 'whenInvalid' })
  const candidacyGiven = !!(f.candidacyOpensDate.trim() || f.candidacyClosesDate.trim())
  const candidacyOpensAt = candidacyGiven ? instant(f.candidacyOpensDate, f.candidacyOpensTime || '00.00') : null
  const candidacyClosesAt = candidacyGiven ? instant(f.candidacyClosesDate, f.candidacyClosesTime || '23.59') : null
  if (candidacyGiven && !candidacyOpensAt) problems.push({ field: 'candidacyOpensDate', key: 'whenInvalid' })
  if (candidacyGiven && !candidacyClosesAt) problems.push({ field: 'candidacyClosesDate', key: 'whenInvalid' })
  if (problems.length > 0) return { problems }
  return {
    input: {
      councilId: f.councilId,
      title: f.title.trim(),
      seats,
      substitutes,
      maxChoices,
      termStart: termStart!,
      termEnd: termEnd!,
      voters: f.voters as ElectionInput['voters'],
      relativesMayVoteForResident: f.relativesMayVoteForResident,
      candidateOrder: f.candidateOrder as ElectionInput['candidateOrder'],
      candidacyOpensAt,
      candidacyClosesAt,
      votingOpensAt: votingOpensAt!,
      votingClosesAt: votingClosesAt!,
      easyRead: f.easyRead.trim(),
    },
  }
}
