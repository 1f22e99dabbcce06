import { sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorResponse, HealthResponse } from '../../shared/system/health.js'
import type { Database } from '../db/database.js'
import { sendError } from '../http/errors.js'

export function registerHealthRoutes(app: FastifyInstance, database: Database): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Whether the server and its database answer',
        tags: ['system'],
        querystring: Type.Object({}),
        response: { 200: HealthResponse, 503: ErrorResponse },
      },
    },
    async (_request, reply) => {
      try {
        await database.db.execute(sql`select 1`)
      } catch (error) {
        app.log.error({ err: error }, 'health check: database does not answer')
        return sendError(reply, 503, 'db_unavailable', 'The database does not answer. Try again shortly.')
      }
      const body: HealthResponse = { status: 'ok', db: database.kind }
      return body
    },
  )
}
