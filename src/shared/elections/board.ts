import { Type, type Static } from 'typebox'
import { toHex, utf8 } from './bytes.js'
import { canonicalJson } from './canonical-json.js'
import { checkEnvelope, Envelope, envelopeHash, receiptCode, type EnvelopeProblem } from './envelope.js'
import { Base64url32, Sha256Hex, type Manifest } from './manifest.js'
import type { Primitives } from './primitives.js'

/**
 * The bulletin board: every accepted ballot and every change to the valid cards after opening,
 * in order, each entry naming the hash of the one before (the first names the manifest hash).
 * The entry that closes voting is last; its hash is the board hash, which seeds the lot.
 */
const Link = { index: Type.Integer({ minimum: 0 }), prev: Sha256Hex }
export const BallotEntry = Type.Object({ ...Link, type: Type.Literal('ballot'), envelope: Envelope }, { additionalProperties: false })
export const CardAddedEntry = Type.Object({ ...Link, type: Type.Literal('card-added'), card: Base64url32 }, { additionalProperties: false })
export const CardRevokedEntry = Type.Object({ ...Link, type: Type.Literal('card-revoked'), card: Base64url32 }, { additionalProperties: false })
export const ClosedEntry = Type.Object({ ...Link, type: Type.Literal('closed') }, { additionalProperties: false })
export const BoardEntry = Type.Union([BallotEntry, CardAddedEntry, CardRevokedEntry, ClosedEntry])
export type BoardEntry = Static<typeof BoardEntry>

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
export type BoardEntryBody = DistributiveOmit<BoardEntry, 'index' | 'prev'>

export const Board = Type.Object({ manifestHash: Sha256Hex, entries: Type.Array(BoardEntry) })
export type Board = Static<typeof Board>

/** hash(entry) = SHA-256 of the entry's canonical JSON, as lowercase hex. */
export function entryHash(p: Primitives, entry: BoardEntry): string {
  return toHex(p.sha256(utf8(canonicalJson(entry))))
}

/** The next entry after the one whose hash is `prev` (the manifest hash for the first). */
export function linkEntry(index: number, prev: string, body: BoardEntryBody): BoardEntry {
  return { index, prev, ...body } as BoardEntry
}

export type BoardProblem =
  | EnvelopeProblem
  | 'broken_chain'
  | 'after_close'
  | 'card_known'
  | 'card_not_valid'
  | 'card_used'
  | 'enc_reused'

export interface CountedBallot {
  index: number
  envelope: Envelope
  envelopeHash: string
  receipt: string
}

export type BoardCheck =
  | { ok: true; closed: boolean; headHash: string; ballots: CountedBallot[]; validCards: number }
  | { ok: false; index: number; problem: BoardProblem }

/**
 * Replays the board from the manifest and checks every rule a server must keep: the chain is
 * unbroken, nothing follows the close, each ballot is well formed and signed by a card that is
 * valid at that point and has not voted, no encapsulated key is used twice, and cards are added
 * only once and revoked only while valid.
 */
export function verifyBoard(p: Primitives, manifest: Manifest, hash: string, entries: readonly BoardEntry[]): BoardCheck {
  const valid = new Set(manifest.cards)
  const known = new Set(manifest.cards)
  const voted = new Set<string>()
  const encs = new Set<string>()
  const ballots: CountedBallot[] = []
  let prev = hash
  let closed = false
  for (const [i, entry] of entries.entries()) {
    const fail = (problem: BoardProblem): BoardCheck => ({ ok: false, index: i, problem })
    if (entry.index !== i || entry.prev !== prev) return fail('broken_chain')
    if (closed) return fail('after_close')
    switch (entry.type) {
      case 'card-added':
        if (known.has(entry.card)) return fail('card_known')
        known.add(entry.card)
        valid.add(entry.card)
        break
      case 'card-revoked':
        if (!valid.delete(entry.card)) return fail('card_not_valid')
        break
      case 'ballot': {
        const problem = checkEnvelope(p, manifest, hash, entry.envelope)
        if (problem) return fail(problem)
        if (voted.has(entry.envelope.card)) return fail('card_used')
        if (!valid.has(entry.envelope.card)) return fail('card_not_valid')
        if (encs.has(entry.envelope.enc)) return fail('enc_reused')
        voted.add(entry.envelope.card)
        encs.add(entry.envelope.enc)
        const digest = envelopeHash(p, entry.envelope)
        ballots.push({ index: i, envelope: entry.envelope, envelopeHash: digest, receipt: receiptCode(digest) })
        break
      }
      case 'closed':
        closed = true
        break
    }
    prev = entryHash(p, entry)
  }
  return { ok: true, closed, headHash: prev, ballots, validCards: valid.size }
}
