/**
 * A second implementation of the election protocol, written from docs/election-protocol.md alone
 * with nothing but node:crypto: it imports nothing from src/. If the document were incomplete
 * or wrong, this program could not cast a ballot our server accepts or verify a result it
 * publishes. Section numbers (§) refer to the document.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, sign, verify, type KeyObject } from 'node:crypto'

type Json = null | boolean | string | number | Json[] | { [key: string]: Json }
/* eslint-disable @typescript-eslint/no-explicit-any -- a verifier reads untyped JSON from the wire */
type Any = any

// §2 Encodings ---------------------------------------------------------------------------------

export function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`).join(',')}}`
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('not an integer')
  return JSON.stringify(value)
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest()
const sha256Hex = (text: string) => sha256(Buffer.from(text, 'utf8')).toString('hex')

export function b64uDecode(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64url')
  if (!/^[A-Za-z0-9_-]*$/.test(text) || bytes.toString('base64url') !== text) throw new Error(`not canonical base64url: ${text}`)
  return bytes
}
const b64u = (bytes: Buffer) => bytes.toString('base64url')

// §4 Ballot cards ----------------------------------------------------------------------------------

export const SYMBOLS = 'ACDEFGHJKMNPQRTUVWXY34679'

export function codeToSecret(typed: string): Buffer {
  const code = typed.toUpperCase().replace(/[\s-]/g, '')
  if (code.length !== 29) throw new Error('a card code has 29 symbols')
  const values = [...code].map((c) => SYMBOLS.indexOf(c))
  if (values.includes(-1)) throw new Error('not a card symbol')
  if (values.reduce((s, v, i) => s + v * ((i % 4) + 1), 0) % 25 !== 0) throw new Error('check symbol does not match')
  let n = 0n
  for (const v of values.slice(0, 28)) n = n * 25n + BigInt(v)
  if (n >= 1n << 128n) throw new Error('too large for 16 bytes')
  return Buffer.from(n.toString(16).padStart(32, '0'), 'hex')
}

export function secretToCode(secret: Buffer): string {
  let n = BigInt(`0x${secret.toString('hex')}`)
  const digits: number[] = []
  for (let i = 0; i < 28; i++) {
    digits.unshift(Number(n % 25n))
    n /= 25n
  }
  const sum = digits.reduce((s, v, i) => s + v * ((i % 4) + 1), 0) % 25
  return [...digits, (25 - sum) % 25].map((d) => SYMBOLS[d]).join('')
}

export function cardKey(secret: Buffer, electionId: string): { privateKey: KeyObject; seed: Buffer; publicKey: Buffer } {
  const seed = Buffer.from(hkdfSync('sha256', secret, Buffer.from(electionId, 'utf8'), Buffer.from('brugerstemme/ballot-card/1', 'utf8'), 32))
  const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' })
  const publicKey = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url')
  return { privateKey, seed, publicKey }
}

// §6 HPKE, RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305 --------------

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest()
const extract = (salt: Buffer, ikm: Buffer) => hmac(salt.length ? salt : Buffer.alloc(32), ikm)
function expand(prk: Buffer, info: Buffer, length: number): Buffer {
  let t = Buffer.alloc(0)
  let out = Buffer.alloc(0)
  for (let i = 1; out.length < length; i++) {
    t = hmac(prk, Buffer.concat([t, info, Buffer.from([i])]))
    out = Buffer.concat([out, t])
  }
  return out.subarray(0, length)
}
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff])
const KEM = Buffer.concat([Buffer.from('KEM'), u16(0x20)])
const SUITE = Buffer.concat([Buffer.from('HPKE'), u16(0x20), u16(1), u16(3)])
const labeledExtract = (suite: Buffer, salt: Buffer, label: string, ikm: Buffer) => extract(salt, Buffer.concat([Buffer.from('HPKE-v1'), suite, Buffer.from(label), ikm]))
const labeledExpand = (suite: Buffer, prk: Buffer, label: string, info: Buffer, length: number) =>
  expand(prk, Buffer.concat([u16(length), Buffer.from('HPKE-v1'), suite, Buffer.from(label), info]), length)

const x25519Public = (raw: Buffer) => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64u(raw) }, format: 'jwk' })
const x25519Private = (raw: Buffer) => createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), raw]), format: 'der', type: 'pkcs8' })

function schedule(dh: Buffer, enc: Buffer, pkR: Buffer, info: Buffer) {
  const shared = labeledExpand(KEM, labeledExtract(KEM, Buffer.alloc(0), 'eae_prk', dh), 'shared_secret', Buffer.concat([enc, pkR]), 32)
  const context = Buffer.concat([Buffer.from([0]), labeledExtract(SUITE, Buffer.alloc(0), 'psk_id_hash', Buffer.alloc(0)), labeledExtract(SUITE, Buffer.alloc(0), 'info_hash', info)])
  const secret = labeledExtract(SUITE, shared, 'secret', Buffer.alloc(0))
  return { key: labeledExpand(SUITE, secret, 'key', context, 32), nonce: labeledExpand(SUITE, secret, 'base_nonce', context, 12) }
}

export function hpkeSeal(pkR: Buffer, info: Buffer, aad: Buffer, plaintext: Buffer, ephemeral?: Buffer): { enc: Buffer; ct: Buffer } {
  const skE = ephemeral ? x25519Private(ephemeral) : generateKeyPairSync('x25519').privateKey
  const enc = Buffer.from(createPublicKey(skE).export({ format: 'jwk' }).x!, 'base64url')
  const { key, nonce } = schedule(diffieHellman({ privateKey: skE, publicKey: x25519Public(pkR) }), enc, pkR, info)
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 })
  cipher.setAAD(aad, { plaintextLength: plaintext.length })
  return { enc, ct: Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]) }
}

export function hpkeOpen(skR: Buffer, enc: Buffer, info: Buffer, aad: Buffer, ct: Buffer): Buffer | null {
  try {
    const privateKey = x25519Private(skR)
    const pkR = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url')
    const { key, nonce } = schedule(diffieHellman({ privateKey, publicKey: x25519Public(enc) }), enc, pkR, info)
    const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 })
    decipher.setAAD(aad, { plaintextLength: ct.length - 16 })
    decipher.setAuthTag(ct.subarray(ct.length - 16))
    return Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()])
  } catch {
    return null
  }
}

// §5–§7 Manifest, ballot, envelope, receipt ------------------------------------------------------

export const manifestHashOf = (manifest: Any) => sha256Hex(canonical(manifest))

export function castBallot(manifest: Any, manifestHash: string, code: string, choices: string[], ephemeral?: Buffer): Any {
  const card = cardKey(codeToSecret(code), manifest.electionId)
  const json = Buffer.from(canonical([...choices].sort()), 'utf8')
  const plaintext = Buffer.concat([json, Buffer.alloc(manifest.ballotLength - json.length, 0x20)])
  const info = Buffer.concat([Buffer.from('brugerstemme/ballot/1', 'utf8'), Buffer.from(manifestHash, 'hex')])
  const { enc, ct } = hpkeSeal(b64uDecode(manifest.electionKey), info, card.publicKey, plaintext, ephemeral)
  const unsigned = { protocol: 'brugerstemme-ballot/1', electionId: manifest.electionId, manifestHash, card: b64u(card.publicKey), enc: b64u(enc), ciphertext: b64u(ct) }
  return { ...unsigned, signature: b64u(sign(null, Buffer.from(canonical(unsigned), 'utf8'), card.privateKey)) }
}

export const envelopeHashOf = (envelope: Any) => sha256Hex(canonical(envelope))
export const receiptOf = (envelope: Any) => [...Buffer.from(envelopeHashOf(envelope), 'hex').subarray(0, 8)].map((b) => SYMBOLS[b % 25]).join('')

export function openBallot(skR: Buffer, envelope: Any): string[] | null {
  const info = Buffer.concat([Buffer.from('brugerstemme/ballot/1', 'utf8'), Buffer.from(envelope.manifestHash, 'hex')])
  const plaintext = hpkeOpen(skR, b64uDecode(envelope.enc), info, b64uDecode(envelope.card), b64uDecode(envelope.ciphertext))
  if (!plaintext) return null
  try {
    const value: unknown = JSON.parse(plaintext.toString('utf8'))
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null
  } catch {
    return null
  }
}

function signatureHolds(manifest: Any, manifestHash: string, envelope: Any): boolean {
  try {
    if (envelope.protocol !== 'brugerstemme-ballot/1' || envelope.electionId !== manifest.electionId || envelope.manifestHash !== manifestHash) return false
    const { signature, ...unsigned } = envelope
    const card = b64uDecode(envelope.card)
    if (card.length !== 32 || b64uDecode(envelope.enc).length !== 32) return false
    if (b64uDecode(envelope.ciphertext).length !== manifest.ballotLength + 16) return false
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: envelope.card }, format: 'jwk' })
    return verify(null, Buffer.from(canonical(unsigned), 'utf8'), key, b64uDecode(signature))
  } catch {
    return false
  }
}

// §8 Bulletin board ------------------------------------------------------------------------------

export function verifyBoard(manifest: Any, manifestHash: string, entries: Any[]): { headHash: string; closed: boolean; ballots: Any[] } {
  const valid = new Set<string>(manifest.cards)
  const known = new Set<string>(manifest.cards)
  const voted = new Set<string>()
  const encs = new Set<string>()
  const ballots: Any[] = []
  let prev = manifestHash
  let closed = false
  entries.forEach((entry, i) => {
    const fail = (why: string) => {
      throw new Error(`board entry ${i}: ${why}`)
    }
    if (entry.index !== i || entry.prev !== prev) fail('broken chain')
    if (closed) fail('entry after the close')
    if (entry.type === 'card-added') {
      if (known.has(entry.card)) fail('card added twice')
      known.add(entry.card)
      valid.add(entry.card)
    } else if (entry.type === 'card-revoked') {
      if (!valid.delete(entry.card)) fail('revoked card was not valid')
    } else if (entry.type === 'ballot') {
      const envelope = entry.envelope
      if (!signatureHolds(manifest, manifestHash, envelope)) fail('envelope does not check')
      if (!valid.has(envelope.card) || voted.has(envelope.card)) fail('card may not vote here')
      if (encs.has(envelope.enc)) fail('enc used twice')
      voted.add(envelope.card)
      encs.add(envelope.enc)
      ballots.push(envelope)
    } else if (entry.type === 'closed') closed = true
    else fail(`unknown type ${String(entry.type)}`)
    prev = sha256Hex(canonical(entry))
  })
  return { headHash: prev, closed, ballots }
}

// §9 Tally and lot -------------------------------------------------------------------------------

const lotNumber = (seed: string, id: string) => sha256Hex(canonical(['brugerstemme-lot/1', seed, id]))

export function tally(manifest: Any, counted: string[][], seed: string) {
  const ids: string[] = manifest.candidates.map((c: Any) => c.id)
  const totals: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]))
  let blank = 0
  let invalid = 0
  for (const ballot of counted) {
    if (ballot.length === 0) blank++
    else if (ballot.length > manifest.maxChoices || new Set(ballot).size !== ballot.length || ballot.some((id) => !(id in totals))) invalid++
    else for (const id of ballot) totals[id]!++
  }
  const place = (i: number) => (i < manifest.seats ? 'E' : i < manifest.seats + manifest.substitutes ? `S${i}` : 'O')
  const ranked: string[] = []
  const lots: { tied: string[]; order: string[] }[] = []
  for (const total of [...new Set(Object.values(totals))].sort((a, b) => b - a)) {
    const group = ids.filter((id) => totals[id] === total)
    const places = new Set(group.map((_, k) => place(ranked.length + k)))
    if (places.size > 1) {
      const order = [...group].sort((a, b) => (lotNumber(seed, a) < lotNumber(seed, b) ? -1 : 1))
      lots.push({ tied: group, order })
      ranked.push(...order)
    } else ranked.push(...group)
  }
  return { totals, blank, invalid, lots, elected: ranked.slice(0, manifest.seats), substitutes: ranked.slice(manifest.seats, manifest.seats + manifest.substitutes) }
}

/** §10: every check an observer can make of a published result. Returns the problems found. */
export function verifyResult(manifest: Any, manifestHash: string, entries: Any[], result: Any): string[] {
  const problems: string[] = []
  let board
  try {
    board = verifyBoard(manifest, manifestHash, entries)
  } catch (error) {
    return [(error as Error).message]
  }
  if (!board.closed) problems.push('board not closed')
  if (result.boardHash !== board.headHash) problems.push('board hash')
  if (result.manifestHash !== manifestHash || result.electionId !== manifest.electionId) problems.push('election')
  if (result.ballots !== board.ballots.length) problems.push('ballot count')
  if (canonical(result.receipts) !== canonical(board.ballots.map(receiptOf).sort())) problems.push('receipts')
  if (result.counted.length + result.undecryptable !== board.ballots.length) problems.push('counted + undecryptable')
  const sortedCounted = result.counted.map((b: string[]) => [...b].sort()).sort((a: string[], b: string[]) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0))
  if (canonical(sortedCounted) !== canonical(result.counted)) problems.push('counted not in canonical order')
  const recount = tally(manifest, result.counted, board.headHash)
  for (const key of ['totals', 'elected', 'substitutes', 'blank', 'lots'] as const) if (canonical(recount[key] as Json) !== canonical(result[key])) problems.push(key)
  if (recount.invalid + result.undecryptable !== result.invalid) problems.push('invalid')
  return problems
}

// §11 Routes -----------------------------------------------------------------------------------

async function getJson(url: string): Promise<Any> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** Casts a ballot over HTTP with nothing but the card code; returns the server's answer and our own receipt. */
export async function castOverHttp(base: string, electionId: string, code: string, choices: (manifest: Any) => string[]) {
  const { manifest, manifestHash } = await getJson(`${base}/api/elections/${electionId}/manifest`)
  if (manifestHashOf(manifest) !== manifestHash) throw new Error('the manifest does not match its hash')
  const envelope = castBallot(manifest, manifestHash, code, choices(manifest))
  const response = await fetch(`${base}/api/elections/${electionId}/ballots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(envelope),
  })
  return { status: response.status, body: (await response.json()) as Any, receipt: receiptOf(envelope) }
}

/** Fetches the manifest, board and result of a published election and checks them all. */
export async function verifyOverHttp(base: string, electionId: string) {
  const { manifest, manifestHash } = await getJson(`${base}/api/elections/${electionId}/manifest`)
  const board = await getJson(`${base}/api/elections/${electionId}/board`)
  const result = await getJson(`${base}/api/elections/${electionId}/result`)
  const problems = manifestHashOf(manifest) === manifestHash && board.manifestHash === manifestHash ? verifyResult(manifest, manifestHash, board.entries, result) : ['manifest hash']
  return { problems, result, manifest }
}
