import type { RouteRecordRaw } from 'vue-router'
import './ui/styles/forms.css'
import { workshopRoutes } from './workshops/workshop-routes'
import { adminRoutes } from './admin/admin-routes'
import { electionRoutes } from './elections/election-routes'

/**
 * Every screen of the app but the first routes (first-routes.ts), loaded after the first paint or
 * when one of them is opened first (router.ts). A new screen needs a route here, its locale keys
 * in both locales/*.json, and an entry in tests/e2e/routes.ts so the accessibility suite visits it.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/moeder/:id/udskriv',
    name: 'meeting-print',
    component: () => import('./meetings/MeetingPrintPage.vue'),
    meta: { titleKey: 'meeting.printTitle' },
  },
  {
    path: '/moeder/:id/live',
    name: 'meeting-live',
    component: () => import('./live/LiveFollowPage.vue'),
    meta: { titleKey: 'live.followTitle' },
  },
  {
    path: '/moeder/:id/styr',
    name: 'meeting-chair',
    component: () => import('./live/LiveChairPage.vue'),
    meta: { titleKey: 'live.chair.title' },
  },
  {
    path: '/raad',
    name: 'councils',
    component: () => import('./councils/CouncilsPage.vue'),
    meta: { titleKey: 'councils.title' },
  },
  {
    path: '/raad/:id',
    name: 'council',
    component: () => import('./councils/CouncilPage.vue'),
    props: true,
    meta: { titleKey: 'councils.councilTitle' },
  },
  ...adminRoutes,
  {
    path: '/mig/afviste',
    name: 'refused-changes',
    component: () => import('./sync/RefusedChangesPage.vue'),
    meta: { titleKey: 'refused.title' },
  },
  {
    path: '/valg',
    name: 'elections',
    component: () => import('./elections/ElectionsPage.vue'),
    meta: { titleKey: 'elections.title' },
  },
  ...electionRoutes,
  {
    path: '/workshops',
    name: 'workshops',
    component: () => import('./workshops/WorkshopsPage.vue'),
    meta: { titleKey: 'workshops.title' },
  },
  ...workshopRoutes,
  {
    path: '/mig',
    name: 'me',
    component: () => import('./accounts/MePage.vue'),
    meta: { titleKey: 'me.title' },
  },
  {
    path: '/log-ind',
    name: 'sign-in',
    component: () => import('./accounts/SignInPage.vue'),
    meta: { titleKey: 'signIn.title' },
  },
  {
    path: '/k',
    name: 'key-link',
    component: () => import('./accounts/KeyLinkPage.vue'),
    meta: { titleKey: 'keyLink.title' },
  },
  {
    path: '/kiosk',
    name: 'kiosk',
    component: () => import('./kiosk/KioskPage.vue'),
    meta: { titleKey: 'kiosk.title' },
  },
  {
    path: '/kiosk/start',
    name: 'kiosk-start',
    component: () => import('./kiosk/KioskStartPage.vue'),
    meta: { titleKey: 'kiosk.start.title' },
  },
  {
    path: '/indstillinger',
    name: 'settings',
    component: () => import('./settings/SettingsPage.vue'),
    meta: { titleKey: 'settings.title' },
  },
  {
    path: '/hjaelp',
    name: 'help',
    component: () => import('./help/HelpPage.vue'),
    meta: { titleKey: 'help.title' },
  },
  {
    path: '/tilgaengelighed',
    name: 'accessibility',
    component: () => import('./help/AccessibilityStatementPage.vue'),
    meta: { titleKey: 'a11y.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./help/NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
]
