import type { NavigationGuardReturn, RouteLocationNormalized } from 'vue-router'
import { askServer } from '../accounts/identity'
import { useSessionStore } from '../accounts/session-store'

/**
 * Who may open an admin screen. The server checks every request again; this only sends people
 * to a page that explains, instead of a screen full of refusals.
 */
export async function adminGuard(to: RouteLocationNormalized): Promise<NavigationGuardReturn> {
  const session = useSessionStore()
  // The cached session may be older than a sign-in made elsewhere; ask when there is a connection.
  if (!session.isStaff && navigator.onLine) await askServer().catch(() => undefined)
  const person = session.person
  if (!person) return { path: '/log-ind', query: { next: to.fullPath } }
  if (!person.staffRole) return { name: 'admin-staff-only' }
  if (to.meta.adminOnly && person.staffRole !== 'admin') return { name: 'admin-no-access', query: { grund: 'admin' } }
  const councilId = to.params.councilId
  if (typeof councilId === 'string' && !person.staffCouncilIds.includes(councilId)) {
    return { name: 'admin-no-access', query: { grund: 'raad' } }
  }
  return true
}
