import { chacha20poly1305 } from '@noble/ciphers/chacha.js'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { randomBytes } from '@noble/hashes/utils.js'
import type { Primitives } from './primitives.js'

/** The protocol's primitives in the browser: @noble, audited and free of dependencies. */
export const noblePrimitives: Primitives = {
  sha256: (data) => sha256(data),
  hmacSha256: (key, data) => hmac(sha256, key, data),
  randomBytes: (length) => randomBytes(length),
  ed25519PublicKey: (seed) => ed25519.getPublicKey(seed),
  ed25519Sign: (seed, message) => ed25519.sign(message, seed),
  ed25519Verify(publicKey, message, signature) {
    try {
      // zip215: false is RFC 8032's strict rule (canonical points, s < L), as OpenSSL checks.
      return ed25519.verify(signature, message, publicKey, { zip215: false })
    } catch {
      return false
    }
  },
  x25519PublicKey: (privateKey) => x25519.getPublicKey(privateKey),
  x25519(privateKey, publicKey) {
    const shared = x25519.getSharedSecret(privateKey, publicKey)
    if (shared.every((byte) => byte === 0)) throw new Error('X25519 gave the all-zero value: the public key has a low order.')
    return shared
  },
  chacha20poly1305Seal: (key, nonce, aad, plaintext) => chacha20poly1305(key, nonce, aad).encrypt(plaintext),
  chacha20poly1305Open(key, nonce, aad, sealed) {
    try {
      return chacha20poly1305(key, nonce, aad).decrypt(sealed)
    } catch {
      return null
    }
  },
}
