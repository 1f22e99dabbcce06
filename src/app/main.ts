import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n, localeReady } from './i18n'
import { router } from './router'
import { startAccounts } from './accounts/identity'
import { useSettingsStore } from './settings/settings-store'
import { registerFeatures, startFeatures } from './features'
import { applyFirstPull } from './meetings/first-pull'
import { startSync } from './sync/sync-service'
import { withPrimedAnswer, type PrimedAnswer } from './sync/use-live-query'
import { installErrorHandlers } from './ui/app-errors'
import './ui/styles/base.css'

async function start() {
  const app = createApp(App)
  installErrorHandlers(app)
  const pinia = createPinia()
  app.use(pinia).use(i18n).use(router)
  // Applies the person's text size, theme and language before the first paint.
  useSettingsStore(pinia)
  registerFeatures()
  const sync = startSync(pinia)
  // The cached session lets the app start offline; the server has the last word when it answers
  // (a staff session ends with the browser, a card can be revoked). Started before sync, so a
  // first sync that finds the session ended already has someone to tell.
  startAccounts()
  // A public meeting page's HTML may carry its first pull: stored before the first render.
  await Promise.all([router.isReady(), localeReady(), applyFirstPull(sync)])
  withPrimedAnswer(await firstAnswer(), () => app.mount('#app'))
  // What the device holds shows first; the first pull (a network round trip, then IndexedDB
  // writes) and the pictogram bookkeeping start once that frame is painted.
  afterNextPaint(() => {
    sync.scheduler.start()
    startFeatures(sync)
  })
}

/** The first page's data, read after its first pull is stored; without it the page reads its own. */
async function firstAnswer(): Promise<PrimedAnswer | null> {
  const { meta, params } = router.currentRoute.value
  try {
    return (await meta.firstAnswer?.(params)) ?? null
  } catch (error) {
    console.error('the page data could not be read before the first render', error)
    return null
  }
}

/** After the browser has painted the next frame (a task queued from an animation frame runs after it). */
function afterNextPaint(run: () => void): void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    run()
  }
  requestAnimationFrame(() => setTimeout(once, 0))
  // A tab opened in the background paints nothing until it is shown; it syncs all the same.
  setTimeout(once, 1000)
}

void start()
