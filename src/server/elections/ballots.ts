import { and, eq, sql } from 'drizzle-orm'
import { checkEnvelope, envelopeHash, receiptCode, type Envelope, type EnvelopeProblem } from '../../shared/elections/envelope.js'
import type { BallotAccepted } from '../../shared/elections/model.js'
import { electionBoard, electionCards, electionLateCards, elections } from '../db/schema.js'
import { boardRow, tryAppendEntry } from './board-store.js'
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
 * The common case, a good ballot during voting, takes two statements (see appendIfUnchanged);
 * everything else, and any ballot that meets a board that moved meanwhile, goes through the
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
  return ctx.db.transaction((tx) => decide(tx, electionId, envelope, checked.digest, now))
}

/** A board that keeps moving under a ballot (a crowd voting at once) sends it to the lock. */
const FAST_ATTEMPTS = 3

/** What a ballot's acceptance reads of its election, with or without the row lock. */
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
 * One read of the election and the card's state, then one statement that locks the election's
 * row and appends the ballot only if the board's head is still the one read. Every change that
 * could alter the answer (another ballot from the card, its revocation, closing) appends to the
 * board and so moves the head, under the same row lock: a head that has not moved means the read
 * was still true when the lock was taken, which is what decide() gets by reading after the lock.
 * 'moved': the head moved, read again; 'ask-the-lock': anything but a plain acceptance (a refusal,
 * a late ballot, a clash with a unique index), which decide() answers in its transaction.
 */
async function appendIfUnchanged(db: Db, electionId: string, envelope: Envelope, digest: string, now: Date): Promise<Acceptance | 'moved' | 'ask-the-lock'> {
  const [state] = await db
    .select({
      ...ELECTION_STATE,
      card: electionCards.publicKey,
      revoked: electionCards.revoked,
      castIndex: electionBoard.index,
      castHash: electionBoard.envelopeHash,
    })
    .from(elections)
    .leftJoin(electionCards, and(eq(electionCards.electionId, elections.id), eq(electionCards.publicKey, envelope.card)))
    .leftJoin(electionBoard, and(eq(electionBoard.electionId, elections.id), eq(electionBoard.type, 'ballot'), eq(electionBoard.card, envelope.card)))
    .where(eq(elections.id, electionId))
  if (!state || state.card === null) return 'ask-the-lock'
  if (state.castIndex !== null) return state.castHash === digest ? accepted(digest, state.castIndex) : cardUsed()
  if (state.revoked || state.status !== 'open' || now < state.votingOpensAt || now >= state.votingClosesAt) return 'ask-the-lock'
  const { row } = boardRow(state, { type: 'ballot', envelope }, digest)
  const result = await db.execute(sql`
    with locked as (
      select ${elections.boardHead} as head, ${elections.boardLength} as length from ${elections}
      where ${elections.id} = ${electionId}::uuid and ${elections.status} = 'open' for update
    ), unchanged as (
      select 1 from locked where head is not distinct from ${state.boardHead}::text and length = ${state.boardLength}::int
    ), appended as (
      insert into ${electionBoard} (election_id, "index", hash, type, entry, card, enc, envelope_hash)
      select ${row.electionId}::uuid, ${row.index}::int, ${row.hash}::text, ${row.type}::text, ${row.entry}::text, ${row.card}::text, ${row.enc}::text, ${row.envelopeHash}::text from unchanged
      on conflict do nothing
      returning "index"
    ), moved as (
      update ${elections} set board_head = ${row.hash}, board_length = ${row.index + 1}
      where ${elections.id} = ${electionId}::uuid and exists (select 1 from appended)
    )
    select (select head from locked) as head, (select length from locked) as length, (select count(*) from appended)::int as appended`)
  // PGlite and node-postgres both answer with `rows`.
  const [answer] = (result as unknown as { rows: { head: string | null; length: number | string; appended: number }[] }).rows
  if (answer?.appended === 1) return accepted(digest, row.index)
  if (answer && (answer.head !== state.boardHead || Number(answer.length) !== state.boardLength)) return 'moved'
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
