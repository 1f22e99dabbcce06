import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErasureRequest, MyData, type AuditEntry } from '../../shared/accounts/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { adminErrors, EmptyBody, IdParams, inTransaction, memberViews, NoQuery, peopleViews } from '../accounts/admin-common.js'
import { cardView } from '../accounts/admin-cards.js'
import { linkViews } from '../accounts/admin-relatives.js'
import { auditEntryView } from '../accounts/admin-audit.js'
import { audit } from '../accounts/audit.js'
import type { AccountsContext } from '../accounts/context.js'
import { personOf, requireAdmin, requirePerson } from '../accounts/guards.js'
import { isLive } from '../accounts/sessions.js'
import { auditLog, councils, erasureRequests, memberships, people, relativeLinks, sessions, signInCards, syncConflicts, syncMutations } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { Db } from '../db/database.js'
import { electionDataOf } from '../elections/erase.js'
import { erasePerson } from './erase.js'
import { personalRecordsOf } from './personal-records.js'
import { typed } from '../http/typed-app.js'

type RequestRow = typeof erasureRequests.$inferSelect

async function requestViews(db: Db, rows: RequestRow[]): Promise<ErasureRequest[]> {
  if (rows.length === 0) return []
  const names = new Map((await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, rows.map((r) => r.personId)))).map((p) => [p.id, p.name]))
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    personName: names.get(r.personId) ?? '',
    requestedAt: r.requestedAt.toISOString(),
    carriedOutAt: r.carriedOutAt?.toISOString() ?? null,
  }))
}

/** Audit entries that name the person as actor, as target or anywhere in their details. */
async function auditEntriesAbout(db: Db, personId: string): Promise<AuditEntry[]> {
  const rows = await db
    .select({ entry: auditLog, actorName: people.name })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(or(eq(auditLog.actorId, personId), eq(auditLog.targetId, personId), sql`strpos(${auditLog.details}::text, ${personId}) > 0`))
    .orderBy(asc(auditLog.id))
  return rows.map(auditEntryView)
}

export function registerPrivacyRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx

  app.get(
    '/api/me/export',
    {
      preHandler: requirePerson,
      schema: { summary: 'Everything the server holds about me, as a JSON file', tags: ['privacy'], querystring: NoQuery, response: { 200: MyData, 401: adminErrors[401] } },
    },
    async (request, reply) => {
      const me = personOf(request)
      const [person] = await db.select().from(people).where(eq(people.id, me.personId))
      const ownMemberships = await db.select().from(memberships).where(eq(memberships.personId, me.personId)).orderBy(asc(memberships.termStart))
      const councilNames = new Map((await db.select({ id: councils.id, name: councils.name }).from(councils)).map((c) => [c.id, c.name]))
      const views = await memberViews(db, ownMemberships)
      const now = ctx.now()
      const devices = await db.select().from(sessions).where(and(eq(sessions.personId, me.personId), isNull(sessions.endedAt))).orderBy(desc(sessions.lastSeenAt))
      const allSessions = (await db.select().from(sessions).where(eq(sessions.personId, me.personId)).orderBy(asc(sessions.createdAt))).map((s) => ({
        id: s.id,
        kind: s.kind,
        label: s.label,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        endedAt: s.endedAt?.toISOString() ?? null,
      }))
      const data: MyData = {
        exportedAt: now.toISOString(),
        profile: (await peopleViews(db, [person!]))[0]!,
        memberships: views.map((v) => ({ ...v, councilName: councilNames.get(v.councilId) ?? '' })),
        relativeLinks: await linkViews(
          db,
          await db.select().from(relativeLinks).where(or(eq(relativeLinks.relativeId, me.personId), eq(relativeLinks.residentId, me.personId))),
        ),
        cards: (await db.select().from(signInCards).where(eq(signInCards.personId, me.personId)).orderBy(asc(signInCards.createdAt))).map(cardView),
        devices: devices
          .filter((s) => isLive(s, now))
          .map((s) => ({ id: s.id, kind: s.kind as 'staff' | 'card' | 'kiosk', label: s.label, current: s.id === me.sessionId, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
        erasureRequests: await requestViews(db, await db.select().from(erasureRequests).where(eq(erasureRequests.personId, me.personId))),
        records: (await personalRecordsOf(db, ctx.registry, me.personId)).map(({ entity, id, data }) => ({ entity, id, data })),
        conflicts: (await db.select().from(syncConflicts).where(eq(syncConflicts.authorId, me.personId)).orderBy(asc(syncConflicts.createdAt))).map((c) => ({
          mutationId: c.mutationId,
          entity: c.entity,
          entityId: c.entityId,
          fields: c.fields,
          theirs: c.serverValues,
          mine: c.clientValues,
          createdAt: c.createdAt.toISOString(),
        })),
        sessions: allSessions,
        auditEntries: await auditEntriesAbout(db, me.personId),
        ...(await electionDataOf(db, me.personId)),
        sentChanges: (await db.select().from(syncMutations).where(eq(syncMutations.authorId, me.personId)).orderBy(asc(syncMutations.createdAt))).map((m) => ({
          mutationId: m.id,
          status: String(m.result.status),
          createdAt: m.createdAt.toISOString(),
        })),
      }
      reply.header('Content-Disposition', 'attachment; filename="brugerstemme-mine-data.json"')
      return data
    },
  )

  app.post(
    '/api/me/erasure-request',
    {
      preHandler: requirePerson,
      schema: { summary: 'Ask to have my data erased; staff carry it out', tags: ['privacy'], body: EmptyBody, response: { 200: ErasureRequest, ...adminErrors } },
    },
    async (request) => {
      const me = personOf(request)
      // Asking twice (a retry, a second device) answers with the request already open.
      const [open] = await db.select().from(erasureRequests).where(and(eq(erasureRequests.personId, me.personId), isNull(erasureRequests.carriedOutAt)))
      if (open) return (await requestViews(db, [open]))[0]!
      const row = await inTransaction(ctx, async (tx) => {
        const [created] = await tx.insert(erasureRequests).values({ id: uuidv7(), personId: me.personId, requestedAt: ctx.now() }).returning()
        await audit(tx, me, 'erasure.request', { type: 'person', id: me.personId })
        return { result: created! }
      })
      return (await requestViews(db, [row]))[0]!
    },
  )

  app.get(
    '/api/admin/erasure-requests',
    { preHandler: requireAdmin, schema: { summary: 'Requests to erase a person, open ones first', tags: ['privacy'], querystring: NoQuery, response: { 200: Type.Array(ErasureRequest), ...adminErrors } } },
    async () => {
      const rows = await db
        .select()
        .from(erasureRequests)
        .orderBy(sql`${erasureRequests.carriedOutAt} is not null`, desc(erasureRequests.requestedAt))
      return requestViews(db, rows)
    },
  )

  app.post(
    '/api/admin/people/:id/erase',
    {
      preHandler: requireAdmin,
      schema: { summary: "Erase a person's personal data; their contributions stay, anonymised", tags: ['privacy'], params: IdParams, body: EmptyBody, response: { 200: Type.Object({ erased: Type.Literal(true) }), ...adminErrors } },
    },
    async (request, reply) => {
      const admin = personOf(request)
      const { id } = request.params
      if (id === admin.personId) return sendError(reply, 400, 'cannot_erase_self', 'You cannot erase your own account. Ask another administrator.')
      const [person] = await db.select({ id: people.id }).from(people).where(eq(people.id, id))
      if (!person) return sendError(reply, 404, 'no_such_person', 'There is no such person.')
      await inTransaction(ctx, async (tx) => ({ result: null, version: await erasePerson(tx, ctx.registry, id, admin, ctx.now()) }))
      return { erased: true as const }
    },
  )
}
