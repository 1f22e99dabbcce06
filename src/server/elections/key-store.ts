import { toBase64url, fromBase64url, toHex, utf8, concatBytes } from '../../shared/elections/bytes.js'
import { hkdf } from '../../shared/elections/primitives.js'
import { nodePrimitives as p } from './node-primitives.js'

const AT_REST_INFO = 'brugerstemme/election-key-at-rest/1'

/** A short fingerprint of the installation secret, stored beside each sealed key. */
export const secretId = (secret: Uint8Array) => toHex(p.sha256(concatBytes(utf8('brugerstemme/election-secret-id/1'), secret))).slice(0, 16)

const wrappingKey = (secret: Uint8Array, electionId: string) => hkdf(p, secret, utf8(electionId), utf8(AT_REST_INFO), 32)

/** The election's private key sealed for the database: B64U(nonce || ciphertext || tag). */
export function sealElectionKey(secret: Uint8Array, electionId: string, privateKey: Uint8Array): { sealedKey: string; sealedKeyId: string } {
  const nonce = p.randomBytes(12)
  const sealed = p.chacha20poly1305Seal(wrappingKey(secret, electionId), nonce, utf8(electionId), privateKey)
  return { sealedKey: toBase64url(concatBytes(nonce, sealed)), sealedKeyId: secretId(secret) }
}

export class WrongElectionSecretError extends Error {}

export function openElectionKey(secret: Uint8Array, electionId: string, stored: { sealedKey: string; sealedKeyId: string }): Uint8Array {
  if (stored.sealedKeyId !== secretId(secret)) throw new WrongElectionSecretError('This server runs with another election secret than the one that sealed the key.')
  const bytes = fromBase64url(stored.sealedKey)
  const key = p.chacha20poly1305Open(wrappingKey(secret, electionId), bytes.subarray(0, 12), utf8(electionId), bytes.subarray(12))
  if (!key) throw new WrongElectionSecretError('The sealed election key does not open: it was changed, or the secret is not the one that sealed it.')
  return key
}
