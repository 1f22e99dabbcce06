import { and, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { Applied } from '../../shared/elections/model.js'
import type { ElectionResult } from '../../shared/elections/result.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { adminErrors, IdParams } from '../accounts/admin-common.js'
import { audit } from '../accounts/audit.js'
import { personOf, requireStaff } from '../accounts/guards.js'
import { membershipWrite } from '../accounts/publish.js'
import { electionCandidates, elections, memberships, people } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { writeServerRecords, type ServerWrite } from '../sync/server-write.js'
import { lockElection } from './board-store.js'
import type { ElectionsContext } from './context.js'
import { Refusal } from './refusal.js'
import { staffElection } from './store.js'
import { typed } from '../http/typed-app.js'

/** The day before an ISO date, for ending a membership when the new term starts. */
const dayBefore = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

/**
 * Applying a published result: each elected candidate becomes a member and each substitute a
 * substitute with their place in line, for the election's term. A membership of the same person
 * in the same council that would overlap the new term ends the day before it. Candidates staff
 * entered without linking a person are listed for staff to add by hand.
 */
export function registerApplyRoute(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  app.post(
    '/api/admin/elections/:id/apply',
    {
      preHandler: requireStaff,
      schema: {
        summary: 'Give the elected members and substitutes memberships for the term',
        tags: ['elections-admin'],
        params: IdParams,
        body: Type.Object({}, { additionalProperties: false }),
        response: { 200: Type.Object({ ...Applied.properties, notLinked: Type.Array(Type.String()) }), ...adminErrors },
      },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const found = await staffElection(ctx.db, staff, request.params.id, reply)
      if (!found) return reply
      try {
        const { answer, version } = await ctx.db.transaction(async (tx) => {
          const election = (await lockElection(tx, found.id))!
          if (election.status !== 'published') throw new Refusal(409, 'not_published', 'Publish the result before applying it.')
          if (election.appliedAt) throw new Refusal(409, 'already_applied', 'This result has already been applied.')
          const result = election.result as unknown as ElectionResult
          const places = [...result.elected.map((id) => ({ id, rank: null as number | null })), ...result.substitutes.map((id, i) => ({ id, rank: i + 1 }))]
          const rows = places.length > 0 ? await tx.select().from(electionCandidates).where(inArray(electionCandidates.id, places.map((x) => x.id))) : []
          const candidates = new Map(rows.map((c) => [c.id, c]))
          const writes: ServerWrite[] = []
          const notLinked: string[] = []
          let created = 0
          for (const place of places) {
            const candidate = candidates.get(place.id)
            if (!candidate?.personId) {
              notLinked.push(candidate?.name ?? place.id)
              continue
            }
            const [person] = await tx.select().from(people).where(eq(people.id, candidate.personId))
            if (!person || person.erasedAt) {
              notLinked.push(candidate.name)
              continue
            }
            const overlapping = await tx
              .update(memberships)
              .set({ termEnd: dayBefore(election.termStart) })
              .where(
                and(
                  eq(memberships.councilId, election.councilId),
                  eq(memberships.personId, person.id),
                  lt(memberships.termStart, election.termStart),
                  or(isNull(memberships.termEnd), gte(memberships.termEnd, election.termStart)),
                ),
              )
              .returning()
            const [membership] = await tx
              .insert(memberships)
              .values({
                id: uuidv7(),
                councilId: election.councilId,
                personId: person.id,
                role: place.rank === null ? 'member' : 'substitute',
                substituteRank: place.rank,
                termStart: election.termStart,
                termEnd: election.termEnd,
                listedPublicly: false,
              })
              .returning()
            for (const m of [...overlapping, membership!]) writes.push(await membershipWrite(tx, m, person))
            created += 1
          }
          const appliedAt = ctx.now()
          await tx.update(elections).set({ appliedAt }).where(eq(elections.id, election.id))
          await audit(tx, staff, 'election.apply', { type: 'election', id: election.id }, { memberships: created, notLinked: notLinked.length })
          return { answer: { memberships: created, appliedAt: appliedAt.toISOString(), notLinked }, version: await writeServerRecords(tx, ctx.registry, writes) }
        })
        if (version !== null) await ctx.pokes.publish(version).catch(() => {})
        return answer
      } catch (error) {
        if (error instanceof Refusal) return sendError(reply, error.status, error.code, error.message)
        throw error
      }
    },
  )
}
