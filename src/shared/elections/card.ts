import { utf8 } from './bytes.js'
import { hkdf, type Primitives } from './primitives.js'

/**
 * Ballot cards (docs/election-protocol.md, "Ballot cards"). A card holds a 128-bit secret, printed
 * as a QR code and as a typed code of 28 symbols plus a check symbol. The symbols are the ones
 * the sign-in cards use: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, so nothing can be misread.
 */
export const CARD_SYMBOLS = 'ACDEFGHJKMNPQRTUVWXY34679'
export const CARD_SECRET_BYTES = 16
export const CARD_DIGITS = 28
export const CARD_CODE_LENGTH = CARD_DIGITS + 1
export const CARD_KEY_INFO = 'brugerstemme/ballot-card/1'

const BASE = BigInt(CARD_SYMBOLS.length)
const LIMIT = 1n << 128n

/**
 * Weighted sum of symbol values with the weights 1, 2, 3, 4, 1, 2, … modulo 25. The check symbol
 * (weight 1, at position 28) makes the sum over all 29 symbols 0. Every weight, and every
 * difference of weights one or two places apart, is prime to 25, so one wrong symbol, two
 * neighbours swapped and two symbols swapped across a third are always caught, the check
 * symbol included.
 */
const weightedSum = (values: readonly number[]) => values.reduce((sum, v, i) => sum + v * ((i % 4) + 1), 0) % CARD_SYMBOLS.length

function checkDigit(digits: readonly number[]): number {
  return (CARD_SYMBOLS.length - weightedSum(digits)) % CARD_SYMBOLS.length
}

/** The 29-symbol code of a 16-byte secret: its big-endian value in base 25, then the check. */
export function cardCode(secret: Uint8Array): string {
  if (secret.length !== CARD_SECRET_BYTES) throw new RangeError('A card secret is 16 bytes.')
  let n = secret.reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n)
  const digits: number[] = []
  for (let i = 0; i < CARD_DIGITS; i++) {
    digits.unshift(Number(n % BASE))
    n /= BASE
  }
  return [...digits, checkDigit(digits)].map((d) => CARD_SYMBOLS[d]).join('')
}

export type CardCodeProblem = 'length' | 'symbol' | 'check' | 'range'

/** Case, spaces and dashes do not matter when a code is typed. */
export function normalizeCardCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

/** The secret behind a typed or scanned code, or what is wrong with the code. */
export function parseCardCode(input: string): { secret: Uint8Array } | { problem: CardCodeProblem } {
  const code = normalizeCardCode(input)
  if (code.length !== CARD_CODE_LENGTH) return { problem: 'length' }
  const values = [...code].map((c) => CARD_SYMBOLS.indexOf(c))
  if (values.some((v) => v < 0)) return { problem: 'symbol' }
  const digits = values.slice(0, CARD_DIGITS)
  if (weightedSum(values) !== 0) return { problem: 'check' }
  const n = digits.reduce((acc, d) => acc * BASE + BigInt(d), 0n)
  if (n >= LIMIT) return { problem: 'range' }
  const secret = new Uint8Array(CARD_SECRET_BYTES)
  for (let i = CARD_SECRET_BYTES - 1, rest = n; i >= 0; i--, rest >>= 8n) secret[i] = Number(rest & 0xffn)
  return { secret }
}

/** The printed form: groups of five, "ACDEF-GHJKM-…-9ACD". */
export function formatCardCode(code: string): string {
  return normalizeCardCode(code).match(/.{1,5}/g)?.join('-') ?? code
}

/**
 * The QR code opens the ballot of this election on any phone: the code rides in the URL's
 * fragment, which browsers never send to a server.
 */
export function cardQrPayload(origin: string, electionId: string, code: string): string {
  return `${origin}/valg/${electionId}/stem#${normalizeCardCode(code)}`
}

/** The election and code in a scanned QR payload, or a bare typed code. */
export function readCardQr(payload: string): { electionId: string | null; code: string } {
  const match = /\/valg\/([0-9a-f-]{36})\/stem#([A-Za-z0-9-]+)$/.exec(payload.trim())
  if (match) return { electionId: match[1]!, code: normalizeCardCode(match[2]!) }
  return { electionId: null, code: normalizeCardCode(payload) }
}

export function newCardSecret(p: Primitives): Uint8Array {
  return p.randomBytes(CARD_SECRET_BYTES)
}

export interface CardKey {
  /** The Ed25519 seed (RFC 8032 private key). */
  seed: Uint8Array
  publicKey: Uint8Array
}

/**
 * The card's Ed25519 key for one election: seed = HKDF-SHA-256(IKM = secret, salt = the
 * election id as UTF-8, info = "brugerstemme/ballot-card/1", 32 bytes). The same card gives
 * unrelated keys in different elections.
 */
export function deriveCardKey(p: Primitives, secret: Uint8Array, electionId: string): CardKey {
  const seed = hkdf(p, secret, utf8(electionId), utf8(CARD_KEY_INFO), 32)
  return { seed, publicKey: p.ed25519PublicKey(seed) }
}

/**
 * A short public number printed small inside the folded card, so staff can revoke a damaged or
 * returned card without scanning it: six symbols, symbol i = SYMBOLS[SHA-256(public key)[i] mod 25].
 */
export function cardNumber(p: Primitives, publicKey: Uint8Array): string {
  const digest = p.sha256(publicKey)
  return Array.from(digest.subarray(0, 6), (byte) => CARD_SYMBOLS[byte % CARD_SYMBOLS.length]).join('')
}
