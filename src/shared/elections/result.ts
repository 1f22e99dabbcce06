import { Type, type Static } from 'typebox'
import { Uuid } from '../accounts/model.js'
import { verifyBoard, type BoardEntry, type CountedBallot } from './board.js'
import { canonicalJson } from './canonical-json.js'
import { Sha256Hex, type Manifest } from './manifest.js'
import type { Primitives } from './primitives.js'
import { tallyElection } from './tally.js'

export const RESULT_PROTOCOL = 'brugerstemme-result/1'

export const Lot = Type.Object({ tied: Type.Array(Uuid), order: Type.Array(Uuid) }, { additionalProperties: false })

/**
 * The published result. `counted` is every opened ballot, each list sorted and the whole list
 * sorted by its canonical JSON: the pile of paper ballots on the counting table, in an order
 * that links none of them to an envelope, a receipt or a card.
 */
export const ElectionResult = Type.Object(
  {
    protocol: Type.Literal(RESULT_PROTOCOL),
    electionId: Uuid,
    manifestHash: Sha256Hex,
    boardHash: Sha256Hex,
    ballots: Type.Integer({ minimum: 0 }),
    late: Type.Integer({ minimum: 0 }),
    undecryptable: Type.Integer({ minimum: 0 }),
    counted: Type.Array(Type.Array(Type.String())),
    totals: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
    elected: Type.Array(Uuid),
    substitutes: Type.Array(Uuid),
    blank: Type.Integer({ minimum: 0 }),
    invalid: Type.Integer({ minimum: 0 }),
    lots: Type.Array(Lot),
    receipts: Type.Array(Type.String()),
  },
  { additionalProperties: false },
)
export type ElectionResult = Static<typeof ElectionResult>

/** Sorted by canonical JSON, each ballot's JSON made once (not once per comparison). */
function sortByCanonical(ballots: string[][]): string[][] {
  return ballots
    .map((ballot) => ({ ballot, key: canonicalJson(ballot) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.ballot)
}

/**
 * The result of a closed board, from each ballot's opened choices (null where it did not open):
 * the lot is seeded with the board hash, and ballots that do not open count as invalid.
 */
export function countBoard(
  manifest: Manifest,
  manifestHashHex: string,
  board: { headHash: string; ballots: readonly CountedBallot[] },
  opened: readonly (string[] | null)[],
  late: number,
): ElectionResult {
  const counted = sortByCanonical(opened.filter((b): b is string[] => b !== null).map((b) => [...b].sort()))
  const undecryptable = opened.length - counted.length
  const tally = tallyElection({
    candidates: manifest.candidates.map((c) => c.id),
    seats: manifest.seats,
    substitutes: manifest.substitutes,
    maxChoices: manifest.maxChoices,
    ballots: counted,
    seed: board.headHash,
  })
  return {
    protocol: RESULT_PROTOCOL,
    electionId: manifest.electionId,
    manifestHash: manifestHashHex,
    boardHash: board.headHash,
    ballots: board.ballots.length,
    late,
    undecryptable,
    counted,
    ...tally,
    invalid: tally.invalid + undecryptable,
    receipts: board.ballots.map((b) => b.receipt).sort(),
  }
}

/**
 * What anyone can check of a published result without any key: the board replays, is closed and
 * ends in the published board hash; the receipts are those of its ballots; as many ballots were
 * counted (or found invalid) as the board holds; and counting the published ballots with the
 * board hash as the lot's seed gives exactly the published totals, places and lots. Returns the
 * problems found, none when the result holds. What this cannot show is that each ballot was
 * opened honestly: see "What this design does not protect against" in the protocol document.
 */
export function verifyResult(p: Primitives, manifest: Manifest, manifestHashHex: string, entries: readonly BoardEntry[], result: ElectionResult): string[] {
  const problems: string[] = []
  const board = verifyBoard(p, manifest, manifestHashHex, entries)
  if (!board.ok) return [`board entry ${board.index}: ${board.problem}`]
  if (!board.closed) problems.push('the board is not closed')
  if (result.electionId !== manifest.electionId || result.manifestHash !== manifestHashHex) problems.push('the result is for another election or manifest')
  if (result.boardHash !== board.headHash) problems.push('the board hash differs')
  if (result.ballots !== board.ballots.length) problems.push('the number of ballots differs from the board')
  if (canonicalJson(result.receipts) !== canonicalJson(board.ballots.map((b) => b.receipt).sort())) problems.push('the receipts differ from the board')
  if (result.counted.length + result.undecryptable !== board.ballots.length) problems.push('counted and undecryptable ballots do not add up to the board')
  const opened: (string[] | null)[] = [...result.counted, ...Array.from({ length: result.undecryptable }, () => null)]
  const recount = countBoard(manifest, manifestHashHex, { headHash: result.boardHash, ballots: board.ballots }, opened, result.late)
  for (const field of ['counted', 'totals', 'elected', 'substitutes', 'blank', 'invalid', 'lots'] as const) {
    if (canonicalJson(recount[field]) !== canonicalJson(result[field])) problems.push(`${field} does not follow from the counted ballots`)
  }
  return problems
}
