import type { Db } from '../db/database.js'
import type { PokeBus } from '../sync/pokes.js'
import type { SyncRegistry } from '../sync/registry.js'
import type { SignInLimits } from './rate-limit.js'

/** What the accounts routes need from the server that hosts them. */
export interface AccountsContext {
  db: Db
  registry: SyncRegistry
  pokes: PokeBus
  limits: SignInLimits
  /** The clock, so expiry and retention can be tested without waiting. */
  now: () => Date
  /** Days an ended or expired session is kept before the retention job removes it (default 30). */
  endedSessionDays?: number
}
