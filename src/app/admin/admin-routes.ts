import type { RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for administrators, not for secretaries. */
    adminOnly?: boolean
  }
}

// The guard (and the account code it asks) loads with the first admin screen, not with the app.
export const guarded = (route: RouteRecordRaw): RouteRecordRaw => ({ ...route, beforeEnter: (to) => import('./admin-guard').then(({ adminGuard }) => adminGuard(to)) }) as RouteRecordRaw

/** Staff administration (issue 4). Online only; the server checks every request again. */
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin/kun-medarbejdere',
    name: 'admin-staff-only',
    component: () => import('./StaffOnlyPage.vue'),
    meta: { titleKey: 'admin.staffOnly.title' },
  },
  {
    path: '/admin/ingen-adgang',
    name: 'admin-no-access',
    component: () => import('./NoAccessPage.vue'),
    meta: { titleKey: 'admin.noAccess.title' },
  },
  ...[
    { path: '/admin', component: () => import('./AdminHomePage.vue'), meta: { titleKey: 'admin.title' } },
    { path: '/admin/raad/nyt', component: () => import('./CouncilEditPage.vue'), meta: { titleKey: 'admin.councilEdit.newTitle', adminOnly: true } },
    { path: '/admin/raad/:councilId', component: () => import('./CouncilMembersPage.vue'), props: true, meta: { titleKey: 'admin.members.title' } },
    {
      path: '/admin/raad/:councilId/indstillinger',
      component: () => import('./CouncilEditPage.vue'),
      props: true,
      meta: { titleKey: 'admin.councilEdit.title' },
    },
    { path: '/admin/raad/:councilId/nyt-medlem', component: () => import('./MemberAddPage.vue'), props: true, meta: { titleKey: 'admin.memberAdd.title' } },
    {
      path: '/admin/raad/:councilId/medlem/:membershipId',
      component: () => import('./MembershipEditPage.vue'),
      props: true,
      meta: { titleKey: 'admin.membership.title' },
    },
    { path: '/admin/person/:personId', component: () => import('./PersonPage.vue'), props: true, meta: { titleKey: 'admin.person.title' } },
    { path: '/admin/medarbejdere', component: () => import('./StaffListPage.vue'), meta: { titleKey: 'admin.staff.title', adminOnly: true } },
    { path: '/admin/medarbejdere/ny', component: () => import('./StaffFormPage.vue'), meta: { titleKey: 'admin.staffForm.newTitle', adminOnly: true } },
    {
      path: '/admin/medarbejdere/:staffId',
      component: () => import('./StaffFormPage.vue'),
      props: true,
      meta: { titleKey: 'admin.staffForm.title', adminOnly: true },
    },
    { path: '/admin/log', component: () => import('./AuditLogPage.vue'), meta: { titleKey: 'admin.audit.title', adminOnly: true } },
    { path: '/admin/sletning', component: () => import('./ErasureRequestsPage.vue'), meta: { titleKey: 'admin.erasure.title', adminOnly: true } },
    { path: '/admin/tilgaengelighed', component: () => import('./StatementEditPage.vue'), meta: { titleKey: 'statementEdit.title', adminOnly: true } },
  ].map(guarded),
]
