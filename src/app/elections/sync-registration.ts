import { CastBallot } from '../../shared/elections/entities'
import { envelopeHash, formatReceipt, receiptCode, type Envelope } from '../../shared/elections/envelope'
import { noblePrimitives } from '../../shared/elections/noble-primitives'
import { registerEntityView } from '../sync/entity-views'
import { registerUnownedWork } from '../sync/unowned-work'

/**
 * A ballot the ballot box refused is named on the refused-changes screen by its receipt only; a
 * ballot waiting to be sent is nobody's work, so it goes whoever signs in or out.
 */
export function registerElectionViews(): void {
  registerUnownedWork(CastBallot.name)
  registerEntityView(CastBallot.name, {
    labelKey: 'elections.ballot.refusedLabel',
    title: (data) => {
      const envelope = data.envelope as Envelope | undefined
      return envelope ? formatReceipt(receiptCode(envelopeHash(noblePrimitives, envelope))) : ''
    },
  })
}
