import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { JoinAnswer, JoinPreview, JoinRequest, MineRequest, Placement, Results } from '../../shared/workshops/api.js'
import { WorkshopContribution, WorkshopPrioritisation, WorkshopStatement, type ContributionData, type PrioritisationData, type StatementData } from '../../shared/workshops/entities.js'
import { buildReport, placementIn, Report, reportCsv } from '../../shared/workshops/report.js'
import { agreementOf, emptyCounts, normaliseJoinCode, priorityTotals } from '../../shared/workshops/rules.js'
import { ErrorResponse } from '../../shared/system/health.js'
import { Uuid } from '../../shared/accounts/model.js'
import { isStaffFor, type Actor } from '../accounts/actor.js'
import type { AccountsContext } from '../accounts/context.js'
import { deviceLabel } from '../accounts/device-label.js'
import { actorForSession, startSession } from '../accounts/sessions.js'
import { people, workshopAllocations, workshopParticipants, workshopReactions } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { and, eq } from 'drizzle-orm'
import { typed } from '../http/typed-app.js'
import { allocationsOf, countsOf, isParticipant, processOf, recordOf, recordsOfProcess, reportInput, sessionByCode } from './store.js'
import { JOIN_CODE_PATTERN } from '../../shared/workshops/model.js'

const tags = ['workshops']
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }
const IdParams = Type.Object({ id: Uuid })
const NoQuery = Type.Object({})
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) })

const noSuchCode = (reply: FastifyReply) => sendError(reply, 404, 'unknown_code', 'No session has this code. Check the letters, or ask the facilitator for the link.')
const noSuchProcess = (reply: FastifyReply) => sendError(reply, 404, 'no_such_process', 'There is no such workshop or consultation.')

/** Joined it, a member of its council, or its staff. */
async function takesPart(ctx: AccountsContext, actor: Actor, processId: string, councilId: string): Promise<boolean> {
  if (actor.kind !== 'person') return false
  return actor.councilIds.has(councilId) || isParticipant(ctx.db, processId, actor.personId)
}

/**
 * Joining by link or code without an account, the results of statements and prioritisations,
 * "Mine bidrag", and the report. Everything else in a workshop changes through sync.
 */
export function registerWorkshopRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  // Guessing a join code is guessing a card code: both count against the same address.
  const guesses = (ip: string) => ctx.limits.limiter.keyOf('address', ip)

  async function preview(code: string) {
    const normal = normaliseJoinCode(code)
    if (!new RegExp(JOIN_CODE_PATTERN).test(normal)) return null
    const session = await sessionByCode(db, normal)
    if (!session) return null
    const process = await processOf(db, session.data.processId)
    return process ? { session, process } : null
  }

  app.get(
    '/api/workshops/join/:code',
    { schema: { summary: 'What a join link or code leads to, before joining', tags, params: CodeParams, querystring: NoQuery, response: { 200: JoinPreview, ...errors, 429: ErrorResponse } } },
    async (request, reply) => {
      const wait = await ctx.limits.limiter.waitSeconds([guesses(request.ip)])
      if (wait > 0) return sendError(reply, 429, 'too_many', `Too many wrong codes. Wait ${wait} seconds and try again.`)
      const found = await preview(request.params.code)
      if (!found) {
        await ctx.limits.limiter.fail(guesses(request.ip), ctx.limits.address)
        return noSuchCode(reply)
      }
      const { session, process } = found
      return {
        sessionId: session.id,
        processId: session.data.processId,
        councilId: session.data.councilId,
        title: session.data.title,
        processTitle: process.title,
        kind: session.data.kind,
        inputOpen: session.data.inputOpen,
        allowAnonymous: session.data.allowAnonymous,
      }
    },
  )

  app.post(
    '/api/workshops/join',
    {
      schema: {
        summary: 'Join a session by its code; without an account a participant is created and this device signed in as them',
        tags,
        body: JoinRequest,
        response: { 200: JoinAnswer, ...errors, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      if (request.actor.kind === 'kiosk') return sendError(reply, 403, 'kiosk', 'A shared screen cannot join. Join on your own phone, or ask staff.')
      const wait = await ctx.limits.limiter.waitSeconds([guesses(request.ip)])
      if (wait > 0) return sendError(reply, 429, 'too_many', `Too many wrong codes. Wait ${wait} seconds and try again.`)
      const body = request.body
      const found = await preview(body.code)
      if (!found) {
        await ctx.limits.limiter.fail(guesses(request.ip), ctx.limits.address)
        return noSuchCode(reply)
      }
      const { session } = found
      const now = ctx.now()
      let personId = request.actor.kind === 'person' ? request.actor.personId : null
      const newParticipant = personId === null
      if (personId === null) {
        // No account: a participant with no name unless they gave one, signed in on this device
        // like a card holder, so "Mine bidrag" stays. No address or device details are kept.
        personId = uuidv7()
        await db.insert(people).values({ id: personId, kind: 'participant', name: body.name ?? '' })
        const started = await startSession(db, request, reply, { kind: 'card', personId, label: deviceLabel(request.headers['user-agent']) }, now)
        request.actor = await actorForSession(db, started, now)
      }
      await db
        .insert(workshopParticipants)
        .values({ id: uuidv7(), processId: session.data.processId, sessionId: session.id, personId, role: body.role, showName: body.name !== null, joinedAt: now.toISOString().slice(0, 10) })
        .onConflictDoUpdate({
          target: [workshopParticipants.processId, workshopParticipants.sessionId, workshopParticipants.personId],
          set: { role: body.role, showName: body.name !== null },
        })
      return { sessionId: session.id, processId: session.data.processId, councilId: session.data.councilId, personId, newParticipant }
    },
  )

  app.get(
    '/api/workshops/:id/results',
    { schema: { summary: 'Answers to statements and totals of prioritisations, by count', tags, params: IdParams, querystring: NoQuery, response: { 200: Results, ...errors } } },
    async (request, reply) => {
      const processId = request.params.id
      const process = await processOf(db, processId)
      if (!process) return noSuchProcess(reply)
      const actor = request.actor
      if (actor.kind !== 'person') return sendError(reply, 401, 'not_signed_in', 'Join the session by its link or code to see this.')
      if (!(await takesPart(ctx, actor, processId, process.councilId))) return sendError(reply, 403, 'not_joined', 'Join a session of this process to see this.')
      const statements = await recordsOfProcess<StatementData>(db, WorkshopStatement.name, processId)
      const prioritisations = await recordsOfProcess<PrioritisationData>(db, WorkshopPrioritisation.name, processId)
      const counts = await countsOf(db, processId)
      const allocations = await allocationsOf(db, prioritisations.map((p) => p.id))
      const myAnswers = await db.select().from(workshopReactions).where(and(eq(workshopReactions.processId, processId), eq(workshopReactions.personId, actor.personId)))
      const myDots = await db.select().from(workshopAllocations).where(and(eq(workshopAllocations.processId, processId), eq(workshopAllocations.personId, actor.personId)))
      return {
        statements: statements.map(({ id }) => {
          const c = counts.get(id) ?? emptyCounts()
          return { statementId: id, ...c, ...agreementOf(c) }
        }),
        priorities: prioritisations.map(({ id, data }) => ({
          prioritisationId: id,
          totals: priorityTotals(data.options, allocations.get(id) ?? []).map(({ optionId, total, people: n }) => ({ optionId, total, people: n })),
        })),
        mine: {
          answers: Object.fromEntries(myAnswers.map((r) => [r.statementId, r.answer])),
          allocations: Object.fromEntries(myDots.map((r) => [r.prioritisationId, r.allocation])),
        },
      }
    },
  )

  /** The report for staff of the process; once published, a public one without personal data. */
  async function report(actor: Actor, processId: string, reply: FastifyReply): Promise<Report | null> {
    const process = await processOf(db, processId)
    if (!process) {
      noSuchProcess(reply)
      return null
    }
    const staff = isStaffFor(actor, process.councilId)
    if (!staff && !process.reportPublished) {
      if (actor.kind === 'anonymous') sendError(reply, 401, 'not_signed_in', 'The report is not published yet. Staff sign in to read it.')
      else sendError(reply, 403, 'not_published', 'The report is not published yet. Only the staff of the process can read it now.')
      return null
    }
    return buildReport(await reportInput(db, processId, process), { public: !staff })
  }

  app.get(
    '/api/workshops/:id/report.json',
    { schema: { summary: 'The report of a process: every contribution by its reference, where it ended up', tags, params: IdParams, querystring: NoQuery, response: { 200: Report, ...errors } } },
    async (request, reply) => {
      const built = await report(request.actor, request.params.id, reply)
      if (!built) return reply
      reply.header('Cache-Control', 'no-store')
      return built
    },
  )

  app.get(
    '/api/workshops/:id/report.csv',
    { schema: { summary: 'The report as CSV, one row per contribution', tags, params: IdParams, querystring: NoQuery, response: { 200: Type.String(), ...errors } } },
    async (request, reply) => {
      const built = await report(request.actor, request.params.id, reply)
      if (!built) return reply
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="rapport.csv"')
        .header('Cache-Control', 'no-store')
        .send('\uFEFF' + reportCsv(built))
    },
  )

  app.post(
    '/api/workshops/mine',
    {
      schema: {
        summary: 'Where my contributions ended up. Only their author has the ids, so knowing one is the permission (anonymous ones included).',
        tags,
        body: MineRequest,
        response: { 200: Type.Array(Placement), ...errors },
      },
    },
    async (request) => {
      const mine = await Promise.all(request.body.ids.map(async (id) => ({ id, data: await recordOf<ContributionData>(db, WorkshopContribution.name, id) })))
      const processIds = [...new Set(mine.flatMap((m) => (m.data ? [m.data.processId] : [])))]
      const placements: Placement[] = []
      for (const processId of processIds) {
        const process = await processOf(db, processId)
        if (!process) continue
        const built = buildReport(await reportInput(db, processId, process), { public: false })
        for (const m of mine) {
          if (m.data?.processId !== processId) continue
          const place = placementIn(built, m.data.ref)
          if (!place) continue
          placements.push({
            id: m.id,
            ref: m.data.ref,
            processId,
            processTitle: process.title,
            place: place.kind,
            themeTitle: place.kind === 'theme' ? place.title : null,
            hiddenReason: place.kind === 'hidden' ? place.reason : null,
            mergedWith: place.mergedWith,
            inProposal: place.kind === 'hidden' ? false : place.inProposal,
          })
        }
      }
      return placements
    },
  )
}
