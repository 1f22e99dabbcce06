import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linkEntry, entryHash, verifyBoard, type BoardEntry } from '../../src/shared/elections/board.js'
import { fromHex, toBase64url } from '../../src/shared/elections/bytes.js'
import { cardCode, deriveCardKey, formatCardCode } from '../../src/shared/elections/card.js'
import { checkEnvelope, envelopeHash, openBallot, receiptCode, sealBallot, type Envelope } from '../../src/shared/elections/envelope.js'
import { ballotLength, manifestHash, MANIFEST_PROTOCOL, type Manifest } from '../../src/shared/elections/manifest.js'
import { noblePrimitives as p } from '../../src/shared/elections/noble-primitives.js'
import { countBoard } from '../../src/shared/elections/result.js'
import * as doc from '../protocol/independent.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the vectors are read from the document */
const text = readFileSync(new URL('../../docs/election-protocol.md', import.meta.url), 'utf8')
const block = /<!-- test-vectors -->\s*```json\n([\s\S]*?)\n```/.exec(text)
const vectors = JSON.parse(block![1]!) as any

describe('the protocol document, implemented independently with node:crypto only', () => {
  it('reproduces every test vector in the document', () => {
    const { inputs } = vectors
    vectors.cards.forEach((card: any, i: number) => {
      const secret = Buffer.from(inputs.cardSecrets[i], 'hex')
      expect(doc.secretToCode(secret)).toBe(card.code.replaceAll('-', ''))
      expect(doc.codeToSecret(card.code)).toEqual(secret)
      const key = doc.cardKey(secret, inputs.electionId)
      expect(key.seed.toString('hex')).toBe(card.seed)
      expect(key.publicKey.toString('base64url')).toBe(card.publicKey)
    })
    expect(doc.manifestHashOf(vectors.manifest)).toBe(vectors.manifestCanonicalSha256)
    vectors.envelopes.forEach((expected: any, i: number) => {
      const envelope = doc.castBallot(vectors.manifest, vectors.manifestCanonicalSha256, vectors.cards[i].code, inputs.choices[i], Buffer.from(inputs.ephemeralPrivateKeys[i], 'hex'))
      expect(envelope).toEqual(expected.envelope)
      expect(doc.envelopeHashOf(envelope)).toBe(expected.envelopeHash)
      expect(doc.receiptOf(envelope)).toBe(expected.receipt)
      expect(doc.openBallot(Buffer.from(inputs.electionPrivateKey, 'hex'), envelope)).toEqual([...inputs.choices[i]].sort())
    })
    const entries = [...vectors.envelopes.map((e: any) => ({ type: 'ballot', envelope: e.envelope })), { type: 'closed' }].map((body, i) => ({
      index: i,
      prev: i === 0 ? vectors.manifestCanonicalSha256 : vectors.entryHashes[i - 1],
      ...body,
    }))
    expect(entries.map((e) => doc.manifestHashOf(e))).toEqual(vectors.entryHashes)
    expect(doc.verifyResult(vectors.manifest, vectors.manifestCanonicalSha256, entries, vectors.result)).toEqual([])
  })

  it('casts from a card code a ballot that our implementation accepts and opens', () => {
    const electionId = '0190f1e2-3c4d-7a5b-8c6d-7e8f9a0b1c2d'
    const secret = p.randomBytes(16)
    const privateKey = p.randomBytes(32)
    const candidates = ['0190f1e2-0000-7000-8000-0000000000a1', '0190f1e2-0000-7000-8000-0000000000b2', '0190f1e2-0000-7000-8000-0000000000c3']
    const manifest: Manifest = {
      protocol: MANIFEST_PROTOCOL,
      electionId,
      councilId: '0190f1e2-0000-7000-8000-000000000001',
      councilName: 'Centerrådet for Boformer',
      title: 'Valg 2026 – “med æ, ø og å”',
      seats: 2,
      substitutes: 1,
      maxChoices: 2,
      candidates: candidates.map((id, i) => ({ id, name: ['Åse Ølgaard', 'Bo', 'Carl "Calle" Ek'][i]! })),
      opensAt: '2026-06-04T08:00:00.000Z',
      closesAt: '2026-06-11T14:00:00.000Z',
      electionKey: toBase64url(p.x25519PublicKey(privateKey)),
      cards: [toBase64url(deriveCardKey(p, secret, electionId).publicKey)],
      ballotLength: ballotLength(candidates),
    }
    const hash = manifestHash(p, manifest)
    expect(doc.manifestHashOf(manifest)).toBe(hash)
    const envelope = doc.castBallot(manifest, hash, formatCardCode(cardCode(secret)).toLowerCase(), [candidates[2]!, candidates[0]!]) as Envelope
    expect(checkEnvelope(p, manifest, hash, envelope)).toBeNull()
    expect(openBallot(p, { privateKey, publicKey: p.x25519PublicKey(privateKey) }, envelope)).toEqual([candidates[0], candidates[2]])
    expect(doc.receiptOf(envelope)).toBe(receiptCode(envelopeHash(p, envelope)))
  })

  it('verifies a board and result made by our implementation, and catches a changed board and a changed result', () => {
    const electionId = '0190f1e2-3c4d-7a5b-8c6d-7e8f9a0b1c2e'
    const privateKey = p.randomBytes(32)
    const key = { privateKey, publicKey: p.x25519PublicKey(privateKey) }
    const cards = Array.from({ length: 6 }, () => deriveCardKey(p, p.randomBytes(16), electionId))
    const candidates = Array.from({ length: 4 }, (_, i) => `0190f1e2-0000-7000-8000-00000000000${i}`)
    const manifest: Manifest = {
      protocol: MANIFEST_PROTOCOL,
      electionId,
      councilId: '0190f1e2-0000-7000-8000-000000000001',
      councilName: 'Brugerrådet',
      title: 'Valg',
      seats: 1,
      substitutes: 2,
      maxChoices: 2,
      candidates: candidates.map((id) => ({ id, name: id.slice(-1) })),
      opensAt: '2026-06-04T08:00:00.000Z',
      closesAt: '2026-06-11T14:00:00.000Z',
      electionKey: toBase64url(key.publicKey),
      cards: cards.slice(0, 5).map((c) => toBase64url(c.publicKey)).sort(),
      ballotLength: ballotLength(candidates),
    }
    const hash = manifestHash(p, manifest)
    const [a, b, c, d] = candidates as [string, string, string, string]
    const votes = [[a], [b], [c, d], [], [a, b]]
    const bodies = [
      ...votes.slice(0, 3).map((v, i) => ({ type: 'ballot' as const, envelope: sealBallot(p, manifest, hash, cards[i]!, v) })),
      { type: 'card-revoked' as const, card: toBase64url(cards[3]!.publicKey) },
      { type: 'card-added' as const, card: toBase64url(cards[5]!.publicKey) },
      { type: 'ballot' as const, envelope: sealBallot(p, manifest, hash, cards[4]!, votes[3]!) },
      { type: 'ballot' as const, envelope: sealBallot(p, manifest, hash, cards[5]!, votes[4]!) },
      { type: 'closed' as const },
    ]
    const entries: BoardEntry[] = []
    for (const body of bodies) entries.push(linkEntry(entries.length, entries.length === 0 ? hash : entryHash(p, entries.at(-1)!), body))
    const board = verifyBoard(p, manifest, hash, entries)
    if (!board.ok) throw new Error(board.problem)
    const result = countBoard(manifest, hash, board, board.ballots.map((x) => openBallot(p, key, x.envelope)), 2)

    expect(doc.verifyResult(manifest, hash, entries, result)).toEqual([])
    const recount = doc.tally(manifest, result.counted, result.boardHash)
    expect(recount.lots).toEqual(result.lots)
    expect(result.lots.length).toBeGreaterThan(0)

    const swapped = structuredClone(entries)
    ;[swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!]
    expect(doc.verifyResult(manifest, hash, swapped, result)).toEqual(['board entry 1: broken chain'])
    const resealed = structuredClone(entries) as any[]
    resealed[0].envelope.ciphertext = sealBallot(p, manifest, hash, cards[0]!, [b]).ciphertext
    expect(doc.verifyResult(manifest, hash, resealed, result)[0]).toMatch(/^board entry 0: /)
    expect(doc.verifyResult(manifest, hash, entries, { ...result, elected: [c] })).toEqual(['elected'])
    expect(doc.verifyResult(manifest, hash, entries, { ...result, receipts: result.receipts.slice(1) })).toEqual(['receipts'])
  })

  it('refuses a mistyped card code as the document says', () => {
    const code = vectors.cards[0].code.replaceAll('-', '') as string
    const typo = code.slice(0, 3) + (code[3] === 'A' ? 'C' : 'A') + code.slice(4)
    expect(() => doc.codeToSecret(typo)).toThrow(/check/)
    expect(() => doc.codeToSecret(code.slice(1))).toThrow(/29/)
    expect(fromHex(vectors.inputs.cardSecrets[0])).toEqual(new Uint8Array(doc.codeToSecret(code)))
  })
})
