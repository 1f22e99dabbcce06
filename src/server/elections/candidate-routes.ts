import { and, asc, eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { Candidate, CandidacyInput, CandidateEntry, CandidateReturn, PublicCandidate, type CandidateStatus } from '../../shared/elections/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { isStaffFor, type Actor } from '../accounts/actor.js'
import { adminErrors, IdParams, inTransaction, NoQuery, notYourCouncil } from '../accounts/admin-common.js'
import { audit } from '../accounts/audit.js'
import { personOf, requirePerson, requireStaff } from '../accounts/guards.js'
import { electionCandidates, memberships } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { AudioRef } from '../../shared/sync/media.js'
import { media } from '../db/schema.js'
import type { Db } from '../db/database.js'
import { writeServerRecords } from '../sync/server-write.js'
import type { ElectionsContext } from './context.js'
import { candidateWrite } from './publish.js'
import { findElection, noSuchElection, requireDraft, staffElection, type ElectionRow } from './store.js'
import { typed } from '../http/typed-app.js'

type CandidateRow = typeof electionCandidates.$inferSelect

export const candidateView = (c: CandidateRow): Candidate => ({
  id: c.id,
  electionId: c.electionId,
  personId: c.personId,
  name: c.name,
  presentation: c.presentation,
  photo: c.photo,
  recording: (c.recording as AudioRef | null) ?? null,
  status: c.status as CandidateStatus,
  returnReason: c.returnReason,
  enteredByStaff: c.consentGivenAt !== null,
  consentGivenAt: c.consentGivenAt,
})


/** Candidacy is open from its window's start (or always, without a window) until voting opens. */
function candidacyProblem(election: ElectionRow, now: Date): string | null {
  if (election.status !== 'draft') return 'Voting has opened, so nobody can stand any more.'
  if (election.candidacyOpensAt && now < election.candidacyOpensAt) return 'You cannot stand yet. Candidacy has not opened.'
  if (election.candidacyClosesAt && now >= election.candidacyClosesAt) return 'Candidacy has closed.'
  return null
}

/** A recording must be on the server before a presentation names it (uploaded with PUT /api/media). */
async function recordingMissing(db: Db, recording: AudioRef | null, reply: FastifyReply): Promise<boolean> {
  if (!recording) return false
  const [stored] = await db.select({ type: media.type }).from(media).where(eq(media.sha256, recording.sha256))
  if (stored && stored.type === recording.type) return false
  sendError(reply, 400, 'recording_missing', 'The recording has not reached the server. Upload it (PUT /api/media/<sha256>) and send the presentation again.')
  return true
}

export function registerCandidateRoutes(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['elections']

  async function staffCandidate(actor: Actor, id: string, reply: FastifyReply): Promise<{ candidate: CandidateRow; election: ElectionRow } | null> {
    const [candidate] = await db.select().from(electionCandidates).where(eq(electionCandidates.id, id))
    if (!candidate) {
      sendError(reply, 404, 'no_such_candidate', 'There is no such candidate.')
      return null
    }
    const election = (await findElection(db, candidate.electionId))!
    if (!isStaffFor(actor, election.councilId)) {
      notYourCouncil(reply)
      return null
    }
    return requireDraft(election, reply) ? { candidate, election } : null
  }

  app.get(
    '/api/admin/elections/:id/candidates',
    { preHandler: requireStaff, schema: { summary: 'Every candidacy, also those waiting or returned', tags: ['elections-admin'], params: IdParams, querystring: NoQuery, response: { 200: Type.Array(Candidate), ...adminErrors } } },
    async (request, reply) => {
      const election = await staffElection(db, personOf(request), request.params.id, reply)
      if (!election) return reply
      return (await db.select().from(electionCandidates).where(eq(electionCandidates.electionId, election.id)).orderBy(asc(electionCandidates.createdAt))).map(candidateView)
    },
  )

  app.post(
    '/api/admin/elections/:id/candidates',
    { preHandler: requireStaff, schema: { summary: 'Enter a presentation for a resident, with their consent', tags: ['elections-admin'], params: IdParams, body: CandidateEntry, response: { 200: Candidate, ...adminErrors } } },
    async (request, reply) => {
      const staff = personOf(request)
      const input = request.body
      const election = await staffElection(db, staff, request.params.id, reply)
      if (!election || !requireDraft(election, reply)) return reply
      if (await recordingMissing(db, input.recording, reply)) return reply
      return inTransaction(ctx, async (tx) => {
        const [row] = await tx
          .insert(electionCandidates)
          .values({ id: uuidv7(), electionId: election.id, ...input, status: 'approved', enteredBy: staff.personId, createdAt: ctx.now() })
          .returning()
        await audit(tx, staff, 'election.candidate.enter', { type: 'election-candidate', id: row!.id }, { electionId: election.id })
        return { result: candidateView(row!), version: await writeServerRecords(tx, ctx.registry, [await candidateWrite(tx, row!, election.councilId)]) }
      })
    },
  )

  for (const decision of ['approve', 'return'] as const) {
    app.post(
      `/api/admin/candidates/:id/${decision}`,
      {
        preHandler: requireStaff,
        schema: {
          summary: decision === 'approve' ? 'Approve a presentation: voters see it' : 'Return a presentation with a reason the candidate can act on',
          tags: ['elections-admin'],
          params: IdParams,
          body: decision === 'approve' ? Type.Object({}, { additionalProperties: false }) : CandidateReturn,
          response: { 200: Candidate, ...adminErrors },
        },
      },
      async (request, reply) => {
        const staff = personOf(request)
        const found = await staffCandidate(staff, request.params.id, reply)
        if (!found) return reply
        const body: { reason?: string } = request.body
        const reason = decision === 'return' ? (body.reason ?? null) : null
        return inTransaction(ctx, async (tx) => {
          const [row] = await tx
            .update(electionCandidates)
            .set({ status: decision === 'approve' ? 'approved' : 'returned', returnReason: reason })
            .where(eq(electionCandidates.id, found.candidate.id))
            .returning()
          await audit(tx, staff, `election.candidate.${decision}`, { type: 'election-candidate', id: row!.id })
          return { result: candidateView(row!), version: await writeServerRecords(tx, ctx.registry, [await candidateWrite(tx, row!, found.election.councilId)]) }
        })
      },
    )
  }

  app.get(
    '/api/elections/:id/candidacy',
    { preHandler: requirePerson, schema: { summary: 'My own candidacy in this election and whether staff approved it', tags, params: IdParams, querystring: NoQuery, response: { 200: Type.Union([Candidate, Type.Null()]), ...adminErrors } } },
    async (request, reply) => {
      const person = personOf(request)
      const election = await findElection(db, request.params.id)
      if (!election) return noSuchElection(reply)
      const [row] = await db.select().from(electionCandidates).where(and(eq(electionCandidates.electionId, election.id), eq(electionCandidates.personId, person.personId)))
      return row ? candidateView(row) : null
    },
  )

  app.put(
    '/api/elections/:id/candidacy',
    { preHandler: requirePerson, schema: { summary: '"Stil op": stand as a candidate, or change a presentation staff returned', tags, params: IdParams, body: CandidacyInput, response: { 200: Candidate, ...adminErrors } } },
    async (request, reply) => {
      const person = personOf(request)
      const input = request.body
      const election = await findElection(db, request.params.id)
      if (!election) return noSuchElection(reply)
      const member = await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.personId, person.personId), eq(memberships.councilId, election.councilId)))
      if (member.length === 0 || person.staffRole !== null) return sendError(reply, 403, 'not_a_member', 'Only members of the council can stand this way. Ask the staff to enter your presentation.')
      const closed = candidacyProblem(election, ctx.now())
      if (closed) return sendError(reply, 409, 'candidacy_closed', closed)
      if (await recordingMissing(db, input.recording, reply)) return reply
      return inTransaction(ctx, async (tx) => {
        const [existing] = await tx.select().from(electionCandidates).where(and(eq(electionCandidates.electionId, election.id), eq(electionCandidates.personId, person.personId))).for('update')
        const values = { ...input, status: 'proposed', returnReason: null }
        const [row] = existing
          ? await tx.update(electionCandidates).set(values).where(eq(electionCandidates.id, existing.id)).returning()
          : await tx
              .insert(electionCandidates)
              .values({ id: uuidv7(), electionId: election.id, personId: person.personId, ...values, enteredBy: person.personId, createdAt: ctx.now() })
              .returning()
        return { result: candidateView(row!), version: await writeServerRecords(tx, ctx.registry, [await candidateWrite(tx, row!, election.councilId)]) }
      })
    },
  )

  app.get(
    '/api/elections/:id/candidates',
    { schema: { summary: 'The approved candidates, for the gallery anyone can open', tags, params: IdParams, querystring: NoQuery, response: { 200: Type.Array(PublicCandidate), ...adminErrors } } },
    async (request, reply) => {
      const election = await findElection(db, request.params.id)
      if (!election) return noSuchElection(reply)
      const rows = await db
        .select()
        .from(electionCandidates)
        .where(and(eq(electionCandidates.electionId, election.id), eq(electionCandidates.status, 'approved')))
        .orderBy(asc(electionCandidates.name))
      return rows.map((c) => ({ id: c.id, name: c.name, presentation: c.presentation, photo: c.photo, recording: (c.recording as AudioRef | null) ?? null }))
    },
  )
}
