import { CAST_BALLOT } from '../../shared/elections/command-names'
import { registerUnownedWork } from '../sync/unowned-work'

/**
 * A ballot waiting to be sent is nobody's work, so it goes whoever signs in or out. Registered at
 * start (a sign-out may come before anything else loads); it names the ballot by its sync name
 * only, so the entry carries neither the elections model nor the ballot's screen texts (see
 * entity-views.ts beside this file for how a refused ballot is named).
 */
export function registerElectionWork(): void {
  registerUnownedWork(CAST_BALLOT)
}
