import { isApiRequest } from './api-path.js'
import type { FastifyInstance } from 'fastify'
import { sendError } from './errors.js'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Cross-site request forgery guard on top of SameSite=Strict: a request that changes something
 * must say it comes from this origin. Browsers always send Origin on such requests; a request
 * without it, or from elsewhere, is refused before it reaches a handler.
 */
export function requireSameOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE.has(request.method) || !isApiRequest(request)) return
    const origin = request.headers.origin
    let sameOrigin: boolean
    if (typeof origin === 'string') {
      // The full origin, scheme and port included, must be this app's (PUBLIC_ORIGIN).
      const expected = app.publicOrigin(request)
      try {
        sameOrigin = expected !== null && new URL(origin).origin === expected
      } catch {
        sameOrigin = false
      }
    } else {
      sameOrigin = request.headers['sec-fetch-site'] === 'same-origin'
    }
    if (!sameOrigin) {
      return sendError(
        reply,
        403,
        'cross_origin',
        'This request did not come from the Brugerstemme app itself, so it was refused. Open the app and try again there.',
      )
    }
  })
}
