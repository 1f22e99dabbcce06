import { canonicalJson } from '../../shared/elections/canonical-json.js'
import { checkEnvelope, envelopeHash, receiptCode, type Envelope, type EnvelopeProblem } from '../../shared/elections/envelope.js'
import type { BallotAccepted } from '../../shared/elections/model.js'
import type { Db } from '../db/database.js'
import type { Tx } from '../sync/server-write.js'
import { acceptOne, type BallotAnswer, type BallotBatches, type BallotCall, type BallotOutcome } from './ballot-batches.js'
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

const REFUSALS: Record<Exclude<BallotOutcome, 'accepted'>, Refused> = {
  card_used: refuse(409, 'card_used', 'This ballot card has already been used to vote. Each card votes once.'),
  unknown_card: refuse(403, 'unknown_card', 'This ballot card does not belong to this election.'),
  card_revoked: refuse(403, 'card_revoked', 'This ballot card has been cancelled. Ask the staff for a new card.'),
  voting_not_open: refuse(409, 'voting_not_open', 'Voting has not opened yet.'),
  voting_closed: refuse(409, 'voting_closed', 'Voting has closed, so this ballot cannot be counted. It has been counted as late.'),
  enc_reused: refuse(409, 'enc_reused', 'This sealed ballot repeats another ballot’s key. Vote again from the start.'),
  no_such_election: refuse(404, 'no_such_election', 'There is no such election.'),
}

/**
 * docs/election-protocol.md section 7. Everything that needs no database is checked first;
 * then the database decides, under the election's row lock: a repeat of the accepted envelope
 * gets the same answer, a second envelope from the card is refused, a card that may not vote is
 * refused, an envelope after closing is counted as late and refused, and otherwise the envelope
 * is appended to the board. Nothing but the envelope is stored.
 *
 * The deciding is accept_ballot (drizzle/0008_accept_ballot.sql): one round trip, planned once
 * per connection, and ballots arriving at once wait for the lock in turn instead of retrying.
 * Ballots that arrive while the database is busy with others are decided together in one
 * statement (see ballot-batches.ts). The acceptance budget in `npm run bench` is about this.
 */
export async function acceptBallot(ctx: ElectionsContext, batches: BallotBatches, electionId: string, envelope: Envelope): Promise<Acceptance> {
  const checked = await checkBallot(ctx.db, electionId, envelope)
  return checked.ok ? answerOf(await batches.decide(callOf(electionId, envelope, checked.digest, ctx.now())), checked.digest) : checked
}

/** The same, inside a transaction someone else holds: the sync push's, for a ballot from the outbox. */
export async function acceptBallotIn(tx: Tx, electionId: string, envelope: Envelope, now: Date): Promise<Acceptance> {
  const checked = await checkBallot(tx, electionId, envelope)
  return checked.ok ? answerOf(await acceptOne(tx, callOf(electionId, envelope, checked.digest, now)), checked.digest) : checked
}

/** Everything that needs no lock: the election's manifest, the envelope's form and signature. */
async function checkBallot(db: Db | Tx, electionId: string, envelope: Envelope): Promise<{ ok: true; digest: string } | Refused> {
  let published = cachedManifest(electionId)
  if (!published) {
    const election = await findElection(db, electionId)
    if (!election) return REFUSALS.no_such_election
    published = manifestOf(election)
    if (!published) return REFUSALS.voting_not_open
  }
  const problem = checkEnvelope(p, published.manifest, published.manifestHash, envelope)
  if (problem) return refuse(400, problem, ENVELOPE_PROBLEMS[problem])
  return { ok: true, digest: envelopeHash(p, envelope) }
}

const callOf = (electionId: string, envelope: Envelope, digest: string, at: Date): BallotCall => ({
  electionId,
  card: envelope.card,
  enc: envelope.enc,
  digest,
  entry: canonicalJson(envelope),
  at,
})

function answerOf(answer: BallotAnswer, digest: string): Acceptance {
  if (answer.outcome !== 'accepted') return REFUSALS[answer.outcome]
  return { ok: true, answer: { receipt: receiptCode(digest), envelopeHash: digest, index: answer.entryIndex! } }
}
