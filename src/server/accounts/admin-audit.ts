import { desc, eq, lt } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { AuditEntry } from '../../shared/accounts/model.js'
import { auditLog, people } from '../db/schema.js'
import { adminErrors } from './admin-common.js'
import type { AccountsContext } from './context.js'
import { requireAdmin } from './guards.js'
import { typed } from '../http/typed-app.js'

const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    /** The id of the last entry already shown: the next page starts below it. */
    // Bounded: a larger number would reach PostgreSQL as a bigint out of range.
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
)

/** An audit row as staff and the person it names see it. */
export function auditEntryView({ entry, actorName }: { entry: typeof auditLog.$inferSelect; actorName: string | null }): AuditEntry {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    // An erased person's name is blank; the id still ties their actions together.
    actorName: actorName || null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details,
  }
}

export function registerAdminAuditRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  app.get(
    '/api/admin/audit',
    { preHandler: requireAdmin, schema: { summary: 'The audit log, newest first', tags: ['admin'], querystring: AuditQuery, response: { 200: Type.Array(AuditEntry), ...adminErrors } } },
    async (request) => {
      const { limit = 100, before } = request.query
      const rows = await ctx.db
        .select({ entry: auditLog, actorName: people.name })
        .from(auditLog)
        .leftJoin(people, eq(people.id, auditLog.actorId))
        .where(before ? lt(auditLog.id, before) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(limit)
      return rows.map(auditEntryView)
    },
  )
}
