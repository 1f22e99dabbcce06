import { ref, shallowRef } from 'vue'
import { toBase64url } from '../../../shared/elections/bytes'
import { deriveCardKey, parseCardCode, type CardCodeProblem, type CardKey } from '../../../shared/elections/card'
import { CastBallot, ElectionManifestRecord, type ElectionManifestData } from '../../../shared/elections/entities'
import { envelopeHash, receiptCode, sealBallot } from '../../../shared/elections/envelope'
import { manifestHash, type PublishedManifest } from '../../../shared/elections/manifest'
import type { CardCheck } from '../../../shared/elections/model'
import { noblePrimitives as p } from '../../../shared/elections/noble-primitives'
import { ApiError } from '../../api'
import { useSync } from '../../sync/sync-service'
import { electionsApi } from '../elections-api'

export type BallotStep = 'card' | 'choose' | 'review' | 'done'

/** Why a card cannot vote now, each with its own message in the locales (elections.ballot.problems). */
export type CardProblem = CardCodeProblem | 'empty' | 'unknown' | 'used' | 'revoked' | 'not-open' | 'closed' | 'offline' | 'failed'
export type CastProblem = 'failed' | 'storage'

/**
 * One voter's way through the ballot. The card key and the choices live only in this closure
 * and in component memory: nothing of them is written to any storage, and reset() overwrites
 * the key. What is stored is the sealed envelope, in the outbox, as a command: it waits there
 * without a connection and is sent once; the receipt is worked out here from the envelope.
 */
export function useBallot(electionId: string) {
  const { db, writer } = useSync()
  const step = ref<BallotStep>('card')
  const manifest = shallowRef<PublishedManifest | null>(null)
  const check = shallowRef<CardCheck | null>(null)
  const choices = ref<string[]>([])
  const blank = ref(false)
  const receipt = ref('')
  /** The outbox entry of the cast ballot, to say whether it has been sent. */
  const sentAs = ref('')
  let card: CardKey | null = null

  function forgetCard(): void {
    card?.seed.fill(0)
    card = null
  }

  function reset(): void {
    forgetCard()
    step.value = 'card'
    manifest.value = null
    check.value = null
    choices.value = []
    blank.value = false
    receipt.value = ''
    sentAs.value = ''
  }

  /** The manifest this device keeps for a followed council, if it is intact; else none. */
  async function keptManifest(): Promise<PublishedManifest | null> {
    const record = await db.records.get([ElectionManifestRecord.name, electionId]).catch(() => undefined)
    const data = record?.data as ElectionManifestData | undefined
    if (!data || manifestHash(p, data.manifest) !== data.manifestHash) return null
    return { manifest: data.manifest, manifestHash: data.manifestHash }
  }

  /** Without a connection, the kept manifest answers "Kan jeg stemme?" as far as it can. */
  function checkOffline(kept: PublishedManifest, key: string): CardProblem | null {
    const now = Date.now()
    if (now < Date.parse(kept.manifest.opensAt)) return 'not-open'
    if (now >= Date.parse(kept.manifest.closesAt)) return 'closed'
    check.value = { card: 'ready', status: 'open', opensAt: kept.manifest.opensAt, closesAt: kept.manifest.closesAt }
    // A card handed out after opening is not in the kept manifest: only the server can tell.
    return kept.manifest.cards.includes(key) ? null : 'offline'
  }

  /** Reads a typed or scanned code, checks the card, and opens the ballot. */
  async function useCard(code: string): Promise<CardProblem | null> {
    if (!code.trim()) return 'empty'
    const parsed = parseCardCode(code)
    if ('problem' in parsed) return parsed.problem
    forgetCard()
    card = deriveCardKey(p, parsed.secret, electionId)
    parsed.secret.fill(0)
    const key = toBase64url(card.publicKey)
    try {
      const kept = await keptManifest()
      try {
        check.value = await electionsApi.cardCheck(electionId, key)
      } catch (error) {
        if (!(error instanceof ApiError && error.offline) || !kept) throw error
        const problem = checkOffline(kept, key)
        if (problem) return problem
        manifest.value = kept
        step.value = 'choose'
        return null
      }
      const state = check.value.card
      if (state !== 'ready') return state
      const now = Date.now()
      if (check.value.status === 'draft' || now < Date.parse(check.value.opensAt)) return 'not-open'
      if (check.value.status !== 'open' || now >= Date.parse(check.value.closesAt)) return 'closed'
      manifest.value = kept ?? (await electionsApi.manifest(electionId))
      step.value = 'choose'
      return null
    } catch (error) {
      return error instanceof ApiError && error.offline ? 'offline' : 'failed'
    } finally {
      if (step.value === 'card') forgetCard()
    }
  }

  /**
   * Seals and signs once, forgets the card and the choices, and puts the envelope in the outbox
   * in one write: from here it is sent as soon as there is a connection, also after a reload.
   */
  async function cast(): Promise<CastProblem | null> {
    if (!card || !manifest.value) return 'failed'
    const envelope = sealBallot(p, manifest.value.manifest, manifest.value.manifestHash, card, blank.value ? [] : choices.value)
    try {
      sentAs.value = await writer.send(CastBallot, { electionId, envelope })
    } catch {
      return 'storage'
    }
    forgetCard()
    choices.value = []
    blank.value = false
    receipt.value = receiptCode(envelopeHash(p, envelope))
    step.value = 'done'
    return null
  }

  return { step, manifest, check, choices, blank, receipt, sentAs, useCard, cast, reset }
}
