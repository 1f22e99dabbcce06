import { createPinia } from 'pinia'
import { createSSRApp } from 'vue'
import { createMemoryHistory } from 'vue-router'
import { renderToString } from 'vue/server-renderer'
import type { RenderPage } from '../../shared/sync/first-pull'
import App from '../App.vue'
import { i18n } from '../i18n'
import { createAppRouter } from '../router'
import { pulledRecords } from '../sync/record-reader'
import { SERVER_ANSWER } from '../sync/use-live-query'
import { SERVER_ORIGIN } from '../ui/use-page-origin'

/**
 * Renders a public page (the start page, a published meeting) as a new device's first render
 * shows it, for the HTML the server sends (src/server/http/render-page.ts): the app then takes
 * this markup over (hydrates it, src/app/main.ts) instead of drawing it again, and a phone on a
 * slow connection shows the agenda as soon as the HTML arrives, before the app's code has.
 * The same components as in the browser, with what they read from IndexedDB answered from the
 * page's first pull (the same records the device stores before it hydrates), in Danish, signed
 * out, online, following nothing. Built by Vite for Node (`vite build --ssr`), not run by tests
 * of the app in the browser.
 */
export const renderPage: RenderPage = async (url, first, origin) => {
  const app = createSSRApp(App)
  const router = createAppRouter(createMemoryHistory())
  app.use(createPinia()).use(i18n).use(router)
  await router.push(url)
  await router.isReady()
  const { meta, params, fullPath } = router.currentRoute.value
  const answer = await meta.firstAnswer?.(params, pulledRecords(first.pull.changes))
  if (answer) app.provide(SERVER_ANSWER, answer)
  app.provide(SERVER_ORIGIN, origin)
  const html = await renderToString(app)
  const { t } = i18n.global
  return { html, title: meta.titleKey ? `${t(meta.titleKey)} – ${t('app.titleSuffix')}` : t('app.titleSuffix'), path: fullPath }
}
