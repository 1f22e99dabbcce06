import { createRouter, type Router, type RouterHistory } from 'vue-router'
import { useSessionStore } from './accounts/session-store'
import { firstRoutes } from './first-routes'
import { messagesFor } from './i18n'
import { reportAppError } from './ui/app-errors'

/** Stands for every route of routes.ts until they are there: opening one loads them, then goes on. */
const LOADING_ROUTES = 'loading-routes'

/**
 * The app's router: with the browser's history in the app (main.ts), with a history in memory
 * per page when the server renders a public page (ssr/render-page.ts), so two pages rendered at
 * once never share one router's state. It starts with the first routes (first-routes.ts); the
 * others (routes.ts, most of the app's screens) come after the first paint (start-later.ts calls
 * laterRoutes), or at once when the first page is one of them.
 */
export function createAppRouter(history: RouterHistory): Router {
  const router = createRouter({
    history,
    routes: [
      ...firstRoutes,
      {
        path: '/:pathMatch(.*)*',
        name: LOADING_ROUTES,
        component: { render: () => null },
        meta: { titleKey: 'app.name' },
        beforeEnter: async (to) => {
          try {
            await laterRoutes(router)
          } catch (error) {
            // Offline before the service worker had them: the page says something went wrong.
            reportAppError(error)
            return true
          }
          return to.fullPath
        },
      },
    ],
    scrollBehavior: (_to, _from, savedPosition) => savedPosition ?? { top: 0 },
  })
  // A kiosk tablet shows its one screen and nothing else, also after a reload (the session is
  // cached); only staff signing in on it can change that. Kiosk start is for staff.
  router.beforeEach((to) => {
    if (to.name === LOADING_ROUTES) return true
    const session = useSessionStore()
    // A shared screen may also open its council's meeting pages (read-only: residents read the agenda).
    if (session.kiosk) {
      const allowed = to.name === 'kiosk' || (session.kiosk.mode === 'shared-screen' && (to.name === 'meeting' || to.name === 'meeting-print'))
      return allowed ? true : { path: '/kiosk', replace: true }
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

const added = new WeakMap<Router, Promise<void>>()

/** Adds the routes of routes.ts to `router`, once; a failed load is tried again next time. */
export function laterRoutes(router: Router): Promise<void> {
  let adding = added.get(router)
  if (!adding) {
    adding = import('./routes').then(
      ({ routes }) => {
        router.removeRoute(LOADING_ROUTES)
        for (const route of routes) router.addRoute(route)
      },
      (error: unknown) => {
        added.delete(router)
        throw error
      },
    )
    added.set(router, adding)
  }
  return adding
}
