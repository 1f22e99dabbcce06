import { and, eq, sql } from 'drizzle-orm'
import { checkEnvelope, envelopeHash, receiptCode, type Envelope, type EnvelopeProblem } from '../../shared/elections/envelope.js'
import type { BallotAccepted } from '../../shared/elections/model.js'
import { electionBoard, electionCards, electionLateCards, elections } from '../db/schema.js'
import { boardRow, tryAppendEntry, type BoardHead } from './board-store.js'
import type { Db } from '../db/database.js'
import type { Tx } from '../sync/server-write.js'
import type { ElectionsContext } from './context.js'
import { nodePrimitives as p } from './node-primitives.js'
import { cachedManifest, findElection, manifestOf } from './store.js'

export type Acceptance = { ok: true; answer: BallotAccepted } | { ok: false; status: 400 | 403 | 404 | 409; code: string; message: string }

type Refused = Extract<Acceptance, { ok: false }>

const refuse = (status: 400 | 403 | 404 | 409, code: string, message: string): Refused => ({ ok: false, status, code, message })

const ENVELOPE_PROBLEMS: Record<EnvelopeProblem, string> = {
  wrong_election: 'This ballot is for another election.',
  wrong_manifest: 'This ballot was made for another version of the election. Reload the ballot and vote again.',
  malformed: 'This ballot is damaged: a key, the sealed choice or the signature is not encoded as the protocol says.',
  wrong_length: 'The sealed choice has the wrong length for this election.',
  bad_signature: 'The ballot card’s signature does not match. The ballot was changed on the way, or was not made with this card.',
}

const cardUsed = () => refuse(409, 'card_used', 'This ballot card has already been used to vote. Each card votes once.')

/**
 * docs/election-protocol.md section 7. Everything that needs no database is checked first;
 * then the database decides: a repeat of the accepted envelope gets the same answer, a second
 * envelope from the card is refused, a card that may not vote is refused, an envelope after
 * closing is counted as late and refused, and otherwise the envelope is appended to the board.
 * Nothing but the envelope is stored.
 *
 * The common case, a good ballot during voting, is one statement (see appendIfUnchanged);
 * everything else, and any ballot that meets a board that keeps moving, goes through the
 * transaction under the election's row lock (decide), which answers with authority. The
 * acceptance budget in `npm run bench` is about these round trips.
 */
export async function acceptBallot(ctx: ElectionsContext, electionId: string, envelope: Envelope): Promise<Acceptance> {
  const checked = await checkBallot(ctx.db, electionId, envelope)
  if (!checked.ok) return checked
  const now = ctx.now()
  for (let attempt = 0; attempt < FAST_ATTEMPTS; attempt++) {
    const fast = await appendIfUnchanged(ctx.db, electionId, envelope, checked.digest, now)
    if (fast !== 'moved') {
      if (fast !== 'ask-the-lock') return fast
      break
    }
  }
  heads.delete(electionId)
  return ctx.db.transaction((tx) => decide(tx, electionId, envelope, checked.digest, now))
}

/** A board that keeps moving under a ballot (a crowd voting at once) sends it to the lock. */
const FAST_ATTEMPTS = 3

/** What a ballot's acceptance reads of its election under the row lock. */
const ELECTION_STATE = {
      id: elections.id,
      status: elections.status,
      votingOpensAt: elections.votingOpensAt,
      votingClosesAt: elections.votingClosesAt,
      boardHead: elections.boardHead,
      boardLength: elections.boardLength,
      manifestHash: elections.manifestHash,
}

/**
 * The board head this process last saw per election: a guess the fast path builds the next
 * entry on, never trusted (the statement appends only if the locked row still has it). Another
 * process's ballots or a revocation make it stale; the statement then answers with the head as
 * it is, and the next attempt builds on that.
 */
const heads = new Map<string, BoardHead>()

async function currentHead(db: Db, electionId: string): Promise<BoardHead | null> {
  const [row] = await db
    .select({ id: elections.id, boardHead: elections.boardHead, boardLength: elections.boardLength, manifestHash: elections.manifestHash })
    .from(elections)
    .where(eq(elections.id, electionId))
  return row?.manifestHash ? row : null
}

interface FastAnswer {
  head: string | null
  length: number
  appended: number
  known: boolean
  cast_index: number | null
  cast_hash: string | null
}

/**
 * One statement, a call of accept_ballot_fast (drizzle/0008_ballot_fast_path.sql, a function so
 * the database plans it once per connection): it appends the entry built on the guessed head only
 * if the election's row, once locked, still has that head, the statement's snapshot saw the same
 * head, and the card may vote now.
 *
 * Why a head that has not moved is enough: every change that could alter the answer (another
 * ballot from the card, its revocation, closing) appends to the board and so moves the head,
 * under the same row lock. In PostgreSQL a lock that had to wait returns the row as the other
 * transaction left it, while the rest of the statement reads its snapshot; the same head in both
 * means nothing of that committed between the snapshot the card's state was read in and the
 * lock, which is what decide() gets by reading after the lock.
 * 'moved': the head was not the guess, try again on the head as it is; 'ask-the-lock': anything
 * but a plain acceptance (an unknown or revoked card, a late ballot, a clash with a unique
 * index), which decide() answers in its transaction.
 */
async function appendIfUnchanged(db: Db, electionId: string, envelope: Envelope, digest: string, now: Date): Promise<Acceptance | 'moved' | 'ask-the-lock'> {
  const guess = heads.get(electionId) ?? (await currentHead(db, electionId))
  if (!guess) return 'ask-the-lock'
  const { row } = boardRow(guess, { type: 'ballot', envelope }, digest)
  const result = await db.execute(sql`select * from accept_ballot_fast(${electionId}::uuid, ${envelope.card}::text, ${guess.boardHead}::text,
    ${guess.boardLength}::integer, ${now.toISOString()}::timestamptz, ${row.hash}::text, ${row.entry}::text, ${row.enc}::text, ${digest}::text)`)
  // PGlite and node-postgres both answer with `rows`.
  const [answer] = (result as unknown as { rows: FastAnswer[] }).rows
  if (!answer || !answer.known) return 'ask-the-lock'
  if (answer.appended === 1) {
    heads.set(electionId, { ...guess, boardHead: row.hash, boardLength: row.index + 1 })
    return accepted(digest, row.index)
  }
  if (answer.cast_index !== null) return answer.cast_hash === digest ? accepted(digest, answer.cast_index) : cardUsed()
  if (answer.head !== guess.boardHead || answer.length !== guess.boardLength) {
    heads.set(electionId, { ...guess, boardHead: answer.head, boardLength: answer.length })
    return 'moved'
  }
  return 'ask-the-lock'
}

const accepted = (digest: string, index: number): Acceptance => ({ ok: true, answer: { receipt: receiptCode(digest), envelopeHash: digest, index } })

/** The same, inside a transaction someone else holds: the sync push's, for a ballot from the outbox. */
export async function acceptBallotIn(tx: Tx, electionId: string, envelope: Envelope, now: Date): Promise<Acceptance> {
  const checked = await checkBallot(tx, electionId, envelope)
  return checked.ok ? decide(tx, electionId, envelope, checked.digest, now) : checked
}

/** Everything that needs no lock: the election's manifest, the envelope's form and signature. */
async function checkBallot(db: Db | Tx, electionId: string, envelope: Envelope): Promise<{ ok: true; digest: string } | Refused> {
  let published = cachedManifest(electionId)
  if (!published) {
    const election = await findElection(db, electionId)
    if (!election) return refuse(404, 'no_such_election', 'There is no such election.')
    published = manifestOf(election)
    if (!published) return refuse(409, 'voting_not_open', 'Voting has not opened yet.')
  }
  const problem = checkEnvelope(p, published.manifest, published.manifestHash, envelope)
  if (problem) return refuse(400, problem, ENVELOPE_PROBLEMS[problem])
  return { ok: true, digest: envelopeHash(p, envelope) }
}

async function decide(tx: Tx, electionId: string, envelope: Envelope, digest: string, now: Date): Promise<Acceptance> {
  // The lock comes first and alone: in PostgreSQL a statement that waited for a row lock still
  // reads the other tables as they were when it began, so the card's state must be read by a
  // statement that starts after the lock is held (else a ballot or a revocation committed
  // while waiting would go unseen).
  const [locked] = await tx
    .select(ELECTION_STATE)
    .from(elections)
    .where(eq(elections.id, electionId))
    .for('update')
  if (!locked) return refuse(404, 'no_such_election', 'There is no such election.')
  const [state] = await tx
    .select({ card: electionCards.publicKey, revoked: electionCards.revoked, castIndex: electionBoard.index, castHash: electionBoard.envelopeHash })
    .from(electionCards)
    .leftJoin(electionBoard, and(eq(electionBoard.electionId, electionCards.electionId), eq(electionBoard.type, 'ballot'), eq(electionBoard.card, electionCards.publicKey)))
    .where(and(eq(electionCards.electionId, electionId), eq(electionCards.publicKey, envelope.card)))
  if (!state) return refuse(403, 'unknown_card', 'This ballot card does not belong to this election.')
  if (state.castIndex !== null) return state.castHash === digest ? accepted(digest, state.castIndex) : cardUsed()
  if (state.revoked) return refuse(403, 'card_revoked', 'This ballot card has been cancelled. Ask the staff for a new card.')
  if (now < locked.votingOpensAt) return refuse(409, 'voting_not_open', 'Voting has not opened yet.')
  if (now >= locked.votingClosesAt || locked.status !== 'open') {
    await tx.insert(electionLateCards).values({ electionId, card: envelope.card }).onConflictDoNothing()
    return refuse(409, 'voting_closed', 'Voting has closed, so this ballot cannot be counted. It has been counted as late.')
  }
  // Under the lock the card has no ballot yet, so the only index that can refuse is the sealing key's.
  const appended = await tryAppendEntry(tx, locked, { type: 'ballot', envelope })
  if (!appended) return refuse(409, 'enc_reused', 'This sealed ballot repeats another ballot’s key. Vote again from the start.')
  return accepted(digest, appended.index)
}
