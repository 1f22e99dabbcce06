import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { Person, PersonInput, PersonPatch, Uuid } from '../../shared/accounts/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { councils, memberships, people, relativeLinks } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { isStaffFor } from './actor.js'
import { adminErrors, IdParams, inTransaction, managedPerson, manageableIds, notYourCouncil, peopleViews } from './admin-common.js'
import { audit } from './audit.js'
import type { AccountsContext } from './context.js'
import { personOf, requireStaff } from './guards.js'
import { publishPerson } from './publish.js'
import { typed } from '../http/typed-app.js'

const PeopleQuery = Type.Object({ councilId: Type.Optional(Uuid) }, { additionalProperties: false })

export function registerAdminPeopleRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['admin']

  app.get(
    '/api/admin/people',
    {
      preHandler: requireStaff,
      schema: {
        summary: "A council's members and their linked relatives, or everyone the caller may manage",
        tags,
        querystring: PeopleQuery,
        response: { 200: Type.Array(Person), ...adminErrors },
      },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { councilId } = request.query
      let rows
      if (councilId) {
        const [council] = await db.select().from(councils).where(eq(councils.id, councilId))
        if (!council) return sendError(reply, 404, 'no_such_council', 'There is no such council.')
        if (!isStaffFor(staff, councilId)) return notYourCouncil(reply)
        const memberIds = (await db.select({ id: memberships.personId }).from(memberships).where(eq(memberships.councilId, councilId))).map((m) => m.id)
        const relativeIds = memberIds.length
          ? (await db.select({ id: relativeLinks.relativeId }).from(relativeLinks).where(inArray(relativeLinks.residentId, memberIds))).map((l) => l.id)
          : []
        const ids = [...new Set([...memberIds, ...relativeIds])]
        rows = ids.length ? await db.select().from(people).where(and(inArray(people.id, ids), isNull(people.erasedAt))).orderBy(asc(people.name)) : []
      } else {
        const all = await db.select().from(people).where(isNull(people.erasedAt)).orderBy(asc(people.name))
        const allowed = await manageableIds(db, staff, all)
        rows = all.filter((p) => allowed.has(p.id))
      }
      return peopleViews(db, rows)
    },
  )

  app.post(
    '/api/admin/people',
    { preHandler: requireStaff, schema: { summary: 'Add a member, relative or participant', tags, body: PersonInput, response: { 200: Person, ...adminErrors } } },
    async (request) => {
      const staff = personOf(request)
      const input = request.body
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.insert(people).values({ id: uuidv7(), kind: input.kind, name: input.name.trim(), createdBy: staff.personId }).returning()
        await audit(tx, staff, 'person.create', { type: 'person', id: row!.id }, { kind: input.kind })
        return { result: (await peopleViews(tx, [row!]))[0]! }
      })
    },
  )

  app.patch(
    '/api/admin/people/:id',
    { preHandler: requireStaff, schema: { summary: "Correct a person's name", tags, params: IdParams, body: PersonPatch, response: { 200: Person, ...adminErrors } } },
    async (request, reply) => {
      const staff = personOf(request)
      const { id } = request.params
      const patch = request.body
      if (!(await managedPerson(db, staff, id, reply))) return reply
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.update(people).set({ name: patch.name.trim() }).where(eq(people.id, id)).returning()
        await audit(tx, staff, 'person.update', { type: 'person', id }, { fields: ['name'] })
        // The name is shown on every device that follows the person's councils.
        const version = await publishPerson(tx, ctx.registry, id)
        return { result: (await peopleViews(tx, [row!]))[0]!, version }
      })
    },
  )
}
