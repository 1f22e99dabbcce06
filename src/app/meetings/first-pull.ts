import { FIRST_PULL_ELEMENT_ID, FIRST_PULL_STORED_ATTRIBUTE } from '../../shared/sync/first-pull'
import { isSignedIn, type SyncService } from '../sync/sync-service'
import { readFirstPull, storeFirstPull } from './first-pull-data'

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
  // Stored already, off the main thread, while the page was being read (first-pull-aside.ts).
  if (element.hasAttribute(FIRST_PULL_STORED_ATTRIBUTE)) return true
  const first = readFirstPull(element.textContent)
  return first ? storeFirstPull(db, first) : false
}
