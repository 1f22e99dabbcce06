import { asc, eq, inArray } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { Council, CouncilInput, type CouncilKind } from '../../shared/accounts/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { councils } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { writeServerRecords } from '../sync/server-write.js'
import { isAdmin, isStaffFor } from './actor.js'
import { adminErrors, IdParams, inTransaction, NoQuery, notYourCouncil } from './admin-common.js'
import { audit } from './audit.js'
import type { AccountsContext } from './context.js'
import { personOf, requireAdmin, requireStaff } from './guards.js'
import { councilWrite } from './publish.js'
import { typed } from '../http/typed-app.js'

type CouncilRow = typeof councils.$inferSelect

const view = (c: CouncilRow): Council => ({
  id: c.id,
  name: c.name,
  kind: c.kind as CouncilKind,
  centre: c.centre,
  description: c.description,
  retentionMonths: c.retentionMonths,
})

export function registerAdminCouncilRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['admin']

  app.get(
    '/api/admin/councils',
    { preHandler: requireStaff, schema: { summary: 'The councils the caller administers', tags, querystring: NoQuery, response: { 200: Type.Array(Council), ...adminErrors } } },
    async (request) => {
      const staff = personOf(request)
      const ids = [...staff.staffCouncilIds]
      if (ids.length === 0) return []
      const rows = await db.select().from(councils).where(inArray(councils.id, ids)).orderBy(asc(councils.name))
      return rows.map(view)
    },
  )

  app.post(
    '/api/admin/councils',
    { preHandler: requireAdmin, schema: { summary: 'Create a council', tags, body: CouncilInput, response: { 200: Council, ...adminErrors } } },
    async (request) => {
      const admin = personOf(request)
      const input = request.body
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.insert(councils).values({ id: uuidv7(), ...input }).returning()
        await audit(tx, admin, 'council.create', { type: 'council', id: row!.id })
        return { result: view(row!), version: await writeServerRecords(tx, ctx.registry, [councilWrite(row!)]) }
      })
    },
  )

  app.put(
    '/api/admin/councils/:id',
    {
      preHandler: requireStaff,
      schema: { summary: "Change a council's name, kind, description or retention", tags, params: IdParams, body: CouncilInput, response: { 200: Council, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { id } = request.params
      const input = request.body
      const [existing] = await db.select().from(councils).where(eq(councils.id, id))
      if (!existing) return sendError(reply, 404, 'no_such_council', 'There is no such council.')
      if (!isStaffFor(staff, id) && !isAdmin(staff)) return notYourCouncil(reply)
      const changed = (Object.keys(input) as (keyof CouncilInput)[]).filter((key) => existing[key] !== input[key])
      // Retention decides when people's data is erased: a data-protection decision for the
      // administrator, not something a council's secretary changes in passing.
      if (changed.includes('retentionMonths') && !isAdmin(staff)) {
        return sendError(reply, 403, 'admin_only_retention', 'Only an administrator can change how long personal data is kept.')
      }
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.update(councils).set(input).where(eq(councils.id, id)).returning()
        const retention = changed.includes('retentionMonths') ? { retentionMonths: { from: existing.retentionMonths, to: input.retentionMonths } } : {}
        await audit(tx, staff, 'council.update', { type: 'council', id }, { fields: changed, ...retention })
        return { result: view(row!), version: await writeServerRecords(tx, ctx.registry, [councilWrite(row!)]) }
      })
    },
  )
}
