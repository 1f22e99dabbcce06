import { and, asc, eq, inArray, isNotNull, isNull, ne } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { Person, StaffInput, StaffPatch, type StaffRole } from '../../shared/accounts/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import type { Db } from '../db/database.js'
import { councils, people, staffCouncils } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { Tx } from '../sync/server-write.js'
import { adminErrors, IdParams, inTransaction, isUniqueViolation, NoQuery, peopleViews } from './admin-common.js'
import { audit } from './audit.js'
import type { AccountsContext } from './context.js'
import { personOf, requireAdmin } from './guards.js'
import { hashPassword } from './passwords.js'
import { typed } from '../http/typed-app.js'

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export const emailTaken = (reply: FastifyReply) =>
  sendError(reply, 409, 'email_taken', 'Someone already has this e-mail address. Use another one, or change the existing account.')

/** Every id names a council; otherwise the reply is sent and false returned. */
async function councilsExist(db: Db, ids: string[], reply: FastifyReply): Promise<boolean> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return true
  const found = await db.select({ id: councils.id }).from(councils).where(inArray(councils.id, unique))
  if (found.length === unique.length) return true
  sendError(reply, 400, 'no_such_council', 'One of the chosen councils does not exist any more. Reload the page and choose again.')
  return false
}

/** A secretary works for the councils listed; an admin for all of them, so none are stored. */
async function setStaffCouncils(tx: Tx, personId: string, role: StaffRole, councilIds: string[]) {
  await tx.delete(staffCouncils).where(eq(staffCouncils.personId, personId))
  const unique = [...new Set(councilIds)]
  if (role === 'secretary' && unique.length) await tx.insert(staffCouncils).values(unique.map((councilId) => ({ personId, councilId })))
}

/** Used by the admin:create command too: one place decides what a new staff account is. */
export async function createStaff(tx: Tx, input: StaffInput, actor: Parameters<typeof audit>[1]) {
  const [row] = await tx
    .insert(people)
    .values({
      id: uuidv7(),
      kind: 'staff',
      name: input.name.trim(),
      email: normalizeEmail(input.email),
      passwordHash: await hashPassword(input.password),
      staffRole: input.staffRole,
    })
    .returning()
  await setStaffCouncils(tx, row!.id, input.staffRole, input.councilIds)
  await audit(tx, actor, 'staff.create', { type: 'person', id: row!.id }, { staffRole: input.staffRole })
  return row!
}

export function registerAdminStaffRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['admin']

  app.get(
    '/api/admin/staff',
    { preHandler: requireAdmin, schema: { summary: 'Administrators and secretaries', tags, querystring: NoQuery, response: { 200: Type.Array(Person), ...adminErrors } } },
    async () => {
      const rows = await db.select().from(people).where(and(isNotNull(people.staffRole), isNull(people.erasedAt))).orderBy(asc(people.name))
      return peopleViews(db, rows)
    },
  )

  app.post(
    '/api/admin/staff',
    { preHandler: requireAdmin, schema: { summary: 'Create a staff account', tags, body: StaffInput, response: { 200: Person, ...adminErrors } } },
    async (request, reply) => {
      const input = request.body
      const [taken] = await db.select({ id: people.id }).from(people).where(eq(people.email, normalizeEmail(input.email)))
      if (taken) return emailTaken(reply)
      if (!(await councilsExist(db, input.councilIds, reply))) return reply
      try {
        return await inTransaction(ctx, async (tx) => {
          const row = await createStaff(tx, input, personOf(request))
          return { result: (await peopleViews(tx, [row]))[0]! }
        })
      } catch (error) {
        if (isUniqueViolation(error)) return emailTaken(reply)
        throw error
      }
    },
  )

  app.patch(
    '/api/admin/staff/:id',
    { preHandler: requireAdmin, schema: { summary: "Change a staff member's name, role or councils", tags, params: IdParams, body: StaffPatch, response: { 200: Person, ...adminErrors } } },
    async (request, reply) => {
      const admin = personOf(request)
      const { id } = request.params
      const patch = request.body
      const [existing] = await db.select().from(people).where(and(eq(people.id, id), isNotNull(people.staffRole), isNull(people.erasedAt)))
      if (!existing) return sendError(reply, 404, 'no_such_staff', 'There is no such staff account.')
      const role = patch.staffRole ?? (existing.staffRole as StaffRole)
      if (existing.staffRole === 'admin' && role !== 'admin') {
        const others = await db.select({ id: people.id }).from(people).where(and(eq(people.staffRole, 'admin'), ne(people.id, id), isNull(people.erasedAt)))
        if (others.length === 0) return sendError(reply, 409, 'last_admin', 'This is the only administrator. Make someone else an administrator first.')
      }
      if (patch.councilIds && !(await councilsExist(db, patch.councilIds, reply))) return reply
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx
          .update(people)
          .set({ name: patch.name?.trim() ?? existing.name, staffRole: role })
          .where(eq(people.id, id))
          .returning()
        if (patch.councilIds || patch.staffRole) {
          const current = (await tx.select().from(staffCouncils).where(eq(staffCouncils.personId, id))).map((s) => s.councilId)
          await setStaffCouncils(tx, id, role, patch.councilIds ?? current)
        }
        await audit(tx, admin, 'staff.update', { type: 'person', id }, { fields: Object.keys(patch).sort() })
        return { result: (await peopleViews(tx, [row!]))[0]! }
      })
    },
  )
}
