import { FIRST_PULL_ELEMENT_ID, type FirstPull } from '../../shared/sync/first-pull'
import { hasPulled, storePulled } from '../sync/store-pulled'
import { isSignedIn, type SyncService } from '../sync/sync-service'

/**
 * The start page and a public meeting page opened from the network by someone not signed in come
 * with their first pull in the HTML (src/server/http/first-pull.ts): the same changes the
 * device's own first pull would fetch (the list of councils; for a meeting, also its council).
 * Stored before the app's first render, so the page shows without waiting for the council lookup
 * and the pull. Only on a device that has pulled none of those scopes yet
 * (anything it holds would be newer, or its own), and never with someone signed in (their view
 * differs). The page itself keeps the council in sync while it is open (MeetingPage.vue).
 */
export async function applyFirstPull({ db }: Pick<SyncService, 'db'>, element = document.getElementById(FIRST_PULL_ELEMENT_ID)): Promise<boolean> {
  if (!element) return false
  element.remove()
  if (isSignedIn()) return false
  let first: FirstPull
  try {
    first = JSON.parse(element.textContent ?? '') as FirstPull
  } catch {
    return false
  }
  if (!Array.isArray(first?.scopes) || first.scopes.length === 0 || !Array.isArray(first.pull?.changes) || typeof first.pull.cursor !== 'string') return false
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
