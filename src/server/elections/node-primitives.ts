import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, randomBytes, sign, verify, type KeyObject } from 'node:crypto'
import type { Primitives } from '../../shared/elections/primitives.js'

// DER prefixes of RFC 8410 for raw 32-byte keys: PKCS #8 private keys and SPKI public keys.
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex')
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex')

const b64u = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
const view = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)

// The tally opens thousands of ballots with one election key: import it once, not per ballot.
// The cache keeps a copy of the bytes, so a caller that overwrites its array gets a fresh import.
const imported = new WeakMap<Uint8Array, { prefix: Buffer; bytes: Buffer; key: KeyObject }>()

function privateKey(prefix: Buffer, raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError('A private key is 32 bytes.')
  const cached = imported.get(raw)
  if (cached && cached.prefix === prefix && cached.bytes.equals(raw)) return cached.key
  const key = createPrivateKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'pkcs8' })
  imported.set(raw, { prefix, bytes: Buffer.from(raw), key })
  return key
}

// JWK import of a public key is ten times faster than DER, which matters at 10,000 ballots.
const publicKey = (crv: 'Ed25519' | 'X25519', raw: Uint8Array) => createPublicKey({ key: { kty: 'OKP', crv, x: b64u(raw) }, format: 'jwk' })
const rawPublic = (key: KeyObject) => view(Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url'))

/** The protocol's primitives on the server: Node's OpenSSL bindings. */
export const nodePrimitives: Primitives = {
  sha256: (data) => view(createHash('sha256').update(data).digest()),
  hmacSha256: (key, data) => view(createHmac('sha256', key).update(data).digest()),
  randomBytes: (length) => view(randomBytes(length)),
  ed25519PublicKey: (seed) => rawPublic(createPublicKey(privateKey(ED25519_PKCS8, seed))),
  ed25519Sign: (seed, message) => view(sign(null, message, privateKey(ED25519_PKCS8, seed))),
  ed25519Verify(key, message, signature) {
    if (key.length !== 32 || signature.length !== 64) return false
    try {
      return verify(null, message, publicKey('Ed25519', key), signature)
    } catch {
      return false
    }
  },
  x25519PublicKey: (key) => rawPublic(createPublicKey(privateKey(X25519_PKCS8, key))),
  x25519(key, peer) {
    if (peer.length !== 32) throw new RangeError('An X25519 public key is 32 bytes.')
    // OpenSSL refuses a low-order peer key (an all-zero result) by throwing.
    return view(diffieHellman({ privateKey: privateKey(X25519_PKCS8, key), publicKey: publicKey('X25519', peer) }))
  },
  chacha20poly1305Seal(key, nonce, aad, plaintext) {
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 })
    cipher.setAAD(aad, { plaintextLength: plaintext.length })
    return view(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]))
  },
  chacha20poly1305Open(key, nonce, aad, sealed) {
    if (sealed.length < 16) return null
    try {
      const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 })
      decipher.setAAD(aad, { plaintextLength: sealed.length - 16 })
      decipher.setAuthTag(sealed.subarray(sealed.length - 16))
      return view(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]))
    } catch {
      return null
    }
  },
}
