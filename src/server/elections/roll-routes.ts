import { and, asc, eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { RollEntry, RollInput, RollTick, type RollReceipt } from '../../shared/elections/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { adminErrors, IdParams, inTransaction, isUniqueViolation, NoQuery, Removed } from '../accounts/admin-common.js'
import { audit } from '../accounts/audit.js'
import { personOf, requireStaff } from '../accounts/guards.js'
import type { Actor } from '../accounts/actor.js'
import { electionRoll } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { ElectionsContext } from './context.js'
import { staffElection } from './store.js'
import { typed } from '../http/typed-app.js'

type RollRow = typeof electionRoll.$inferSelect
const view = (r: RollRow): RollEntry => ({ id: r.id, personId: r.personId, name: r.name, received: r.received as RollReceipt })

/**
 * The voter roll: who may vote and whether they (or a relative for them) have received a card.
 * Which card is never recorded anywhere.
 */
export function registerRollRoutes(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['elections-admin']

  async function ownEntry(actor: Actor, id: string, reply: FastifyReply): Promise<RollRow | null> {
    const [row] = await db.select().from(electionRoll).where(eq(electionRoll.id, id))
    if (!row) {
      sendError(reply, 404, 'no_such_roll_entry', 'This person is not on the roll any more. Reload the list.')
      return null
    }
    return (await staffElection(db, actor, row.electionId, reply)) ? row : null
  }

  app.get(
    '/api/admin/elections/:id/roll',
    { preHandler: requireStaff, schema: { summary: 'The voter roll', tags, params: IdParams, querystring: NoQuery, response: { 200: Type.Array(RollEntry), ...adminErrors } } },
    async (request, reply) => {
      const election = await staffElection(db, personOf(request), request.params.id, reply)
      if (!election) return reply
      return (await db.select().from(electionRoll).where(eq(electionRoll.electionId, election.id)).orderBy(asc(electionRoll.name))).map(view)
    },
  )

  app.post(
    '/api/admin/elections/:id/roll',
    { preHandler: requireStaff, schema: { summary: 'Put a person on the voter roll', tags, params: IdParams, body: RollInput, response: { 200: RollEntry, ...adminErrors } } },
    async (request, reply) => {
      const staff = personOf(request)
      const election = await staffElection(db, staff, request.params.id, reply)
      if (!election) return reply
      const input = request.body
      try {
        return await inTransaction(ctx, async (tx) => {
          const [row] = await tx.insert(electionRoll).values({ id: uuidv7(), electionId: election.id, ...input }).returning()
          await audit(tx, staff, 'election.roll.add', { type: 'election', id: election.id })
          return { result: view(row!) }
        })
      } catch (error) {
        if (isUniqueViolation(error)) return sendError(reply, 409, 'already_on_roll', 'This person is already on the roll.')
        throw error
      }
    },
  )

  app.put(
    '/api/admin/roll/:id',
    { preHandler: requireStaff, schema: { summary: 'Tick that the person, or a relative for them, received a card', tags, params: IdParams, body: RollTick, response: { 200: RollEntry, ...adminErrors } } },
    async (request, reply) => {
      const staff = personOf(request)
      const entry = await ownEntry(staff, request.params.id, reply)
      if (!entry) return reply
      const { received } = request.body
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx.update(electionRoll).set({ received }).where(and(eq(electionRoll.id, entry.id))).returning()
        await audit(tx, staff, 'election.roll.tick', { type: 'election', id: entry.electionId })
        return { result: view(row!) }
      })
    },
  )

  app.delete(
    '/api/admin/roll/:id',
    { preHandler: requireStaff, schema: { summary: 'Take a person off the voter roll', tags, params: IdParams, querystring: NoQuery, response: { 200: Removed, ...adminErrors } } },
    async (request, reply) => {
      const staff = personOf(request)
      const entry = await ownEntry(staff, request.params.id, reply)
      if (!entry) return reply
      return inTransaction(ctx, async (tx) => {
        await tx.delete(electionRoll).where(eq(electionRoll.id, entry.id))
        await audit(tx, staff, 'election.roll.remove', { type: 'election', id: entry.electionId })
        return { result: { removed: true as const } }
      })
    },
  )
}
