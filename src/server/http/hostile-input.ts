import type { FastifyInstance } from 'fastify'
import { findHostileValue } from '../../shared/system/hostile-json.js'
import { sendError } from './errors.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'per-item': the route checks its body's items itself with findHostileValue, so that one
     * hostile item is refused on its own (the sync push); query and params are still checked.
     */
    hostileBody?: 'per-item'
  }
}

/**
 * The one server-wide rule for hostile input (src/shared/system/hostile-json.ts), run on every
 * route's parsed body, query and path parameters before validation and before any handler: a
 * NUL character, a number that is not finite or nesting deeper than 32 levels is answered with
 * a 400 the sender can act on, never by a failure in the database.
 */
export function refuseHostileInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const parts: [string, unknown][] = [
      ['query', request.query],
      ['path', request.params],
    ]
    if (request.routeOptions.config.hostileBody !== 'per-item') parts.push(['body', request.body])
    for (const [where, value] of parts) {
      const problem = findHostileValue(value)
      if (problem) {
        return sendError(reply, 400, 'hostile_input', `The request cannot be accepted: in the ${where}, ${problem}. Remove it and send it again.`)
      }
    }
  })
}
