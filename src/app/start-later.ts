import type { Pinia } from 'pinia'
import type { Router } from 'vue-router'
import { startAccounts } from './accounts/identity'
import { keepPictogramsOnDevice } from './meetings/pictogram-cache'
import { laterRoutes } from './router'
import { startRunner } from './sync/sync-runner'
import type { SyncService } from './sync/sync-service'
import { preloadIcons } from './ui/icons'

// Banners that show nothing until something happens (a sign-out to report, a relative acting for
// a resident, a new version): App.vue draws them once this module is there.
export { default as ActingForBanner } from './accounts/ActingForBanner.vue'
export { default as SessionNotice } from './accounts/SessionNotice.vue'
export { default as UpdatePrompt } from './pwa/UpdatePrompt.vue'

/**
 * The part of the app's start that waits for the first paint (start-app.ts loads this module
 * then): what talks to the server (sync, the question "who is this device?", the service worker)
 * and work beside it. Its code is not in the first download, and the first pull and its
 * IndexedDB writes do not compete with the first render.
 */
export function startLater(sync: SyncService, pinia: Pinia, router: Router): void {
  // Every screen's route, so a link by name works and the next page opens without waiting for them.
  laterRoutes(router).catch((error: unknown) => console.error('the routes could not be loaded', error))
  // Here before a person can act, also if the connection goes now (the service worker keeps it
  // later); if it cannot be fetched now, the first write fetches it.
  sync.writer.load().catch(() => undefined)
  const { scheduler } = startRunner(sync, pinia)
  // Before sync: a first sync that finds the session ended must have someone to tell.
  startAccounts()
  scheduler.start()
  keepPictogramsOnDevice(sync.db)
  preloadIcons()
}
