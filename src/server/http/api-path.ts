import type { FastifyRequest } from 'fastify'

/**
 * Whether a request is for the API, judged by the route it matched rather than the raw URL: the
 * router decodes the path, so "/%61pi/me" reaches "/api/me" and must get the same guards.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url
  if (route) return route.startsWith('/api/')
  let path = request.url
  try {
    path = decodeURIComponent(request.url)
  } catch {
    // A malformed escape cannot match a route; judge the raw text.
  }
  return path.startsWith('/api/')
}
