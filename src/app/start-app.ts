import { createPinia, type Pinia } from 'pinia'
import { createApp, createSSRApp } from 'vue'
import { createWebHistory, type Router } from 'vue-router'
import App from './App.vue'
import { APP_STARTED_COOKIE, SERVER_RENDERED_ATTRIBUTE } from '../shared/sync/first-pull'
import { followedCouncils } from './councils/follows'
import { i18n, localeReady } from './i18n'
import { listenToOtherTabs } from './accounts/other-tabs'
import { createAppRouter } from './router'
import { useSettingsStore } from './settings/settings-store'
import { registerFeatures } from './features'
import { laterShell } from './later-shell'
import { applyFirstPull } from './meetings/first-pull'
import { deviceRecords, type RecordReader } from './sync/record-reader'
import { startSync, type SyncService } from './sync/sync-service'
import { withPrimedAnswer, type PrimedAnswer } from './sync/use-live-query'
import { afterNextPaint } from './ui/after-next-paint'
import { appError, installErrorHandlers } from './ui/app-errors'
import { backoffDelay } from './sync/backoff'

/**
 * Starts the app: its stores, the device's database and sync, and the first render (or, on a page
 * the server rendered, taking that HTML over). main.ts loads this.
 */
export async function startApp(): Promise<void> {
  const root = document.getElementById('app')
  // A public page opened by someone not signed in may come rendered by the server
  // (src/server/http/render-page.ts): the app takes that HTML over (hydrates it) instead of
  // drawing the page again, when its own first render would be the same (see below).
  const rendered = root?.hasAttribute(SERVER_RENDERED_ATTRIBUTE) ?? false
  const app = rendered ? createSSRApp(App) : createApp(App)
  installErrorHandlers(app)
  const pinia = createPinia()
  const router = createAppRouter(createWebHistory())
  app.use(pinia).use(i18n).use(router)
  // Applies the person's text size, theme and language before the first paint.
  const settings = useSettingsStore(pinia)
  registerFeatures()
  listenToOtherTabs()
  const sync = startSync()
  // A public meeting page's HTML may carry its first pull: stored before the first render.
  const [, , firstPulled] = await Promise.all([router.isReady(), localeReady(), applyFirstPull(sync)])
  // The server rendered the page as a new device sees it: in Danish, signed out, following
  // nothing, with exactly the data of its first pull. A device that differs draws the page
  // itself (Vue mounts afresh into an emptied element), so no HTML of another state stays behind.
  if (rendered && root && !(firstPulled && settings.settings.locale === 'da' && followedCouncils.value.length === 0)) root.replaceChildren()
  root?.removeAttribute(SERVER_RENDERED_ATTRIBUTE)
  withPrimedAnswer(await firstAnswer(router, deviceRecords(sync.db)), () => app.mount('#app'))
  markStarted()
  // What the device holds shows first; sync, accounts (the cached session lets the app start
  // offline; the server has the last word when it answers) and the service worker start once
  // that frame is painted, from a chunk of their own (start-later.ts).
  afterNextPaint(() => startLater(sync, pinia, router))
}

/**
 * Loads and runs start-later.ts. If its chunk cannot be fetched, the page says so and tries again
 * when the connection returns, or after a while (a server that hiccuped: the device stayed online).
 */
function startLater(sync: SyncService, pinia: Pinia, router: Router, attempt = 0): void {
  import('./start-later').then(
    (later) => {
      later.startLater(sync, pinia, router)
      laterShell.value = later
      if (appError.value === 'incomplete') appError.value = null
    },
    (error: unknown) => {
      console.error('the rest of the app could not be loaded', error)
      appError.value = 'incomplete'
      const again = () => {
        clearTimeout(timer)
        window.removeEventListener('online', again)
        startLater(sync, pinia, router, attempt + 1)
      }
      // First within 4 s, then waits doubling up to 5 min (with jitter): an offline tablet rests.
      const timer = setTimeout(again, backoffDelay(attempt + 2))
      window.addEventListener('online', again)
    },
  )
}

/** Tells the server the app has run here (APP_STARTED_COOKIE): its pages come unrendered from now on. */
function markStarted(): void {
  const secure = location.protocol === 'https:' ? '; Secure' : ''
  document.cookie = `${APP_STARTED_COOKIE}=1; Max-Age=31536000; Path=/; SameSite=Lax${secure}`
}

/** The first page's data, read after its first pull is stored; without it the page reads its own. */
async function firstAnswer(router: Router, records: RecordReader): Promise<PrimedAnswer | null> {
  const { meta, params } = router.currentRoute.value
  try {
    return (await meta.firstAnswer?.(params, records)) ?? null
  } catch (error) {
    console.error('the page data could not be read before the first render', error)
    return null
  }
}
