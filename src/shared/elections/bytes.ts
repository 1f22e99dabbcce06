/**
 * The byte encodings of the election protocol (docs/election-protocol.md, "Encodings"): UTF-8
 * text, lowercase hex for SHA-256 digests, and base64url without padding for keys, signatures
 * and ciphertexts. Pure code for the app and the server alike (no Buffer, no atob).
 */

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export const utf8 = (text: string): Uint8Array => encoder.encode(text)

/** Throws on bytes that are not UTF-8, instead of replacing them. */
export const fromUtf8 = (bytes: Uint8Array): string => decoder.decode(bytes)

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new SyntaxError('Expected lowercase hex with an even number of digits.')
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
// Character code to value, -1 for anything else: the tally decodes three strings per ballot.
const B64U_INDEX = new Int8Array(128).fill(-1)
for (let i = 0; i < B64U.length; i++) B64U_INDEX[B64U.charCodeAt(i)] = i

export function toBase64url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6))
    for (let j = 0; j < chars; j++) out += B64U[(n >> (18 - 6 * j)) & 63]
  }
  return out
}

/**
 * Decodes canonical base64url only: no padding, no other characters, and unused trailing bits
 * zero. Two different strings therefore never decode to the same bytes, so an envelope has one
 * spelling and one hash.
 */
export function fromBase64url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new SyntaxError('Not base64url: impossible length.')
  const out = new Uint8Array(Math.floor((text.length * 6) / 8))
  let bits = 0
  let value = 0
  let o = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const index = code < 128 ? B64U_INDEX[code]! : -1
    if (index < 0) throw new SyntaxError(`Not base64url: "${String.fromCodePoint(text.codePointAt(i)!)}".`)
    value = ((value << 6) | index) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (value >> bits) & 0xff
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) throw new SyntaxError('Not canonical base64url: unused bits are set.')
  return out
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** I2OSP of RFC 8017: n as a big-endian unsigned integer of `length` bytes. */
export function i2osp(n: number, length: number): Uint8Array {
  const out = new Uint8Array(length)
  for (let i = length - 1, rest = n; i >= 0; i--, rest = Math.floor(rest / 256)) out[i] = rest % 256
  return out
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
