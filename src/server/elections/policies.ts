import { CastBallot, CastBallotPayload, ElectionCandidateRecord, ElectionManifestRecord, type CastBallotPayload as Payload, type ElectionCandidateData } from '../../shared/elections/entities.js'
import { personPrincipal, PUBLIC, staffPrincipal } from '../sync/audience.js'
import type { SyncPolicy, SyncRegistry } from '../sync/registry.js'
import { acceptBallotIn } from './ballots.js'

const serverOnly = 'Elections change through the election screens, never through sync.'

/** A manifest is public once written. */
const manifestPolicy: SyncPolicy = { audience: () => [PUBLIC], canWrite: () => serverOnly }

/** Approved: everyone, without the link to a person. Before that: the council's staff and the candidate. */
const candidatePolicy: SyncPolicy<ElectionCandidateData> = {
  audience: (c) => (c.status === 'approved' ? [PUBLIC] : [staffPrincipal(c.councilId), ...(c.personId ? [personPrincipal(c.personId)] : [])]),
  publicView: ({ personId: _, ...rest }) => ({ ...rest, personId: null }),
  canWrite: () => serverOnly,
}

/**
 * The election's synced records and the ballot command. Registering twice is harmless, so the
 * demo seed (which writes records before the server is built) and the routes can both ask.
 */
export function registerElectionEntities(registry: SyncRegistry): void {
  registry.register(ElectionManifestRecord, manifestPolicy)
  registry.register(ElectionCandidateRecord, candidatePolicy)
  registry.registerCommand({
    name: CastBallot.name,
    schema: CastBallotPayload,
    // The board has its own lock (the election's row) and writes no sync record.
    unversioned: true,
    // A device sends the same envelope again after a lost answer: acceptance is idempotent by itself.
    async handle(tx, _actor, payload, { now }) {
      const { electionId, envelope } = payload as Payload
      const outcome = await acceptBallotIn(tx, electionId, envelope, now)
      return outcome.ok ? { status: 'applied', data: { receipt: outcome.answer.receipt } } : { status: 'rejected', code: outcome.code, reason: outcome.message }
    },
  })
}
