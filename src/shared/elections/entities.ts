import { Type, type Static } from 'typebox'
import { councilScope } from '../accounts/entities.js'
import { Uuid } from '../accounts/model.js'
import { defineSyncCommand, defineSyncEntity } from '../sync/entity.js'
import { AudioRef, ImageRef } from '../sync/media.js'
import { Envelope } from './envelope.js'
import { Manifest, Sha256Hex } from './manifest.js'
import { CandidateStatus } from './model.js'
import { CAST_BALLOT } from './command-names.js'

/**
 * What devices keep of an election, so the ballot works offline: the manifest (written when
 * voting opens) and the approved candidates with their photos. Both are the server's to write,
 * published to everyone who follows the council; the election's own tables stay the source.
 */
export const ElectionManifestData = Type.Object({ councilId: Uuid, manifest: Manifest, manifestHash: Sha256Hex }, { additionalProperties: false })
export type ElectionManifestData = Static<typeof ElectionManifestData>

/** Its id is the election's id. */
export const ElectionManifestRecord = defineSyncEntity<ElectionManifestData>({
  name: 'election-manifest',
  schema: ElectionManifestData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
})

export const ElectionCandidateData = Type.Object(
  {
    councilId: Uuid,
    electionId: Uuid,
    /** Left out of what the public reads (see the policy's publicView). */
    personId: Type.Union([Uuid, Type.Null()]),
    status: CandidateStatus,
    name: Type.String(),
    presentation: Type.String(),
    photo: Type.Union([ImageRef, Type.Null()]),
    /** The candidate reading their own presentation aloud. */
    recording: Type.Union([AudioRef, Type.Null()]),
  },
  { additionalProperties: false },
)
export type ElectionCandidateData = Static<typeof ElectionCandidateData>

/**
 * A candidate's presentation; its id is the candidate's id (the one on the ballot). Public once
 * approved; before that only the council's staff and the candidate read it. Its photo and
 * recording are media named by the record, so they reach devices once and stay while it does.
 */
export const ElectionCandidateRecord = defineSyncEntity<ElectionCandidateData>({
  name: 'election-candidate',
  schema: ElectionCandidateData,
  scopeOf: (data) => councilScope(data.councilId),
  protectedFields: [],
})

export const CastBallotPayload = Type.Object({ electionId: Uuid, envelope: Envelope }, { additionalProperties: false })
export type CastBallotPayload = Static<typeof CastBallotPayload>

/**
 * A sealed ballot on its way: it waits in the outbox when there is no connection and is sent
 * once. It holds only the envelope (protocol section 6.3): no choice in the clear, no card secret.
 */
export const CastBallot = defineSyncCommand<CastBallotPayload>({ name: CAST_BALLOT, schema: CastBallotPayload })
