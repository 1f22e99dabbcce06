import { and, asc, eq, gte, isNull, or } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { CouncilMemberRecord } from '../../shared/accounts/entities.js'
import { MemberAdminView, MembershipInput, MembershipPatch } from '../../shared/accounts/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { councils, memberships, people } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { writeServerRecords, type Tx } from '../sync/server-write.js'
import { isStaffFor, type Actor } from './actor.js'
import { adminErrors, IdParams, inTransaction, managedPerson, memberViews, NoQuery, notYourCouncil, Removed, type MembershipRow } from './admin-common.js'
import { audit } from './audit.js'
import type { AccountsContext } from './context.js'
import { personOf, requireStaff } from './guards.js'
import { membershipWrite } from './publish.js'
import { typed } from '../http/typed-app.js'

const termIsBackwards = (reply: FastifyReply) =>
  sendError(reply, 400, 'term_end_before_start', 'The term cannot end before it starts. Check the two dates.')

/** The next photo and consent fields: a photo needs a consent, and no consent means no photo. */
function photoFields(existing: MembershipRow, patch: MembershipPatch, recorder: string) {
  const consentGivenAt = patch.photoConsentGivenAt !== undefined ? patch.photoConsentGivenAt : existing.photoConsentGivenAt
  const photo = patch.photo !== undefined ? patch.photo : existing.photo
  if (consentGivenAt === null) {
    if (patch.photo) return null
    return { photo: null, photoConsentGivenAt: null, photoConsentRecordedBy: null }
  }
  const recordedBy = patch.photoConsentGivenAt !== undefined ? recorder : existing.photoConsentRecordedBy
  return { photo, photoConsentGivenAt: consentGivenAt, photoConsentRecordedBy: recordedBy }
}

export function registerAdminMembershipRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['admin']

  /** The membership and its council, if the caller works for it; otherwise null, error sent. */
  async function ownMembership(staff: Actor, id: string, reply: FastifyReply): Promise<MembershipRow | null> {
    const [row] = await db.select().from(memberships).where(eq(memberships.id, id))
    if (!row) {
      sendError(reply, 404, 'no_such_membership', 'There is no such membership. It may have been removed; reload the list.')
      return null
    }
    if (!isStaffFor(staff, row.councilId)) {
      notYourCouncil(reply)
      return null
    }
    return row
  }

  async function publishMembership(tx: Tx, row: MembershipRow) {
    const [person] = await tx.select().from(people).where(eq(people.id, row.personId))
    return writeServerRecords(tx, ctx.registry, [await membershipWrite(tx, row, person ?? null)])
  }

  app.get(
    '/api/admin/councils/:id/members',
    {
      preHandler: requireStaff,
      schema: { summary: "A council's members, past and present", tags, params: IdParams, querystring: NoQuery, response: { 200: Type.Array(MemberAdminView), ...adminErrors } },
    },
    async (request, reply) => {
      const { id } = request.params
      const [council] = await db.select().from(councils).where(eq(councils.id, id))
      if (!council) return sendError(reply, 404, 'no_such_council', 'There is no such council.')
      if (!isStaffFor(personOf(request), id)) return notYourCouncil(reply)
      const rows = await db.select().from(memberships).where(eq(memberships.councilId, id)).orderBy(asc(memberships.termStart))
      return memberViews(db, rows)
    },
  )

  app.post(
    '/api/admin/councils/:id/members',
    {
      preHandler: requireStaff,
      schema: { summary: 'Add a person to a council', tags, params: IdParams, body: MembershipInput, response: { 200: MemberAdminView, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { id } = request.params
      const input = request.body
      const [council] = await db.select().from(councils).where(eq(councils.id, id))
      if (!council) return sendError(reply, 404, 'no_such_council', 'There is no such council.')
      if (!isStaffFor(staff, id)) return notYourCouncil(reply)
      if (input.termEnd !== null && input.termEnd < input.termStart) return termIsBackwards(reply)
      if (!(await managedPerson(db, staff, input.personId, reply, 400))) return reply
      const [overlapping] = await db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.councilId, id), eq(memberships.personId, input.personId), or(isNull(memberships.termEnd), gte(memberships.termEnd, input.termStart))))
      if (overlapping) return sendError(reply, 409, 'already_member', 'This person is already on the council for that time. Change their present membership instead.')
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.insert(memberships).values({ id: uuidv7(), councilId: id, ...input }).returning()
        await audit(tx, staff, 'membership.create', { type: 'membership', id: row!.id }, { councilId: id, personId: input.personId })
        const version = await publishMembership(tx, row!)
        return { result: (await memberViews(tx, [row!]))[0]!, version }
      })
    },
  )

  app.patch(
    '/api/admin/memberships/:id',
    {
      preHandler: requireStaff,
      schema: { summary: 'Change a role, term, public listing or photo', tags, params: IdParams, body: MembershipPatch, response: { 200: MemberAdminView, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { id } = request.params
      const patch = request.body
      const existing = await ownMembership(staff, id, reply)
      if (!existing) return reply
      const photo = photoFields(existing, patch, staff.personId)
      if (!photo) return sendError(reply, 400, 'photo_needs_consent', 'A photo can only be shown when the member has agreed. Record the date of their consent first.')
      const next = {
        role: patch.role ?? existing.role,
        termStart: patch.termStart ?? existing.termStart,
        termEnd: patch.termEnd !== undefined ? patch.termEnd : existing.termEnd,
        listedPublicly: patch.listedPublicly ?? existing.listedPublicly,
        ...photo,
      }
      if (next.termEnd !== null && next.termEnd < next.termStart) return termIsBackwards(reply)
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.update(memberships).set(next).where(eq(memberships.id, id)).returning()
        await audit(tx, staff, 'membership.update', { type: 'membership', id }, { fields: Object.keys(patch).sort() })
        const version = await publishMembership(tx, row!)
        return { result: (await memberViews(tx, [row!]))[0]!, version }
      })
    },
  )

  app.delete(
    '/api/admin/memberships/:id',
    {
      preHandler: requireStaff,
      schema: { summary: 'Remove a membership (it disappears from every device)', tags, params: IdParams, querystring: NoQuery, response: { 200: Removed, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { id } = request.params
      const existing = await ownMembership(staff, id, reply)
      if (!existing) return reply
      return inTransaction(ctx, async (tx) => {
        await tx.delete(memberships).where(eq(memberships.id, id))
        await audit(tx, staff, 'membership.delete', { type: 'membership', id }, { councilId: existing.councilId, personId: existing.personId })
        const version = await writeServerRecords(tx, ctx.registry, [{ entity: CouncilMemberRecord.name, id, data: null }])
        return { result: { removed: true as const }, version }
      })
    },
  )
}
