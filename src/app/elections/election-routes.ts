import type { RouteRecordRaw } from 'vue-router'
import { guarded } from '../admin/admin-routes'

/** The election screens for everyone; the staff's live under /admin/valg behind the admin guard. */
export const electionRoutes: RouteRecordRaw[] = [
  { path: '/valg/:id', name: 'election', component: () => import('./ElectionPage.vue'), props: true, meta: { titleKey: 'elections.election.title' } },
  { path: '/valg/:id/stem', name: 'ballot', component: () => import('./ballot/BallotPage.vue'), props: true, meta: { titleKey: 'elections.ballot.title' } },
  { path: '/valg/:id/kandidater', name: 'candidates', component: () => import('./CandidateGalleryPage.vue'), props: true, meta: { titleKey: 'elections.gallery.title' } },
  { path: '/valg/:id/stil-op', name: 'stand', component: () => import('./StandPage.vue'), props: true, meta: { titleKey: 'elections.stand.title' } },
  { path: '/valg/:id/resultat', name: 'election-result', component: () => import('./ResultPage.vue'), props: true, meta: { titleKey: 'elections.result.title' } },
  ...[
    { path: '/admin/valg', component: () => import('./admin/AdminElectionsPage.vue'), meta: { titleKey: 'elections.admin.title' } },
    { path: '/admin/valg/nyt', component: () => import('./admin/ElectionFormPage.vue'), meta: { titleKey: 'elections.admin.form.newTitle' } },
    { path: '/admin/valg/:electionId', component: () => import('./admin/ElectionAdminPage.vue'), props: true, meta: { titleKey: 'elections.admin.election.title' } },
    { path: '/admin/valg/:electionId/indstillinger', component: () => import('./admin/ElectionFormPage.vue'), props: true, meta: { titleKey: 'elections.admin.form.title' } },
    { path: '/admin/valg/:electionId/valgkort', component: () => import('./admin/CardsPage.vue'), props: true, meta: { titleKey: 'elections.admin.cards.title' } },
    { path: '/admin/valg/:electionId/valgliste', component: () => import('./admin/RollPage.vue'), props: true, meta: { titleKey: 'elections.admin.roll.title' } },
    { path: '/admin/valg/:electionId/plakater', component: () => import('./admin/PostersPage.vue'), props: true, meta: { titleKey: 'elections.admin.posters.title' } },
  ].map((route) => guarded(route as RouteRecordRaw)),
]
