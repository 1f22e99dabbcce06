import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n, localeReady } from './i18n'
import { router } from './router'
import { startAccounts } from './accounts/identity'
import { useSettingsStore } from './settings/settings-store'
import { registerFeatures, startFeatures } from './features'
import { startSync } from './sync/sync-service'
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
  startFeatures(startSync(pinia))
  // The cached session lets the app start offline; the server has the last word when it answers
  // (a staff session ends with the browser, a card can be revoked). Started in the same tick as
  // sync, so a first sync that finds the session ended already has someone to tell.
  startAccounts()
  await Promise.all([router.isReady(), localeReady()])
  app.mount('#app')
}

void start()
