import { and, desc, eq, inArray } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { ElectionAdminView, ElectionInput } from '../../shared/elections/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { Uuid } from '../../shared/accounts/model.js'
import { isStaffFor } from '../accounts/actor.js'
import { adminErrors, IdParams, inTransaction, notYourCouncil } from '../accounts/admin-common.js'
import { audit } from '../accounts/audit.js'
import { personOf, requireStaff } from '../accounts/guards.js'
import { councils, elections } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { ElectionsContext } from './context.js'
import { adminViews, requireDraft, settingsColumns, staffElection } from './store.js'
import { typed } from '../http/typed-app.js'

const tags = ['elections-admin']

/** The first rule the settings break, in words staff can act on; null when they hold. */
export function settingsProblem(input: ElectionInput): { code: string; message: string } | null {
  if (input.termEnd <= input.termStart) return { code: 'term_end_before_start', message: 'The term must end after it starts. Check the two dates.' }
  if (Date.parse(input.votingClosesAt) <= Date.parse(input.votingOpensAt)) return { code: 'voting_closes_before_opens', message: 'Voting must close after it opens. Check the two times.' }
  if ((input.candidacyOpensAt === null) !== (input.candidacyClosesAt === null)) {
    return { code: 'candidacy_window_incomplete', message: 'Give both when candidacy opens and when it closes, or neither.' }
  }
  if (input.candidacyOpensAt && input.candidacyClosesAt) {
    if (Date.parse(input.candidacyClosesAt) <= Date.parse(input.candidacyOpensAt)) return { code: 'candidacy_closes_before_opens', message: 'Candidacy must close after it opens.' }
    if (Date.parse(input.candidacyClosesAt) > Date.parse(input.votingOpensAt)) return { code: 'candidacy_after_voting', message: 'Candidacy must close before voting opens.' }
  }
  return null
}

const refuseSettings = (reply: FastifyReply, input: ElectionInput) => {
  const problem = settingsProblem(input)
  return problem ? sendError(reply, 400, problem.code, problem.message) : null
}

export function registerElectionAdminRoutes(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  const { db } = ctx

  app.get(
    '/api/admin/elections',
    {
      preHandler: requireStaff,
      schema: {
        summary: 'Elections of the councils the caller works for, newest first',
        tags,
        querystring: Type.Object({ councilId: Type.Optional(Uuid) }),
        response: { 200: Type.Array(ElectionAdminView), ...adminErrors },
      },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { councilId } = request.query
      if (councilId && !isStaffFor(staff, councilId)) return notYourCouncil(reply)
      const ids = councilId ? [councilId] : [...staff.staffCouncilIds]
      if (ids.length === 0) return []
      return adminViews(db, await db.select().from(elections).where(inArray(elections.councilId, ids)).orderBy(desc(elections.votingOpensAt)))
    },
  )

  app.post(
    '/api/admin/elections',
    { preHandler: requireStaff, schema: { summary: 'Create an election for a council', tags, body: ElectionInput, response: { 200: ElectionAdminView, ...adminErrors } } },
    async (request, reply) => {
      const staff = personOf(request)
      const input = request.body
      const [council] = await db.select().from(councils).where(eq(councils.id, input.councilId))
      if (!council) return sendError(reply, 400, 'no_such_council', 'There is no such council.')
      if (!isStaffFor(staff, input.councilId)) return notYourCouncil(reply)
      if (refuseSettings(reply, input)) return reply
      const row = await inTransaction(ctx, async (tx) => {
        const [created] = await tx
          .insert(elections)
          .values({ id: uuidv7(), ...settingsColumns(input), status: 'draft', createdBy: staff.personId, createdAt: ctx.now() })
          .returning()
        await audit(tx, staff, 'election.create', { type: 'election', id: created!.id }, { councilId: input.councilId })
        return { result: created! }
      })
      return (await adminViews(db, [row]))[0]
    },
  )

  app.get(
    '/api/admin/elections/:id',
    { preHandler: requireStaff, schema: { summary: 'One election, as staff see it', tags, params: IdParams, querystring: Type.Object({}), response: { 200: ElectionAdminView, ...adminErrors } } },
    async (request, reply) => {
      const row = await staffElection(db, personOf(request), request.params.id, reply)
      if (!row) return reply
      return (await adminViews(db, [row]))[0]
    },
  )

  app.put(
    '/api/admin/elections/:id',
    { preHandler: requireStaff, schema: { summary: 'Change the settings of an election not yet opened', tags, params: IdParams, body: ElectionInput, response: { 200: ElectionAdminView, ...adminErrors } } },
    async (request, reply) => {
      const staff = personOf(request)
      const input = request.body
      const row = await staffElection(db, staff, request.params.id, reply)
      if (!row || !requireDraft(row, reply)) return reply
      if (input.councilId !== row.councilId) return sendError(reply, 400, 'council_fixed', 'An election stays with its council. Create a new election for the other council.')
      if (refuseSettings(reply, input)) return reply
      const updated = await inTransaction(ctx, async (tx) => {
        const [next] = await tx
          .update(elections)
          .set(settingsColumns(input))
          .where(and(eq(elections.id, row.id), eq(elections.status, 'draft')))
          .returning()
        if (next) await audit(tx, staff, 'election.update', { type: 'election', id: row.id })
        return { result: next }
      })
      if (!updated) {
        // Opened meanwhile by someone else: answered as any change to an opened election.
        requireDraft({ ...row, status: 'open' }, reply)
        return reply
      }
      return (await adminViews(db, [updated]))[0]
    },
  )
}
