import { createRouter, type Router, type RouterHistory } from 'vue-router'
import { useSessionStore } from './accounts/session-store'
import { messagesFor } from './i18n'
import { routes } from './routes'

/**
 * The app's router: with the browser's history in the app (main.ts), with a history in memory
 * per page when the server renders a public page (ssr/render-page.ts), so two pages rendered at
 * once never share one router's state.
 */
export function createAppRouter(history: RouterHistory): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, savedPosition) => savedPosition ?? { top: 0 },
  })
  // A kiosk tablet shows its one screen and nothing else, also after a reload (the session is
  // cached); only staff signing in on it can change that. Kiosk start is for staff.
  router.beforeEach((to) => {
    const session = useSessionStore()
    // A shared screen may also open its council's meeting pages (read-only: residents read the agenda).
    if (session.kiosk) {
      const allowed = to.name === 'kiosk' || (session.kiosk.mode === 'shared-screen' && (to.name === 'meeting' || to.name === 'meeting-print'))
      return allowed ? true : { name: 'kiosk', replace: true }
    }
    if (to.name === 'kiosk') return { path: '/mig', replace: true }
    if (to.name === 'kiosk-start' && !session.isStaff) return { path: '/log-ind', query: { vej: 'medarbejder', next: to.fullPath } }
    return true
  })

  // A page's title key is written only in the route table, so its Danish namespace may not have
  // come with the page's code: fetch it before the page shows (at once when it is there).
  router.beforeResolve(async (to) => {
    if (to.meta.titleKey) await messagesFor(to.meta.titleKey)
  })
  return router
}
