import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { useSessionStore } from './accounts/session-store'
import { useSettingsStore } from './settings/settings-store'
import { registerFeatures } from './features'
import { startSync } from './sync/sync-service'
import './ui/styles/base.css'

async function start() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia).use(i18n).use(router)
  // Applies the person's text size, theme and language before the first paint.
  useSettingsStore(pinia)
  // The cached session lets the app start offline; the server has the last word when it answers
  // (a staff session ends with the browser, a card can be revoked).
  void useSessionStore(pinia).refresh()
  registerFeatures()
  startSync(pinia)
  await router.isReady()
  app.mount('#app')
}

void start()
