import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

export interface TallyInput {
  /** Candidate ids in ballot order; that order also settles ties that decide nothing. */
  candidates: string[]
  seats: number
  substitutes: number
  maxChoices: number
  /** Each ballot as the list of candidate ids it names; an empty list is a blank vote. */
  ballots: string[][]
  /** The lot's seed; in an election, the bulletin board's final hash (see docs/election-protocol.md). */
  seed: string
}

export interface Lot {
  /** The candidates with equal totals whose order decides something, in ballot order. */
  tied: string[]
  /** The drawn order. */
  order: string[]
}

export interface TallyResult {
  totals: Record<string, number>
  elected: string[]
  /** In the order they step in. */
  substitutes: string[]
  blank: number
  invalid: number
  lots: Lot[]
}

export const LOT_DOMAIN = 'brugerstemme-lot/1'

/**
 * A candidate's number in the lot: SHA-256 of the JSON array [domain, seed, candidate id], as
 * lowercase hex. Lower goes first. It depends on the seed and the candidate only, so every tie
 * under one seed is drawn from the same shuffled order of all candidates, and anyone can redraw it.
 */
export function lotKey(seed: string, candidateId: string): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify([LOT_DOMAIN, seed, candidateId]))))
}

/** The drawn order of tied candidates: a pure function of the seed and the tied set. */
export function drawLot(seed: string, tied: readonly string[]): string[] {
  return tied
    .map((id) => ({ id, key: lotKey(seed, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.id)
}

function assertWhole(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of at least 0, got ${value}.`)
}

/** A ballot counts when it names at most maxChoices known candidates, none twice. */
function isValid(ballot: readonly string[], known: ReadonlySet<string>, maxChoices: number): boolean {
  return ballot.length <= maxChoices && new Set(ballot).size === ballot.length && ballot.every((id) => known.has(id))
}

/**
 * Counts the ballots and places the candidates: the first `seats` places are elected, the next
 * `substitutes` places are substitutes in order, the rest are out. Candidates are ranked by their
 * totals. A group with equal totals is drawn by lot only when its members would otherwise land on
 * different outcomes (elected, substitute number k, or out); a tie that decides nothing keeps the
 * ballot order and is not listed in `lots`.
 */
export function tallyElection(input: TallyInput): TallyResult {
  const { candidates, seats, substitutes, maxChoices, ballots, seed } = input
  assertWhole('seats', seats)
  assertWhole('substitutes', substitutes)
  assertWhole('maxChoices', maxChoices)
  const known = new Set(candidates)
  if (known.size !== candidates.length) throw new RangeError('Each candidate may be listed only once.')

  const totals: Record<string, number> = Object.fromEntries(candidates.map((id) => [id, 0]))
  let blank = 0
  let invalid = 0
  for (const ballot of ballots) {
    if (ballot.length === 0) blank += 1
    else if (!isValid(ballot, known, maxChoices)) invalid += 1
    else for (const id of ballot) totals[id]! += 1
  }

  const outcome = (place: number) => (place < seats ? 'elected' : place < seats + substitutes ? `substitute-${place}` : 'out')
  const byTotal = new Map<number, string[]>()
  for (const id of candidates) byTotal.set(totals[id]!, [...(byTotal.get(totals[id]!) ?? []), id])
  const ranked: string[] = []
  const lots: Lot[] = []
  for (const total of [...byTotal.keys()].sort((a, b) => b - a)) {
    const group = byTotal.get(total)!
    const start = ranked.length
    const outcomes = new Set(group.map((_, i) => outcome(start + i)))
    if (outcomes.size > 1) {
      const order = drawLot(seed, group)
      lots.push({ tied: group, order })
      ranked.push(...order)
    } else {
      ranked.push(...group)
    }
  }

  return {
    totals,
    elected: ranked.slice(0, seats),
    substitutes: ranked.slice(seats, seats + substitutes),
    blank,
    invalid,
    lots,
  }
}
