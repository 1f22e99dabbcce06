import { ref, shallowRef } from 'vue'
import { toBase64url } from '../../../shared/elections/bytes'
import { deriveCardKey, parseCardCode, type CardCodeProblem, type CardKey } from '../../../shared/elections/card'
import { envelopeHash, receiptCode, sealBallot, type Envelope } from '../../../shared/elections/envelope'
import type { PublishedManifest } from '../../../shared/elections/manifest'
import type { CardCheck } from '../../../shared/elections/model'
import { noblePrimitives as p } from '../../../shared/elections/noble-primitives'
import { ApiError } from '../../api'
import { electionsApi } from '../elections-api'

export type BallotStep = 'card' | 'choose' | 'review' | 'done'

/** Why a card cannot vote now, each with its own message in the locales (elections.ballot.problems). */
export type CardProblem = CardCodeProblem | 'empty' | 'unknown' | 'used' | 'revoked' | 'not-open' | 'closed' | 'offline' | 'failed'
export type CastProblem = 'used' | 'revoked' | 'closed' | 'offline' | 'failed' | 'receipt-mismatch'

const castProblems: Record<string, CastProblem> = { card_used: 'used', card_revoked: 'revoked', unknown_card: 'revoked', voting_closed: 'closed', voting_not_open: 'closed' }

/**
 * One voter's way through the ballot. The card key and the choices live only in this closure
 * and in component memory: nothing is written to any storage, and reset() overwrites the key.
 * The sealed envelope is kept until the server has answered, so a retry sends the very same
 * envelope and gets the very same receipt.
 */
export function useBallot(electionId: string) {
  const step = ref<BallotStep>('card')
  const manifest = shallowRef<PublishedManifest | null>(null)
  const check = shallowRef<CardCheck | null>(null)
  const choices = ref<string[]>([])
  const blank = ref(false)
  const receipt = ref('')
  /** Sealed and signed: from here the choice can no longer change, only be sent (again). */
  const sealed = ref(false)
  let card: CardKey | null = null
  let envelope: Envelope | null = null

  function forgetCard(): void {
    card?.seed.fill(0)
    card = null
  }

  function reset(): void {
    forgetCard()
    envelope = null
    step.value = 'card'
    manifest.value = null
    check.value = null
    choices.value = []
    blank.value = false
    receipt.value = ''
    sealed.value = false
  }

  /** Reads a typed or scanned code, checks the card with the server, and opens the ballot. */
  async function useCard(code: string): Promise<CardProblem | null> {
    if (!code.trim()) return 'empty'
    const parsed = parseCardCode(code)
    if ('problem' in parsed) return parsed.problem
    forgetCard()
    card = deriveCardKey(p, parsed.secret, electionId)
    parsed.secret.fill(0)
    try {
      check.value = await electionsApi.cardCheck(electionId, toBase64url(card.publicKey))
      const state = check.value.card
      if (state !== 'ready') return state
      const now = Date.now()
      if (check.value.status === 'draft' || now < Date.parse(check.value.opensAt)) return 'not-open'
      if (check.value.status !== 'open' || now >= Date.parse(check.value.closesAt)) return 'closed'
      manifest.value = await electionsApi.manifest(electionId)
      step.value = 'choose'
      return null
    } catch (error) {
      return error instanceof ApiError && error.offline ? 'offline' : 'failed'
    } finally {
      if (step.value === 'card') forgetCard()
    }
  }

  /** Seals and signs once, forgets the card and the choices, then sends the envelope. */
  async function cast(): Promise<CastProblem | null> {
    if (!envelope) {
      if (!card || !manifest.value) return 'failed'
      envelope = sealBallot(p, manifest.value.manifest, manifest.value.manifestHash, card, blank.value ? [] : choices.value)
      forgetCard()
      sealed.value = true
      receipt.value = receiptCode(envelopeHash(p, envelope))
    }
    try {
      const answer = await electionsApi.cast(electionId, envelope)
      envelope = null
      choices.value = []
      // The device worked out the receipt itself: a server that answers another has not kept this envelope.
      if (answer.receipt !== receipt.value) return 'receipt-mismatch'
      step.value = 'done'
      return null
    } catch (error) {
      // No answer, or the server failed: the same envelope goes again. A refusal is final.
      if (!(error instanceof ApiError) || error.offline) return 'offline'
      if (error.status >= 500) return 'failed'
      envelope = null
      choices.value = []
      return castProblems[error.code] ?? 'failed'
    }
  }

  return { step, manifest, check, choices, blank, receipt, sealed, useCard, cast, reset }
}
