import { and, eq, inArray, or } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { RelativeLink, RelativeLinkInput, Uuid } from '../../shared/accounts/model.js'
import type { Db } from '../db/database.js'
import { people, relativeLinks } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { Tx } from '../sync/server-write.js'
import type { Actor } from './actor.js'
import { adminErrors, inTransaction, managedPerson, manageableIds, NoQuery, Removed } from './admin-common.js'
import { audit } from './audit.js'
import type { AccountsContext } from './context.js'
import { personOf, requireStaff } from './guards.js'
import { typed } from '../http/typed-app.js'

type LinkRow = typeof relativeLinks.$inferSelect

export async function linkViews(db: Db | Tx, rows: LinkRow[]): Promise<RelativeLink[]> {
  if (rows.length === 0) return []
  const ids = [...new Set(rows.flatMap((l) => [l.relativeId, l.residentId]))]
  const names = new Map((await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))).map((p) => [p.id, p.name]))
  return rows.map((l) => ({
    relativeId: l.relativeId,
    residentId: l.residentId,
    consentGivenAt: l.consentGivenAt,
    consentNote: l.consentNote,
    recordedBy: l.recordedBy,
    relativeName: names.get(l.relativeId) ?? '',
    residentName: names.get(l.residentId) ?? '',
  }))
}

const LinkParams = Type.Object({ relativeId: Uuid, residentId: Uuid })

export function registerAdminRelativeRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['admin']

  /** Both people exist and the caller may manage both; otherwise false with the error sent. */
  async function mayLink(staff: Extract<Actor, { kind: 'person' }>, relativeId: string, residentId: string, reply: FastifyReply, status: 400 | 404) {
    return Boolean((await managedPerson(db, staff, relativeId, reply, status)) && (await managedPerson(db, staff, residentId, reply, status)))
  }

  app.get(
    '/api/admin/relative-links',
    {
      preHandler: requireStaff,
      schema: {
        summary: "A person's links as relative or as resident; without personId, every link the caller may manage",
        tags,
        querystring: Type.Object({ personId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: Type.Array(RelativeLink), ...adminErrors },
      },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { personId } = request.query
      if (personId && !(await managedPerson(db, staff, personId, reply))) return reply
      const rows = await db
        .select()
        .from(relativeLinks)
        .where(personId ? or(eq(relativeLinks.relativeId, personId), eq(relativeLinks.residentId, personId)) : undefined)
      const involved = rows.length ? await db.select().from(people).where(inArray(people.id, rows.flatMap((l) => [l.relativeId, l.residentId]))) : []
      const allowed = await manageableIds(db, staff, involved)
      return linkViews(db, rows.filter((l) => allowed.has(l.relativeId) && allowed.has(l.residentId)))
    },
  )

  app.post(
    '/api/admin/relative-links',
    {
      preHandler: requireStaff,
      schema: { summary: 'Link a relative to a resident, with the consent on record', tags, body: RelativeLinkInput, response: { 200: RelativeLink, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const input = request.body
      if (input.relativeId === input.residentId) return sendError(reply, 400, 'same_person', 'A person cannot be their own relative.')
      if (!(await mayLink(staff, input.relativeId, input.residentId, reply, 400))) return reply
      const [relative] = await db.select().from(people).where(eq(people.id, input.relativeId))
      if (relative!.kind !== 'relative') return sendError(reply, 400, 'not_a_relative', 'Only a person added as a relative can be linked to a resident.')
      const [existing] = await db.select().from(relativeLinks).where(and(eq(relativeLinks.relativeId, input.relativeId), eq(relativeLinks.residentId, input.residentId)))
      if (existing) return sendError(reply, 409, 'already_linked', 'These two are already linked.')
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.insert(relativeLinks).values({ ...input, recordedBy: staff.personId }).returning()
        await audit(tx, staff, 'relative-link.create', { type: 'person', id: input.residentId }, { relativeId: input.relativeId })
        return { result: (await linkViews(tx, [row!]))[0]! }
      })
    },
  )

  app.delete(
    '/api/admin/relative-links/:relativeId/:residentId',
    {
      preHandler: requireStaff,
      schema: { summary: 'Remove a link, e.g. when the resident withdraws consent', tags, params: LinkParams, querystring: NoQuery, response: { 200: Removed, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { relativeId, residentId } = request.params
      if (!(await mayLink(staff, relativeId, residentId, reply, 404))) return reply
      return inTransaction(ctx, async (tx) => {
        const removed = await tx
          .delete(relativeLinks)
          .where(and(eq(relativeLinks.relativeId, relativeId), eq(relativeLinks.residentId, residentId)))
          .returning()
        if (removed.length === 0) return { result: null }
        await audit(tx, staff, 'relative-link.delete', { type: 'person', id: residentId }, { relativeId })
        return { result: { removed: true as const } }
      }).then((result) => result ?? sendError(reply, 404, 'no_such_link', 'These two are not linked.'))
    },
  )
}
