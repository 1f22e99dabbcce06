import type { FastifyInstance, RouteOptions } from 'fastify'

export class MissingRouteSchemaError extends Error {}

/**
 * Every /api route states, as TypeBox schemas, what it accepts and what it answers: that is
 * what validates input, filters output and generates the OpenAPI document. A route that
 * forgets one fails at start-up instead of silently accepting anything.
 */
export function requiredSchemaParts(route: Pick<RouteOptions, 'method' | 'url'>): string[] {
  const methods = ([] as string[]).concat(route.method)
  const parts = ['response']
  if (methods.some((m) => m === 'GET' || m === 'HEAD' || m === 'DELETE')) parts.push('querystring')
  if (methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH')) parts.push('body')
  if (route.url.includes(':')) parts.push('params')
  return parts
}

export function enforceRouteSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return
    // Fastify adds a HEAD twin of every GET route, carrying the same schema.
    const schema = (route.schema ?? {}) as Record<string, unknown>
    const missing = requiredSchemaParts(route).filter((part) => schema[part] === undefined)
    if (missing.length > 0) {
      throw new MissingRouteSchemaError(
        `${String(route.method)} ${route.url} must declare TypeBox schemas for: ${missing.join(', ')}.`,
      )
    }
  })
}
