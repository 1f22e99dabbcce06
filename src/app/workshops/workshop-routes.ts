import type { RouteRecordRaw } from 'vue-router'

/** Co-creation and consultations: joining by link, input, Mine bidrag, the facilitator's screens (a process, its sessions and their questions) and the report. */
export const workshopRoutes: RouteRecordRaw[] = [
  { path: '/workshops/mine', name: 'workshop-mine', component: () => import('./MinePage.vue'), meta: { titleKey: 'workshops.mine.title' } },
  { path: '/workshops/ny', name: 'workshop-new', component: () => import('./NewProcessPage.vue'), meta: { titleKey: 'workshops.create.title' } },
  { path: '/workshops/deltag/:code', name: 'workshop-join', component: () => import('./JoinPage.vue'), props: true, meta: { titleKey: 'workshops.join.title' } },
  { path: '/workshops/:id', name: 'workshop', component: () => import('./ProcessPage.vue'), props: true, meta: { titleKey: 'workshops.process' } },
  { path: '/workshops/:id/input/:sessionId?', name: 'workshop-input', component: () => import('./InputPage.vue'), props: true, meta: { titleKey: 'workshops.input.heading' } },
  { path: '/workshops/:id/styr', name: 'workshop-facilitate', component: () => import('./FacilitatePage.vue'), props: true, meta: { titleKey: 'workshops.facilitate.title' } },
  { path: '/workshops/:id/styr/moede/:sessionId?', name: 'workshop-session', component: () => import('./SessionPage.vue'), props: true, meta: { titleKey: 'workshops.sessionEdit.newTitle' } },
  { path: '/workshops/:id/rapport', name: 'workshop-report', component: () => import('./ReportPage.vue'), props: true, meta: { titleKey: 'workshops.report.title' } },
]
