import type { RouteParamsGeneric, RouteRecordRaw } from 'vue-router'
import type { RecordReader } from './sync/record-reader'
import type { PrimedAnswer } from './sync/use-live-query'
import { workshopRoutes } from './workshops/workshop-routes'
import { adminRoutes } from './admin/admin-routes'
import { electionRoutes } from './elections/election-routes'

declare module 'vue-router' {
  interface RouteMeta {
    /** Locale key of the page's h1, also used for the document title. */
    titleKey: string
    /** The page's data, read before the app mounts it when it is the first page (see withPrimedAnswer). */
    firstAnswer?: (params: RouteParamsGeneric, records: RecordReader) => Promise<PrimedAnswer>
  }
}

/**
 * Every screen of the app. A new screen needs a route here, its locale keys in both
 * locales/*.json, and an entry in tests/e2e/routes.ts so the accessibility suite visits it.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/moeder' },
  {
    path: '/moeder',
    name: 'meetings',
    component: () => import('./meetings/MeetingsPage.vue'),
    meta: { titleKey: 'meetings.title', firstAnswer: (_params, records) => import('./meetings/start-page').then(({ startPageAnswer }) => startPageAnswer(records)) },
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
    path: '/moeder/ny',
    name: 'meeting-new',
    component: () => import('./meetings/MeetingEditPage.vue'),
    meta: { titleKey: 'meetingEdit.newTitle' },
  },
  {
    path: '/moeder/importer',
    name: 'meeting-import',
    component: () => import('./meetings/import/ImportPage.vue'),
    meta: { titleKey: 'meetingImport.title' },
  },
  {
    path: '/moeder/naeste',
    name: 'next-meeting',
    component: () => import('./meetings/NextMeetingPage.vue'),
    meta: { titleKey: 'nextMeeting.title' },
  },
  {
    path: '/moeder/:id',
    name: 'meeting',
    component: () => import('./meetings/MeetingPage.vue'),
    // From the page's own chunk: a relative opening a meeting link sees the agenda in the first paint.
    meta: { titleKey: 'meeting.title', firstAnswer: (params, records) => import('./meetings/use-meetings').then(({ meetingViewAnswer }) => meetingViewAnswer(String(params.id), records)) },
  },
  {
    path: '/moeder/:id/udskriv',
    name: 'meeting-print',
    component: () => import('./meetings/MeetingPrintPage.vue'),
    meta: { titleKey: 'meeting.printTitle' },
  },
  {
    path: '/moeder/:id/rediger',
    name: 'meeting-edit',
    component: () => import('./meetings/MeetingEditPage.vue'),
    meta: { titleKey: 'meetingEdit.title' },
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
    path: '/moeder/:meetingId/punkter/:itemId',
    name: 'agenda-item-edit',
    component: () => import('./meetings/AgendaItemEditPage.vue'),
    meta: { titleKey: 'itemEdit.title' },
  },
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
