/**
 * The cryptographic building blocks the election protocol is made of. The app uses the audited
 * @noble implementations (./noble-primitives.ts); the server uses Node's OpenSSL bindings
 * (src/server/elections/node-primitives.ts), which check signatures and open ballots about
 * thirty times faster. Both run the same protocol code, and the unit tests hold them to the
 * same outputs byte for byte.
 */
export interface Primitives {
  sha256(data: Uint8Array): Uint8Array
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array
  randomBytes(length: number): Uint8Array
  /** RFC 8032: the public key of a 32-byte Ed25519 seed. */
  ed25519PublicKey(seed: Uint8Array): Uint8Array
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array
  /** Strict RFC 8032 verification; false for any malformed input, never a throw. */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean
  /** RFC 7748 X25519(k, 9). */
  x25519PublicKey(privateKey: Uint8Array): Uint8Array
  /** RFC 7748 X25519(k, u); throws when the result is all zeros (a low-order point). */
  x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array
  /** RFC 8439 AEAD: ciphertext followed by the 16-byte tag. */
  chacha20poly1305Seal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array
  /** null when the tag does not match. */
  chacha20poly1305Open(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | null
}

/** HKDF-Extract of RFC 5869; an empty salt means 32 zero bytes. */
export function hkdfExtract(p: Primitives, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return p.hmacSha256(salt.length > 0 ? salt : new Uint8Array(32), ikm)
}

/** HKDF-Expand of RFC 5869. */
export function hkdfExpand(p: Primitives, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  if (length > 255 * 32) throw new RangeError('HKDF-SHA-256 cannot expand to more than 8160 bytes.')
  const out = new Uint8Array(length)
  let block: Uint8Array = new Uint8Array(0)
  for (let i = 1, offset = 0; offset < length; i++) {
    const input = new Uint8Array(block.length + info.length + 1)
    input.set(block)
    input.set(info, block.length)
    input[input.length - 1] = i
    block = p.hmacSha256(prk, input)
    out.set(block.subarray(0, Math.min(32, length - offset)), offset)
    offset += 32
  }
  return out
}

export function hkdf(p: Primitives, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(p, hkdfExtract(p, salt, ikm), info, length)
}
