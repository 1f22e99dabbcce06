import { registerAccountEntities } from '../accounts/policies.js'
import { registerElectionEntities } from '../elections/policies.js'
import { registerMeetingEntities } from '../meetings/policies.js'
import { registerLiveEntities } from '../live/policies.js'
import { registerWorkshopEntities } from '../workshops/policies.js'
import { registerConflictResolution } from './conflicts.js'
import { SyncRegistry } from './registry.js'

/**
 * Every feature registers its synced entities here, each with its policy, e.g.
 * `registry.register(AgendaItem, agendaItemPolicy)` from src/server/meetings/.
 */
export function createSyncRegistry(): SyncRegistry {
  const registry = new SyncRegistry()
  registerConflictResolution(registry)
  registerAccountEntities(registry)
  registerMeetingEntities(registry)
  registerElectionEntities(registry)
  registerLiveEntities(registry)
  registerWorkshopEntities(registry)
  return registry
}
