import { CastBallot } from '../../shared/elections/entities'
import type { Envelope } from '../../shared/elections/envelope'
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
    // The hashing (@noble, about 50 KiB) loads only on that screen, not with every start page.
    async title(data) {
      const envelope = data.envelope as Envelope | undefined
      if (!envelope) return ''
      const { ballotReceipt } = await import('./ballot-receipt')
      return ballotReceipt(envelope)
    },
  })
}
