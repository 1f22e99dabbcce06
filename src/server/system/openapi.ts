import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'

const OpenApiDocument = Type.Object(
  {
    openapi: Type.String(),
    info: Type.Object({ title: Type.String(), version: Type.String() }, { additionalProperties: true }),
    paths: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: true, title: 'OpenApiDocument' },
)

/** Registered before any route so that @fastify/swagger sees every route's schema. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Brugerstemme API',
        description: 'Sync and API server of Brugerstemme. Every route is generated from its TypeBox schema.',
        version,
      },
    },
  })
}

export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get(
    '/api/openapi.json',
    {
      schema: {
        summary: 'This OpenAPI document',
        tags: ['system'],
        querystring: Type.Object({}),
        response: { 200: OpenApiDocument },
      },
    },
    async () => app.swagger(),
  )
}
