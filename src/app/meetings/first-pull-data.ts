import type { FirstPull } from '../../shared/sync/first-pull'
import type { LocalDb } from '../sync/local-db'
import { hasPulled, storePulled } from '../sync/store-pulled'

/** The first pull a page's HTML carries (src/server/http/first-pull.ts), or null when it is not one. */
export function readFirstPull(text: string | null | undefined): FirstPull | null {
  let first: FirstPull
  try {
    first = JSON.parse(text ?? '') as FirstPull
  } catch {
    return null
  }
  if (!Array.isArray(first?.scopes) || first.scopes.length === 0 || !Array.isArray(first.pull?.changes) || typeof first.pull.cursor !== 'string') return null
  return first
}

/**
 * Stores a first pull on a device that has pulled none of its scopes yet (anything it holds would
 * be newer, or its own). True when stored. Runs in the app and in first-pull-worker.ts.
 */
export async function storeFirstPull(db: LocalDb, first: FirstPull): Promise<boolean> {
  for (const scope of first.scopes) if (await hasPulled(db, scope)) return false
  try {
    await storePulled(db, first.pull.changes, first.scopes, first.pull.cursor)
  } catch (error) {
    // The first sync fetches the same; a page that waits for it is slower, not wrong.
    console.error('the page data could not be stored', error)
    return false
  }
  return true
}
