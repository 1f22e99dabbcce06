import type { AccountsContext } from '../accounts/context.js'

/** What the election routes need: the accounts context and the installation's election secret. */
export interface ElectionsContext extends AccountsContext {
  electionSecret: Uint8Array
}
