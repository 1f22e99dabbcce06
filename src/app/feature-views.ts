import { registerElectionViews } from './elections/entity-views'
import { registerLiveViews } from './live/sync-registration'
import { registerMeetingViews } from './meetings/entity-views'
import { registerWorkshopViews } from './workshops/sync-registration'

/**
 * How each feature's records are named on the refused-changes screen. Loaded on demand (see
 * registerFeatures in features.ts): the entity definitions behind these names (the elections,
 * workshop and live models) are not part of what the start page downloads.
 */
export function registerFeatureViews(): void {
  registerMeetingViews()
  registerElectionViews()
  registerLiveViews()
  registerWorkshopViews()
}
