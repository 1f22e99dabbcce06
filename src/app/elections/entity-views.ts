import { CAST_BALLOT } from '../../shared/elections/command-names'
import type { Envelope } from '../../shared/elections/envelope'
import { registerEntityView } from '../sync/entity-views'

/** A ballot the ballot box refused is named on the refused-changes screen by its receipt only. */
export function registerElectionViews(): void {
  registerEntityView(CAST_BALLOT, {
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
