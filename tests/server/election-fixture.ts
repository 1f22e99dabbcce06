import { toBase64url } from '../../src/shared/elections/bytes.js'
import { deriveCardKey, newCardSecret, type CardKey } from '../../src/shared/elections/card.js'
import type { ElectionKeyPair } from '../../src/shared/elections/envelope.js'
import { ballotLength, manifestHash, MANIFEST_PROTOCOL, type Manifest } from '../../src/shared/elections/manifest.js'
import type { Primitives } from '../../src/shared/elections/primitives.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'

export interface TestElection {
  manifest: Manifest
  hash: string
  key: ElectionKeyPair
  cards: { secret: Uint8Array; key: CardKey }[]
  candidates: string[]
}

/** An opened election with `cardCount` cards, made as the server makes one. */
export function testElection(p: Primitives, options: { cardCount?: number; candidates?: number; seats?: number; substitutes?: number; maxChoices?: number } = {}): TestElection {
  const electionId = uuidv7()
  const privateKey = p.randomBytes(32)
  const key = { privateKey, publicKey: p.x25519PublicKey(privateKey) }
  const cards = Array.from({ length: options.cardCount ?? 4 }, () => {
    const secret = newCardSecret(p)
    return { secret, key: deriveCardKey(p, secret, electionId) }
  })
  const candidates = Array.from({ length: options.candidates ?? 4 }, () => uuidv7())
  const manifest: Manifest = {
    protocol: MANIFEST_PROTOCOL,
    electionId,
    councilId: uuidv7(),
    councilName: 'Brugerrådet på Solbakken',
    title: 'Valg til brugerrådet 2026',
    seats: options.seats ?? 2,
    substitutes: options.substitutes ?? 1,
    maxChoices: options.maxChoices ?? 2,
    candidates: candidates.map((id, i) => ({ id, name: `Kandidat ${i + 1}` })),
    opensAt: '2026-06-04T08:00:00.000Z',
    closesAt: '2026-06-11T14:00:00.000Z',
    electionKey: toBase64url(key.publicKey),
    cards: cards.map((c) => toBase64url(c.key.publicKey)).sort(),
    ballotLength: ballotLength(candidates),
  }
  return { manifest, hash: manifestHash(p, manifest), key, cards, candidates }
}
