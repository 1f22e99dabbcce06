import { describe, expect, it } from 'vitest'
import { nodePrimitives as p } from '../../src/server/elections/node-primitives.js'
import { openBallots, useSourceWorker } from '../../src/server/elections/open-ballots.js'
import { openBallot, sealBallot, type Envelope } from '../../src/shared/elections/envelope.js'
import { testElection } from './election-fixture.js'
import { bundleOpenWorker } from './open-worker-bundle.js'

/**
 * The text with one base64 character inside it replaced by another, so the bytes it encodes
 * differ whatever they were (overwriting the last two with "AA" changed nothing when they were
 * "AA" already, and a run found 23 ballots that did not open instead of 24).
 */
const changedAt = (text: string, at: number) => `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`

describe('openBallots', () => {
  // A few hundred ballots, some that do not open (another key's, a changed ciphertext).
  const election = testElection(p, { cardCount: 12, candidates: 5, maxChoices: 2 })
  const stranger = testElection(p, { cardCount: 1, candidates: 5 })
  const envelopes: Envelope[] = Array.from({ length: 600 }, (_, i) => {
    const card = election.cards[i % election.cards.length]!.key
    const choices = i % 7 === 0 ? [] : [election.candidates[i % 5]!, election.candidates[(i + 2) % 5]!]
    const envelope = sealBallot(p, election.manifest, election.hash, card, choices)
    if (i % 50 === 3) return { ...envelope, ciphertext: changedAt(envelope.ciphertext, 10) }
    if (i % 50 === 4) return sealBallot(p, { ...election.manifest, electionKey: stranger.manifest.electionKey }, election.hash, card, choices)
    return envelope
  })
  const serial = envelopes.map((envelope) => openBallot(p, election.key, envelope))

  it('opens every ballot on this thread when no helper can start', async () => {
    useSourceWorker(() => Promise.reject(new Error('no worker here')))
    const stats = { byHelpers: 0 }
    expect(await openBallots(election.key, envelopes, { helpers: 2, thisThread: false, stats })).toEqual(serial)
    expect(stats.byHelpers).toBe(0)
  })

  it('gives what openBallot gives for each envelope, in order, by worker threads alone or helping this one', async () => {
    await bundleOpenWorker()
    expect(serial.filter((b) => b === null).length).toBe(24)
    const key = { privateKey: election.key.privateKey.slice(), publicKey: election.key.publicKey }
    const stats = { byHelpers: 0 }
    expect(await openBallots(key, envelopes, { helpers: 2, thisThread: false, stats })).toEqual(serial)
    expect(stats.byHelpers).toBe(envelopes.length)
    expect(await openBallots(key, envelopes, { helpers: 1 })).toEqual(serial)
    // The caller's key is left as it was: each helper zeroes only its own copy.
    expect(key.privateKey).toEqual(election.key.privateKey)
  })

  it('gives the same on this thread alone', async () => {
    expect(await openBallots(election.key, envelopes, { helpers: 0 })).toEqual(serial)
  })
})
