import { ElectionCandidateRecord, ElectionManifestRecord } from '../../shared/elections/entities.js'
import type { CandidateStatus } from '../../shared/elections/model.js'
import type { AudioRef } from '../../shared/sync/media.js'
import type { electionCandidates } from '../db/schema.js'
import { storeImageDataUrl } from '../sync/media.js'
import type { ServerWrite, Tx } from '../sync/server-write.js'
import { manifestOf, type ElectionRow } from './store.js'

type CandidateRow = typeof electionCandidates.$inferSelect

/** The manifest as devices keep it, so a ballot can be sealed without a connection. */
export function manifestWrite(election: ElectionRow): ServerWrite {
  const published = manifestOf(election)!
  return { entity: ElectionManifestRecord.name, id: election.id, data: { councilId: election.councilId, ...published } }
}

/**
 * A presentation for devices, the photo as a medium: the policy shows it to everyone once
 * approved, before that to staff and the candidate. A withdrawn one is taken off every device.
 */
export async function candidateWrite(tx: Tx, candidate: CandidateRow, councilId: string): Promise<ServerWrite> {
  if (candidate.status === 'withdrawn') return { entity: ElectionCandidateRecord.name, id: candidate.id, data: null }
  const photo = candidate.photo ? await storeImageDataUrl(tx, candidate.photo) : null
  return {
    entity: ElectionCandidateRecord.name,
    id: candidate.id,
    data: {
      councilId,
      electionId: candidate.electionId,
      personId: candidate.personId,
      status: candidate.status as CandidateStatus,
      name: candidate.name,
      presentation: candidate.presentation,
      photo,
      recording: (candidate.recording as AudioRef | null) ?? null,
    },
  }
}
