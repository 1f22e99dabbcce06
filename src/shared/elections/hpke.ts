import { concatBytes, equalBytes, i2osp, utf8 } from './bytes.js'
import { hkdfExpand, hkdfExtract, type Primitives } from './primitives.js'

/**
 * HPKE (RFC 9180) in base mode, single shot, with one suite: DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256 and ChaCha20Poly1305 (ids 0x0020, 0x0001, 0x0003). A standard construction, so a
 * reviewer need not trust a home-made one and any HPKE library can open our ballots; the suite
 * is the one Node's crypto module can also run without a third-party library.
 */
const KEM_ID = 0x0020
const KDF_ID = 0x0001
const AEAD_ID = 0x0003
const KEM_SUITE = concatBytes(utf8('KEM'), i2osp(KEM_ID, 2))
const HPKE_SUITE = concatBytes(utf8('HPKE'), i2osp(KEM_ID, 2), i2osp(KDF_ID, 2), i2osp(AEAD_ID, 2))
const VERSION = utf8('HPKE-v1')
const MODE_BASE = 0x00

function labeledExtract(p: Primitives, suite: Uint8Array, salt: Uint8Array, label: string, ikm: Uint8Array): Uint8Array {
  return hkdfExtract(p, salt, concatBytes(VERSION, suite, utf8(label), ikm))
}

function labeledExpand(p: Primitives, suite: Uint8Array, prk: Uint8Array, label: string, info: Uint8Array, length: number): Uint8Array {
  return hkdfExpand(p, prk, concatBytes(i2osp(length, 2), VERSION, suite, utf8(label), info), length)
}

function sharedSecret(p: Primitives, dh: Uint8Array, enc: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const prk = labeledExtract(p, KEM_SUITE, new Uint8Array(0), 'eae_prk', dh)
  return labeledExpand(p, KEM_SUITE, prk, 'shared_secret', concatBytes(enc, recipientPublicKey), 32)
}

const empty = new Uint8Array(0)
// One election's ballots all share their info, so the context is worked out once per info.
const contexts = new Map<string, Uint8Array>()

// The same info array (envelope.ts makes one per election) is found without spelling it out.
const contextsByArray = new WeakMap<Uint8Array, { copy: Uint8Array; context: Uint8Array }>()

function scheduleContext(p: Primitives, info: Uint8Array): Uint8Array {
  const known = contextsByArray.get(info)
  if (known && equalBytes(known.copy, info)) return known.context
  const id = Array.from(info, (b) => b.toString(16).padStart(2, '0')).join('')
  let context = contexts.get(id)
  if (!context) {
    context = concatBytes(new Uint8Array([MODE_BASE]), labeledExtract(p, HPKE_SUITE, empty, 'psk_id_hash', empty), labeledExtract(p, HPKE_SUITE, empty, 'info_hash', info))
    if (contexts.size >= 64) contexts.clear()
    contexts.set(id, context)
  }
  contextsByArray.set(info, { copy: info.slice(), context })
  return context
}

function keySchedule(p: Primitives, shared: Uint8Array, info: Uint8Array): { key: Uint8Array; nonce: Uint8Array } {
  const context = scheduleContext(p, info)
  const secret = labeledExtract(p, HPKE_SUITE, shared, 'secret', empty)
  return {
    key: labeledExpand(p, HPKE_SUITE, secret, 'key', context, 32),
    // Sequence number 0: the base nonce is used as it is.
    nonce: labeledExpand(p, HPKE_SUITE, secret, 'base_nonce', context, 12),
  }
}

export interface Sealed {
  /** The encapsulated key: the ephemeral X25519 public key. */
  enc: Uint8Array
  ciphertext: Uint8Array
}

/** SealBase(pkR, info, aad, pt). The ephemeral key is random unless a test vector gives one. */
export function hpkeSeal(p: Primitives, recipientPublicKey: Uint8Array, info: Uint8Array, aad: Uint8Array, plaintext: Uint8Array, ephemeralPrivateKey = p.randomBytes(32)): Sealed {
  const enc = p.x25519PublicKey(ephemeralPrivateKey)
  const dh = p.x25519(ephemeralPrivateKey, recipientPublicKey)
  const { key, nonce } = keySchedule(p, sharedSecret(p, dh, enc, recipientPublicKey), info)
  return { enc, ciphertext: p.chacha20poly1305Seal(key, nonce, aad, plaintext) }
}

/** OpenBase(enc, skR, info, aad, ct); null for anything that does not open. */
export function hpkeOpen(
  p: Primitives,
  recipient: { privateKey: Uint8Array; publicKey: Uint8Array },
  enc: Uint8Array,
  info: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array | null {
  let dh: Uint8Array
  try {
    dh = p.x25519(recipient.privateKey, enc)
  } catch {
    return null
  }
  const { key, nonce } = keySchedule(p, sharedSecret(p, dh, enc, recipient.publicKey), info)
  return p.chacha20poly1305Open(key, nonce, aad, ciphertext)
}
