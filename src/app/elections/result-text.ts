import type { ElectionResult } from '../../shared/elections/result'

export interface RankedCandidate {
  id: string
  name: string
  votes: number
  /** 'elected', 'substitute' with its number, or 'out'. */
  place: { kind: 'elected' } | { kind: 'substitute'; rank: number } | { kind: 'out' }
}

/** The candidates in the order the result places them: elected, substitutes in order, then the rest by votes. */
export function rankCandidates(result: ElectionResult, names: Record<string, string>): RankedCandidate[] {
  const placed = new Set([...result.elected, ...result.substitutes])
  const rest = Object.keys(result.totals)
    .filter((id) => !placed.has(id))
    .sort((a, b) => result.totals[b]! - result.totals[a]! || (names[a] ?? '').localeCompare(names[b] ?? '', 'da'))
  const entry = (id: string, place: RankedCandidate['place']) => ({ id, name: names[id] ?? '', votes: result.totals[id] ?? 0, place })
  return [
    ...result.elected.map((id) => entry(id, { kind: 'elected' })),
    ...result.substitutes.map((id, i) => entry(id, { kind: 'substitute', rank: i + 1 })),
    ...rest.map((id) => entry(id, { kind: 'out' })),
  ]
}

/** Names in Danish list form: "Anna", "Anna og Bo", "Anna, Bo og Carl". */
export function listNames(names: string[], and: string): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`
}
