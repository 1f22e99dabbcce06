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
    let sameOrigin = false
    if (typeof origin === 'string' && origin !== 'null') {
      try {
        const from = new URL(origin)
        // Through the request's own scheme, so "host:80" and "host" compare equal.
        sameOrigin = from.host === new URL(`${from.protocol}//${request.host}`).host
      } catch {
        sameOrigin = false
      }
    } else if (origin === undefined) {
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
