import type { FastifyInstance } from 'fastify'
import { registerPrivacyRoutes } from '../privacy/routes.js'
import { registerAdminAuditRoutes } from './admin-audit.js'
import { registerAdminCardRoutes } from './admin-cards.js'
import { registerAdminCouncilRoutes } from './admin-councils.js'
import { registerAdminMembershipRoutes } from './admin-memberships.js'
import { registerAdminPeopleRoutes } from './admin-people.js'
import { registerAdminRelativeRoutes } from './admin-relatives.js'
import { registerAdminStaffRoutes } from './admin-staff.js'
import type { AccountsContext } from './context.js'

/** The admin pages' API (notes/admin-api.md) and the person's own privacy routes. */
export function registerAdminRoutes(app: FastifyInstance, ctx: AccountsContext): void {
  registerAdminCouncilRoutes(app, ctx)
  registerAdminPeopleRoutes(app, ctx)
  registerAdminMembershipRoutes(app, ctx)
  registerAdminCardRoutes(app, ctx)
  registerAdminRelativeRoutes(app, ctx)
  registerAdminStaffRoutes(app, ctx)
  registerAdminAuditRoutes(app, ctx)
  registerPrivacyRoutes(app, ctx)
}
