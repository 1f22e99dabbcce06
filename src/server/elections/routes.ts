import type { FastifyInstance } from 'fastify'
import { registerElectionAdminRoutes } from './admin-routes.js'
import { registerApplyRoute } from './apply-route.js'
import { registerCandidateRoutes } from './candidate-routes.js'
import { registerCardRoutes } from './card-routes.js'
import type { ElectionsContext } from './context.js'
import { registerLifecycleRoutes } from './lifecycle-routes.js'
import { registerPublicElectionRoutes } from './public-routes.js'
import { registerRollRoutes } from './roll-routes.js'
import { registerElectionSummaryRoutes } from './summary-routes.js'

/** Every election route: the public protocol routes, "Stil op", and the staff's steps. */
export function registerElectionRoutes(app: FastifyInstance, ctx: ElectionsContext): void {
  registerPublicElectionRoutes(app, ctx)
  registerElectionSummaryRoutes(app, ctx)
  registerCandidateRoutes(app, ctx)
  registerElectionAdminRoutes(app, ctx)
  registerCardRoutes(app, ctx)
  registerRollRoutes(app, ctx)
  registerLifecycleRoutes(app, ctx)
  registerApplyRoute(app, ctx)
}
