import { registerAccountScopes } from './accounts/sync-registration'
import { registerCouncilScopes } from './councils/follows'
import { registerElectionWork } from './elections/sync-registration'
import { registerEntityViewsLater } from './sync/entity-views'

/**
 * Each feature tells the sync engine what it follows and how its records are named on the
 * refused-changes screen; the engine knows features only through this. What sync needs from the
 * first pull on (scopes, unowned work) is registered at once; the names of records, with the
 * entity definitions they import, load in their own chunk when a screen first asks for them.
 */
export function registerFeatures(): void {
  registerAccountScopes()
  registerCouncilScopes()
  registerElectionWork()
  registerEntityViewsLater(() => import('./feature-views').then(({ registerFeatureViews }) => registerFeatureViews()))
}
