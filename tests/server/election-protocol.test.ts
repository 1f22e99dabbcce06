import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { nodePrimitives } from '../../src/server/elections/node-primitives.js'
import { linkEntry, entryHash, verifyBoard, type BoardEntry, type BoardEntryBody } from '../../src/shared/elections/board.js'
import { fromBase64url, fromHex, toBase64url, toHex, utf8 } from '../../src/shared/elections/bytes.js'
import { canonicalJson } from '../../src/shared/elections/canonical-json.js'
import { cardCode, cardNumber, cardQrPayload, CARD_SYMBOLS, deriveCardKey, formatCardCode, parseCardCode, readCardQr } from '../../src/shared/elections/card.js'
import { checkEnvelope, envelopeHash, openBallot, receiptCode, sealBallot, signedBytes, type Envelope } from '../../src/shared/elections/envelope.js'
import { hpkeOpen, hpkeSeal } from '../../src/shared/elections/hpke.js'
import { ballotLength, manifestHash } from '../../src/shared/elections/manifest.js'
import { noblePrimitives } from '../../src/shared/elections/noble-primitives.js'
import type { Primitives } from '../../src/shared/elections/primitives.js'
import { countBoard, verifyResult } from '../../src/shared/elections/result.js'
import { testElection } from './election-fixture.js'

const PROVIDERS: [string, Primitives][] = [
  ['noble (the app)', noblePrimitives],
  ['node:crypto (the server)', nodePrimitives],
]

describe('encodings', () => {
  it('writes and reads base64url without padding, and refuses any second spelling of the same bytes', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = nodePrimitives.randomBytes(n)
      const text = toBase64url(bytes)
      expect(text).toBe(Buffer.from(bytes).toString('base64url'))
      expect(fromBase64url(text)).toEqual(bytes)
    }
    // 32 bytes end in a symbol whose two low bits carry nothing and must be zero.
    const key = toBase64url(new Uint8Array(32))
    expect(() => fromBase64url(`${key.slice(0, -1)}B`)).toThrow(/canonical/)
    expect(() => fromBase64url(`${key}=`)).toThrow()
    expect(() => fromBase64url('a+b/')).toThrow()
  })

  it('writes canonical JSON as RFC 8785 does: sorted keys, no spaces, JSON.stringify strings, integers only', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], a: { d: 0, c: 'æø\u0001"' } })).toBe('{"a":{"c":"æø\\u0001\\"","d":0},"b":[1,"x",null,true]}')
    // UTF-16 code unit order: uppercase before lowercase, an astral character after U+FFFF-less ones.
    expect(canonicalJson({ b: 1, B: 2, '\u{1F600}': 3, '\uFFFF': 4 })).toBe('{"B":2,"b":1,"\u{1F600}":3,"\uFFFF":4}')
    expect(canonicalJson(-0)).toBe('0')
    expect(() => canonicalJson(1.5)).toThrow(TypeError)
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError)
    expect(() => canonicalJson(2 ** 53)).toThrow(TypeError)
  })
})

describe('ballot card codes', () => {
  it('turns every 16-byte secret into 29 symbols and back', () => {
    for (const secret of [new Uint8Array(16), new Uint8Array(16).fill(255), ...Array.from({ length: 50 }, () => nodePrimitives.randomBytes(16))]) {
      const code = cardCode(secret)
      expect(code).toMatch(new RegExp(`^[${CARD_SYMBOLS}]{29}$`))
      expect(parseCardCode(code)).toEqual({ secret })
      expect(parseCardCode(formatCardCode(code).toLowerCase())).toEqual({ secret })
    }
  })

  it('catches every single wrong symbol and every swap of neighbours or of symbols one apart, the check symbol included', () => {
    for (let n = 0; n < 20; n++) expectEveryTypoCaught(cardCode(nodePrimitives.randomBytes(16)))
  })

  function expectEveryTypoCaught(code: string) {
    for (let i = 0; i < code.length; i++) {
      for (const symbol of CARD_SYMBOLS) {
        if (symbol === code[i]) continue
        const typo = code.slice(0, i) + symbol + code.slice(i + 1)
        expect(parseCardCode(typo), typo).not.toHaveProperty('secret')
      }
      for (const gap of [1, 2]) {
        const j = i + gap
        if (j >= code.length || code[i] === code[j]) continue
        const swapped = [...code]
        ;[swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!]
        expect(parseCardCode(swapped.join('')), `swap ${i} and ${j}`).toEqual({ problem: 'check' })
      }
    }
  }

  it('names what is wrong with a code that cannot be a card', () => {
    expect(parseCardCode('ACDE')).toEqual({ problem: 'length' })
    expect(parseCardCode('O'.repeat(29))).toEqual({ problem: 'symbol' })
    // 28 nines are 25^28 - 1 > 2^128 - 1: a valid check symbol, but no 16-byte secret.
    const digits = Array.from({ length: 28 }, () => 24)
    const check = (25 - (digits.reduce((s, d, i) => s + d * ((i % 4) + 1), 0) % 25)) % 25
    expect(parseCardCode(digits.map((d) => CARD_SYMBOLS[d]).join('') + CARD_SYMBOLS[check])).toEqual({ problem: 'range' })
  })

  it('puts the code in the fragment of a QR link to the election, and reads it back', () => {
    const code = cardCode(nodePrimitives.randomBytes(16))
    const electionId = '01900000-0000-7000-8000-000000000001'
    const payload = cardQrPayload('https://stem.example.dk', electionId, formatCardCode(code))
    expect(payload).toBe(`https://stem.example.dk/valg/${electionId}/stem#${code}`)
    expect(readCardQr(payload)).toEqual({ electionId, code })
    expect(readCardQr(formatCardCode(code))).toEqual({ electionId: null, code })
  })
})

describe.each(PROVIDERS)('primitives: %s', (_, p) => {
  it('matches the other implementation byte for byte', () => {
    const other = p === nodePrimitives ? noblePrimitives : nodePrimitives
    const seed = p.randomBytes(32)
    const message = utf8('Valg til brugerrådet')
    expect(p.ed25519PublicKey(seed)).toEqual(other.ed25519PublicKey(seed))
    expect(p.ed25519Sign(seed, message)).toEqual(other.ed25519Sign(seed, message))
    expect(other.ed25519Verify(p.ed25519PublicKey(seed), message, p.ed25519Sign(seed, message))).toBe(true)
    const a = p.randomBytes(32)
    const b = p.randomBytes(32)
    expect(p.x25519PublicKey(a)).toEqual(other.x25519PublicKey(a))
    expect(p.x25519(a, other.x25519PublicKey(b))).toEqual(other.x25519(b, p.x25519PublicKey(a)))
    const key = p.randomBytes(32)
    const nonce = p.randomBytes(12)
    const sealed = p.chacha20poly1305Seal(key, nonce, message, utf8('hemmelig'))
    expect(sealed).toEqual(other.chacha20poly1305Seal(key, nonce, message, utf8('hemmelig')))
    expect(other.chacha20poly1305Open(key, nonce, message, sealed)).toEqual(utf8('hemmelig'))
    expect(p.hmacSha256(key, message)).toEqual(other.hmacSha256(key, message))
  })

  it('refuses a changed signature, a changed tag and a low-order X25519 key without throwing', () => {
    const seed = p.randomBytes(32)
    const signature = p.ed25519Sign(seed, utf8('x'))
    signature[5]! ^= 1
    expect(p.ed25519Verify(p.ed25519PublicKey(seed), utf8('x'), signature)).toBe(false)
    expect(p.ed25519Verify(new Uint8Array(31), utf8('x'), signature)).toBe(false)
    const sealed = p.chacha20poly1305Seal(new Uint8Array(32), new Uint8Array(12), new Uint8Array(0), utf8('x'))
    sealed[0]! ^= 1
    expect(p.chacha20poly1305Open(new Uint8Array(32), new Uint8Array(12), new Uint8Array(0), sealed)).toBeNull()
    expect(() => p.x25519(p.randomBytes(32), new Uint8Array(32))).toThrow()
  })

  it('seals and opens the RFC 9180 test vector A.2.1 (X25519, HKDF-SHA256, ChaCha20Poly1305)', () => {
    const info = fromHex('4f6465206f6e2061204772656369616e2055726e')
    const skEm = fromHex('f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600')
    const skRm = fromHex('8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb')
    const pkRm = fromHex('4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a')
    const pt = fromHex('4265617574792069732074727574682c20747275746820626561757479')
    const aad = fromHex('436f756e742d30')
    const sealed = hpkeSeal(p, pkRm, info, aad, pt, skEm)
    expect(toHex(sealed.enc)).toBe('1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a')
    expect(toHex(sealed.ciphertext)).toBe('1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28')
    expect(hpkeOpen(p, { privateKey: skRm, publicKey: pkRm }, sealed.enc, info, aad, sealed.ciphertext)).toEqual(pt)
    expect(hpkeOpen(p, { privateKey: skRm, publicKey: pkRm }, sealed.enc, info, utf8('Count-1'), sealed.ciphertext)).toBeNull()
  })
})

describe.each(PROVIDERS)('ballots: %s seals, the other checks and opens', (_, p) => {
  const other = p === nodePrimitives ? noblePrimitives : nodePrimitives

  it('casts a ballot that checks, opens to the choices, and has the same length whether blank or full', () => {
    const e = testElection(p)
    const full = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [e.candidates[2]!, e.candidates[0]!])
    const blank = sealBallot(p, e.manifest, e.hash, e.cards[1]!.key, [])
    for (const envelope of [full, blank]) expect(checkEnvelope(other, e.manifest, e.hash, envelope)).toBeNull()
    expect(openBallot(other, e.key, full)).toEqual([e.candidates[0]!, e.candidates[2]!].sort())
    expect(openBallot(other, e.key, blank)).toEqual([])
    expect(full.ciphertext.length).toBe(blank.ciphertext.length)
    expect(fromBase64url(full.ciphertext).length).toBe(e.manifest.ballotLength + 16)
  })

  it('gives the same envelope the same hash and receipt, and another sealing another receipt', () => {
    const e = testElection(p)
    const envelope = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [e.candidates[1]!])
    const copy = JSON.parse(JSON.stringify(envelope)) as Envelope
    expect(envelopeHash(other, copy)).toBe(envelopeHash(p, envelope))
    expect(receiptCode(envelopeHash(p, envelope))).toMatch(new RegExp(`^[${CARD_SYMBOLS}]{8}$`))
    const again = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [e.candidates[1]!])
    expect(envelopeHash(p, again)).not.toBe(envelopeHash(p, envelope))
  })

  it('refuses an envelope for another election or manifest, of the wrong length, or with a forged signature', () => {
    const e = testElection(p)
    const envelope = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [e.candidates[1]!])
    const other2 = testElection(p)
    expect(checkEnvelope(other, other2.manifest, other2.hash, envelope)).toBe('wrong_election')
    expect(checkEnvelope(other, e.manifest, other2.hash, envelope)).toBe('wrong_manifest')
    const short = { ...envelope, ciphertext: toBase64url(fromBase64url(envelope.ciphertext).subarray(0, -3)) }
    expect(checkEnvelope(other, e.manifest, e.hash, short)).toBe('wrong_length')
    // Another card's key signing this card's envelope is a forgery.
    const { signature: _, ...unsigned } = envelope
    const forged = { ...envelope, signature: toBase64url(p.ed25519Sign(e.cards[1]!.key.seed, signedBytes(unsigned))) }
    expect(checkEnvelope(other, e.manifest, e.hash, forged)).toBe('bad_signature')
    expect(checkEnvelope(other, e.manifest, e.hash, { ...envelope, card: 'A'.repeat(43) })).toBe('bad_signature')
  })

  it('binds the sealed choice to its card: a ciphertext copied under another card does not open', () => {
    const e = testElection(p)
    const original = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [e.candidates[1]!])
    const thief = e.cards[1]!.key
    const unsigned = { ...original, card: toBase64url(thief.publicKey) }
    const { signature: _, ...body } = unsigned
    const copied = { ...body, signature: toBase64url(p.ed25519Sign(thief.seed, signedBytes(body))) }
    expect(checkEnvelope(other, e.manifest, e.hash, copied)).toBeNull()
    expect(openBallot(other, e.key, copied)).toBeNull()
  })

  it('derives a different card key for the same card in another election', () => {
    const secret = p.randomBytes(16)
    const a = deriveCardKey(p, secret, '01900000-0000-7000-8000-000000000001')
    const b = deriveCardKey(other, secret, '01900000-0000-7000-8000-000000000002')
    expect(a.publicKey).toEqual(deriveCardKey(other, secret, '01900000-0000-7000-8000-000000000001').publicKey)
    expect(a.publicKey).not.toEqual(b.publicKey)
  })
})

/** A board as a server would write it. */
function chain(p: Primitives, start: string, bodies: BoardEntryBody[]): BoardEntry[] {
  const entries: BoardEntry[] = []
  let prev = start
  for (const body of bodies) {
    const entry = linkEntry(entries.length, prev, body)
    entries.push(entry)
    prev = entryHash(p, entry)
  }
  return entries
}

describe('the bulletin board and the result', () => {
  const p = nodePrimitives

  it('verifies an honest board and result, and finds any changed entry or result field', () => {
    const e = testElection(p, { cardCount: 5 })
    const [a, b, c, d] = e.candidates as [string, string, string, string]
    const newcomer = deriveCardKey(p, p.randomBytes(16), e.manifest.electionId)
    const ballots = [
      sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [a, b]),
      sealBallot(p, e.manifest, e.hash, e.cards[1]!.key, [a]),
      sealBallot(p, e.manifest, e.hash, e.cards[2]!.key, []),
      sealBallot(p, e.manifest, e.hash, newcomer, [c, d]),
    ]
    const entries = chain(p, e.hash, [
      { type: 'ballot', envelope: ballots[0]! },
      { type: 'card-revoked', card: toBase64url(e.cards[3]!.key.publicKey) },
      { type: 'card-added', card: toBase64url(newcomer.publicKey) },
      { type: 'ballot', envelope: ballots[1]! },
      { type: 'ballot', envelope: ballots[2]! },
      { type: 'ballot', envelope: ballots[3]! },
      { type: 'closed' },
    ])
    const board = verifyBoard(p, e.manifest, e.hash, entries)
    if (!board.ok) throw new Error(board.problem)
    expect(board).toMatchObject({ closed: true, headHash: entryHash(p, entries[6]!), validCards: 5 })
    const result = countBoard(e.manifest, e.hash, board, board.ballots.map((x) => openBallot(p, e.key, x.envelope)), 1)
    expect(result).toMatchObject({ ballots: 4, blank: 1, invalid: 0, totals: { [a]: 2, [b]: 1, [c]: 1, [d]: 1 }, late: 1 })
    expect(result.receipts).toEqual(ballots.map((x) => receiptCode(envelopeHash(p, x))).sort())
    expect(verifyResult(noblePrimitives, e.manifest, e.hash, entries, result)).toEqual([])

    const changed = structuredClone(entries)
    ;(changed[3] as Extract<BoardEntry, { type: 'ballot' }>).envelope = ballots[2]!
    expect(verifyBoard(p, e.manifest, e.hash, changed)).toMatchObject({ ok: false, index: 4, problem: 'broken_chain' })
    expect(verifyResult(p, e.manifest, e.hash, entries, { ...result, totals: { ...result.totals, [a]: 3 } })).toEqual(['totals does not follow from the counted ballots'])
    expect(verifyResult(p, e.manifest, e.hash, entries, { ...result, boardHash: e.hash })).toContain('the board hash differs')
    expect(verifyResult(p, e.manifest, e.hash, entries.slice(0, -1), result)).toContain('the board is not closed')
  })

  it('finds a second ballot from one card, a ballot from a revoked or unknown card, and anything after the close', () => {
    const e = testElection(p)
    const first = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [])
    const second = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [e.candidates[0]!])
    const stranger = sealBallot(p, e.manifest, e.hash, deriveCardKey(p, p.randomBytes(16), e.manifest.electionId), [])
    const revokedCard = toBase64url(e.cards[1]!.key.publicKey)
    const cases: [BoardEntryBody[], string][] = [
      [[{ type: 'ballot', envelope: first }, { type: 'ballot', envelope: second }], 'card_used'],
      [[{ type: 'card-revoked', card: revokedCard }, { type: 'ballot', envelope: sealBallot(p, e.manifest, e.hash, e.cards[1]!.key, []) }], 'card_not_valid'],
      [[{ type: 'ballot', envelope: stranger }], 'card_not_valid'],
      [[{ type: 'closed' }, { type: 'ballot', envelope: first }], 'after_close'],
      [[{ type: 'card-added', card: revokedCard }], 'card_known'],
    ]
    for (const [bodies, problem] of cases) expect(verifyBoard(p, e.manifest, e.hash, chain(p, e.hash, bodies))).toMatchObject({ ok: false, problem })
  })

  it('counts a ballot that does not open as invalid, and says so', () => {
    const e = testElection(p)
    const good = sealBallot(p, e.manifest, e.hash, e.cards[0]!.key, [e.candidates[0]!])
    // Sealed to a key that is not the election's: it checks, but only the tally can tell.
    const wrongKey = sealBallot(p, { ...e.manifest, electionKey: toBase64url(p.x25519PublicKey(p.randomBytes(32))) }, e.hash, e.cards[1]!.key, [e.candidates[1]!])
    const entries = chain(p, e.hash, [{ type: 'ballot', envelope: good }, { type: 'ballot', envelope: wrongKey }, { type: 'closed' }])
    const board = verifyBoard(p, e.manifest, e.hash, entries)
    if (!board.ok) throw new Error(board.problem)
    const result = countBoard(e.manifest, e.hash, board, board.ballots.map((x) => openBallot(p, e.key, x.envelope)), 0)
    expect(result).toMatchObject({ ballots: 2, undecryptable: 1, invalid: 1, counted: [[e.candidates[0]!]] })
    expect(verifyResult(p, e.manifest, e.hash, entries, result)).toEqual([])
  })
})

describe.each(PROVIDERS)('the test vectors in docs/election-protocol.md: %s', (_, p) => {
  /* eslint-disable @typescript-eslint/no-explicit-any -- the vectors are read from the document */
  const text = readFileSync(new URL('../../docs/election-protocol.md', import.meta.url), 'utf8')
  const vectors = JSON.parse(/<!-- test-vectors -->\s*```json\n([\s\S]*?)\n```/.exec(text)![1]!) as any

  it('come out of our implementation byte for byte', () => {
    const { inputs, manifest } = vectors
    const cards = inputs.cardSecrets.map((hex: string, i: number) => {
      const secret = fromHex(hex)
      expect(formatCardCode(cardCode(secret))).toBe(vectors.cards[i].code)
      const key = deriveCardKey(p, secret, inputs.electionId)
      expect({ seed: toHex(key.seed), publicKey: toBase64url(key.publicKey), cardNumber: cardNumber(p, key.publicKey) }).toEqual({
        seed: vectors.cards[i].seed,
        publicKey: vectors.cards[i].publicKey,
        cardNumber: vectors.cards[i].cardNumber,
      })
      return key
    })
    expect(manifest.ballotLength).toBe(ballotLength(manifest.candidates.map((c: { id: string }) => c.id)))
    const hash = manifestHash(p, manifest)
    expect(hash).toBe(vectors.manifestCanonicalSha256)
    const envelopes = vectors.envelopes.map((expected: any, i: number) => {
      const envelope = sealBallot(p, manifest, hash, cards[i], inputs.choices[i], fromHex(inputs.ephemeralPrivateKeys[i]))
      expect(envelope).toEqual(expected.envelope)
      expect(receiptCode(envelopeHash(p, envelope))).toBe(expected.receipt)
      return envelope
    })
    const entries = chain(p, hash, [...envelopes.map((envelope: Envelope) => ({ type: 'ballot' as const, envelope })), { type: 'closed' as const }])
    expect(entries.map((entry) => entryHash(p, entry))).toEqual(vectors.entryHashes)
    const board = verifyBoard(p, manifest, hash, entries)
    if (!board.ok) throw new Error(board.problem)
    const privateKey = fromHex(inputs.electionPrivateKey)
    const key = { privateKey, publicKey: p.x25519PublicKey(privateKey) }
    expect(countBoard(manifest, hash, board, board.ballots.map((b) => openBallot(p, key, b.envelope)), 0)).toEqual(vectors.result)
  })
})
