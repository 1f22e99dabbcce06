import { Type, type Static } from 'typebox'
import { Uuid } from '../accounts/model.js'
import { concatBytes, fromBase64url, fromHex, fromUtf8, toBase64url, toHex, utf8 } from './bytes.js'
import { CARD_SYMBOLS, type CardKey } from './card.js'
import { canonicalJson } from './canonical-json.js'
import { hpkeOpen, hpkeSeal } from './hpke.js'
import { Base64url32, Base64url64, Sha256Hex, type Manifest } from './manifest.js'
import type { Primitives } from './primitives.js'

export const ENVELOPE_PROTOCOL = 'brugerstemme-ballot/1'
export const SEAL_INFO = 'brugerstemme/ballot/1'

/**
 * A sealed, signed ballot as the device sends it and the board shows it. The choice is sealed to
 * the election key; the card key signs everything else, so nobody can move a ballot to another
 * card or election, and nobody without the card can cast one.
 */
export const Envelope = Type.Object(
  {
    protocol: Type.Literal(ENVELOPE_PROTOCOL),
    electionId: Uuid,
    manifestHash: Sha256Hex,
    card: Base64url32,
    enc: Base64url32,
    ciphertext: Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 200_000 }),
    signature: Base64url64,
  },
  { additionalProperties: false },
)
export type Envelope = Static<typeof Envelope>
export type UnsignedEnvelope = Omit<Envelope, 'signature'>

/** The padded plaintext: canonical JSON of the sorted candidate ids, then spaces up to the length. */
export function encodeChoices(choices: readonly string[], length: number): Uint8Array {
  const json = utf8(canonicalJson([...choices].sort()))
  if (json.length > length) throw new RangeError('The ballot names more candidates than the election has.')
  const padded = new Uint8Array(length).fill(0x20)
  padded.set(json)
  return padded
}

/** The candidate ids of an opened plaintext, or null when it is not a JSON array of strings. */
export function decodeChoices(plaintext: Uint8Array): string[] | null {
  try {
    const value: unknown = JSON.parse(fromUtf8(plaintext))
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null
  } catch {
    return null
  }
}

// Every ballot of an election has the same info: made once per manifest hash, not per ballot.
const sealInfos = new Map<string, Uint8Array>()
function sealInfo(manifestHashHex: string): Uint8Array {
  let info = sealInfos.get(manifestHashHex)
  if (!info) {
    info = concatBytes(utf8(SEAL_INFO), fromHex(manifestHashHex))
    if (sealInfos.size >= 64) sealInfos.clear()
    sealInfos.set(manifestHashHex, info)
  }
  return info
}

/** The bytes the card signs: the canonical JSON of the envelope without its signature. */
export const signedBytes = (envelope: UnsignedEnvelope): Uint8Array => utf8(canonicalJson(envelope))

/**
 * Seals the choices to the election key and signs the envelope with the card key. The ephemeral
 * key is fresh and random; only the published test vectors pass one.
 */
export function sealBallot(p: Primitives, manifest: Manifest, hash: string, card: CardKey, choices: readonly string[], ephemeralPrivateKey?: Uint8Array): Envelope {
  const plaintext = encodeChoices(choices, manifest.ballotLength)
  const sealed = hpkeSeal(p, fromBase64url(manifest.electionKey), sealInfo(hash), card.publicKey, plaintext, ephemeralPrivateKey)
  plaintext.fill(0)
  const unsigned: UnsignedEnvelope = {
    protocol: ENVELOPE_PROTOCOL,
    electionId: manifest.electionId,
    manifestHash: hash,
    card: toBase64url(card.publicKey),
    enc: toBase64url(sealed.enc),
    ciphertext: toBase64url(sealed.ciphertext),
  }
  return { ...unsigned, signature: toBase64url(p.ed25519Sign(card.seed, signedBytes(unsigned))) }
}

/** envelopeHash = SHA-256 of the whole envelope's canonical JSON, as lowercase hex. */
export function envelopeHash(p: Primitives, envelope: Envelope): string {
  return toHex(p.sha256(utf8(canonicalJson(envelope))))
}

/** The receipt a voter looks for in the published list: eight symbols from the envelope hash. */
export function receiptCode(envelopeHashHex: string): string {
  return Array.from(fromHex(envelopeHashHex).subarray(0, 8), (byte) => CARD_SYMBOLS[byte % CARD_SYMBOLS.length]).join('')
}

export const formatReceipt = (receipt: string) => `${receipt.slice(0, 4)}-${receipt.slice(4)}`

export type EnvelopeProblem =
  | 'wrong_election'
  | 'wrong_manifest'
  | 'malformed'
  | 'wrong_length'
  | 'bad_signature'

/**
 * Everything about an envelope that can be checked without the election's private key: that it
 * is for this election and manifest, canonically encoded, of the right length, and signed by the
 * card it names. Whether the card may vote is the board's business (see board.ts).
 */
export function checkEnvelope(p: Primitives, manifest: Manifest, hash: string, envelope: Envelope): EnvelopeProblem | null {
  if (envelope.electionId !== manifest.electionId) return 'wrong_election'
  if (envelope.manifestHash !== hash) return 'wrong_manifest'
  let card: Uint8Array, enc: Uint8Array, ciphertext: Uint8Array, signature: Uint8Array
  try {
    card = fromBase64url(envelope.card)
    enc = fromBase64url(envelope.enc)
    ciphertext = fromBase64url(envelope.ciphertext)
    signature = fromBase64url(envelope.signature)
  } catch {
    return 'malformed'
  }
  if (card.length !== 32 || enc.length !== 32 || signature.length !== 64) return 'malformed'
  if (ciphertext.length !== manifest.ballotLength + 16) return 'wrong_length'
  const { signature: _, ...unsigned } = envelope
  return p.ed25519Verify(card, signedBytes(unsigned), signature) ? null : 'bad_signature'
}

export interface ElectionKeyPair {
  privateKey: Uint8Array
  publicKey: Uint8Array
}

/** The choices sealed in an envelope, or null when it does not open or does not decode. */
export function openBallot(p: Primitives, key: ElectionKeyPair, envelope: Envelope): string[] | null {
  try {
    const plaintext = hpkeOpen(p, key, fromBase64url(envelope.enc), sealInfo(envelope.manifestHash), fromBase64url(envelope.card), fromBase64url(envelope.ciphertext))
    return plaintext ? decodeChoices(plaintext) : null
  } catch {
    return null
  }
}
