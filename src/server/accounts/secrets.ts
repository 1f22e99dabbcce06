import { createHash, randomBytes, randomInt } from 'node:crypto'

/** A session token: 256 random bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Tokens and card codes are long random secrets, so a fast hash is enough to make a stolen
 * database useless for signing in; a slow password hash is only needed for chosen passwords.
 */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * Letters and digits that cannot be mistaken for one another when read aloud or typed from a
 * printed card: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
 */
export const CARD_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679'
export const CARD_CODE_LENGTH = 12

/** 12 symbols from 25 give about 55.7 bits: out of reach behind the sign-in rate limits. */
export function newCardCode(): string {
  let code = ''
  for (let i = 0; i < CARD_CODE_LENGTH; i++) code += CARD_ALPHABET[randomInt(CARD_ALPHABET.length)]
  return code
}

/** "k7fx-…" typed by hand or read from a QR code: case, spaces and dashes do not matter. */
export function normalizeCardCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '')
}

/** The printed form, in groups of four: "K7FX-9QXC-M4TA". */
export function formatCardCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code
}
