import { registerAccountScopes } from './accounts/sync-registration'
import { registerCouncilScopes } from './councils/follows'
import { registerMeetingViews } from './meetings/entity-views'
import { registerElectionViews } from './elections/sync-registration'
import { registerWorkshopViews } from './workshops/sync-registration'

/**
 * Each feature tells the sync engine what it follows and how its records are named on the
 * refused-changes screen; the engine knows features only through this.
 */
export function registerFeatures(): void {
  registerAccountScopes()
  registerCouncilScopes()
  registerMeetingViews()
  registerElectionViews()
  registerWorkshopViews()
}
