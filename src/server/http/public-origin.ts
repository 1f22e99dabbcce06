import type { FastifyInstance, FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The origin this app is served from (scheme, host and port), for the same-origin check and
     * for every link the server builds; null when the request cannot be trusted to name it.
     */
    publicOrigin(request: FastifyRequest): string | null
  }
}

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i

/**
 * PUBLIC_ORIGIN as an origin ("https://raad.kommune.dk"), or an error in words. A path, query or
 * fragment is refused rather than dropped, so a typo cannot silently change where links point.
 */
export function parsePublicOrigin(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`PUBLIC_ORIGIN must be an address such as https://brugerstemme.kommune.dk, got "${raw}".`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_ORIGIN must start with https:// (or http://), got "${raw}".`)
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
    throw new Error(`PUBLIC_ORIGIN is only the scheme, host and port, without a path, got "${raw}".`)
  }
  return url.origin
}

/** Whether HOST listens on this machine only, where PUBLIC_ORIGIN may be left out. */
export const isLoopbackHost = (host: string) => LOOPBACK.test(host) || host === '::1'

/**
 * With PUBLIC_ORIGIN set, that origin is the only one. Without it (development, tests, a server
 * listening on localhost only) the origin is http:// plus the Host header, and only when that
 * header names this machine: a Host header such as "evil.example" is never trusted to build a
 * link or to pass the same-origin check (DNS rebinding reaches a local server with it).
 */
export function registerPublicOrigin(app: FastifyInstance, configured: string | undefined): void {
  const fixed = configured ? parsePublicOrigin(configured) : null
  app.decorate('publicOrigin', (request: FastifyRequest) => {
    if (fixed) return fixed
    if (!LOOPBACK.test(request.host)) return null
    return new URL(`http://${request.host}`).origin
  })
}
