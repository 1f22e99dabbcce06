import { registerAccountScopes } from './accounts/sync-registration'
import { registerCouncilScopes } from './councils/follows'
import { registerMeetingViews } from './meetings/entity-views'
import { registerElectionViews } from './elections/sync-registration'
import { keepPictogramsOnDevice } from './meetings/pictogram-cache'
import type { SyncService } from './sync/sync-service'
import { registerLiveViews } from './live/sync-registration'
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
  registerLiveViews()
  registerWorkshopViews()
}

/** Feature work that runs beside sync for as long as the app is open. */
export function startFeatures({ db }: SyncService): void {
  keepPictogramsOnDevice(db)
}
