import { Type, type Static } from 'typebox'
import { IsoDateTime, Uuid } from '../accounts/model.js'
import { toHex, utf8 } from './bytes.js'
import { canonicalJson } from './canonical-json.js'
import type { Primitives } from './primitives.js'

export const MANIFEST_PROTOCOL = 'brugerstemme-election/1'

/** 32 bytes in base64url without padding (a public key, an encapsulated key). */
export const Base64url32 = Type.String({ pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$', description: '32 bytes, base64url without padding' })
/** 64 bytes in base64url without padding (an Ed25519 signature). */
export const Base64url64 = Type.String({ pattern: '^[A-Za-z0-9_-]{85}[AQgw]$', description: '64 bytes, base64url without padding' })
/** A SHA-256 digest in lowercase hex. */
export const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex' })

export const ManifestCandidate = Type.Object({ id: Uuid, name: Type.String() }, { additionalProperties: false })

/**
 * What a device needs to cast a ballot, published when voting opens and never changed after:
 * the candidates in ballot order, the times, the election's X25519 key and the public keys of
 * the ballot cards valid at opening (sorted, so their order says nothing about printing).
 */
export const Manifest = Type.Object(
  {
    protocol: Type.Literal(MANIFEST_PROTOCOL),
    electionId: Uuid,
    councilId: Uuid,
    councilName: Type.String(),
    title: Type.String(),
    seats: Type.Integer({ minimum: 1 }),
    substitutes: Type.Integer({ minimum: 0 }),
    maxChoices: Type.Integer({ minimum: 1 }),
    candidates: Type.Array(ManifestCandidate, { minItems: 1 }),
    opensAt: IsoDateTime,
    closesAt: IsoDateTime,
    electionKey: Base64url32,
    cards: Type.Array(Base64url32),
    ballotLength: Type.Integer({ minimum: 2 }),
  },
  { additionalProperties: false },
)
export type Manifest = Static<typeof Manifest>

export const PublishedManifest = Type.Object({ manifest: Manifest, manifestHash: Sha256Hex })
export type PublishedManifest = Static<typeof PublishedManifest>

/** manifestHash = SHA-256 of the manifest's canonical JSON in UTF-8, as lowercase hex. */
export function manifestHash(p: Primitives, manifest: Manifest): string {
  return toHex(p.sha256(utf8(canonicalJson(manifest))))
}

/**
 * The length every ballot's plaintext is padded to: the canonical JSON of all candidate ids,
 * the longest list a ballot without repeats can hold. Every sealed ballot of an election thus
 * has the same length, and a blank vote cannot be told from a full one by its size.
 */
export function ballotLength(candidateIds: readonly string[]): number {
  return Math.max(2, utf8(canonicalJson([...candidateIds].sort())).length)
}
