import type { RouteParamsGeneric, RouteRecordRaw } from 'vue-router'
import type { RecordReader } from './sync/record-reader'
import type { PrimedAnswer } from './sync/use-live-query'
import { startPageAnswer } from './meetings/start-page'
import { loadStartPageSections } from './meetings/start-page-sections'

declare module 'vue-router' {
  interface RouteMeta {
    /** Locale key of the page's h1, also used for the document title. */
    titleKey: string
    /** The page's data, read before the app mounts it when it is the first page (see withPrimedAnswer). */
    firstAnswer?: (params: RouteParamsGeneric, records: RecordReader) => Promise<PrimedAnswer>
  }
}

/**
 * The routes a first visit needs: the start page and a meeting's page (what relatives open from
 * a link), with the other addresses the meeting page's pattern would take (/moeder/ny, …) and
 * the screens these link to by name. Every other screen is in routes.ts, loaded after the first
 * paint (router.ts); a first screen links to those by address.
 */
export const firstRoutes: RouteRecordRaw[] = [
  { path: '/', redirect: '/moeder' },
  {
    path: '/moeder',
    name: 'meetings',
    component: () => import('./meetings/MeetingsPage.vue'),
    // Imported, not loaded: the start page's own code is in the first download anyway (its
    // component imports both), and a dynamic import of it only wrapped it in a module object.
    beforeEnter: () => loadStartPageSections(),
    meta: { titleKey: 'meetings.title', firstAnswer: (_params, records) => startPageAnswer(records) },
  },
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
    path: '/moeder/:id/rediger',
    name: 'meeting-edit',
    component: () => import('./meetings/MeetingEditPage.vue'),
    meta: { titleKey: 'meetingEdit.title' },
  },
  {
    path: '/moeder/:meetingId/punkter/:itemId',
    name: 'agenda-item-edit',
    component: () => import('./meetings/AgendaItemEditPage.vue'),
    meta: { titleKey: 'itemEdit.title' },
  },
]
