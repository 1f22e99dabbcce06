import { and, eq, isNull } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { councilScope } from '../../shared/accounts/entities.js'
import { Meeting, type MeetingData } from '../../shared/meetings/entities.js'
import { calendarMeeting, meetingsToIcs } from '../../shared/meetings/ics.js'
import { ErrorResponse } from '../../shared/system/health.js'
import { UUID_PATTERN } from '../../shared/sync/uuidv7.js'
import type { Db } from '../db/database.js'
import { councils, syncRecords } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { overlaps } from '../sync/audience.js'
import type { SyncRegistry } from '../sync/registry.js'
import { typed } from '../http/typed-app.js'

/**
 * A meeting the caller (holding `principals`) may read; null for a meeting that does not exist,
 * was deleted, or that they may not read. A draft is answered like a meeting that does not exist.
 */
async function readableMeeting(db: Db, principals: string[], meetingId: string): Promise<MeetingData | null> {
  const [row] = await db
    .select()
    .from(syncRecords)
    .where(and(eq(syncRecords.entity, Meeting.name), eq(syncRecords.id, meetingId), isNull(syncRecords.deletedAt)))
  return row && row.data && overlaps(row.audience, principals) ? (row.data as MeetingData) : null
}

/** The council of a meeting the caller may read (see readableMeeting): a draft's council is not told. */
export async function councilOfMeeting(db: Db, principals: string[], meetingId: string): Promise<string | null> {
  return (await readableMeeting(db, principals, meetingId))?.councilId ?? null
}

/**
 * Public meeting lookups: a council's published meetings as a calendar feed. Public like the agendas themselves, and
 * without a secret in the address, so a calendar app can poll it without signing in.
 */
export function registerCalendarRoutes(parent: FastifyInstance, db: Db, registry: SyncRegistry): void {
  const app = typed(parent)
  app.get(
    '/api/meetings/:id/council',
    {
      schema: {
        summary: 'Which council a meeting belongs to, so a device opening a shared link can follow it',
        tags: ['meetings'],
        params: Type.Object({ id: Type.String({ pattern: UUID_PATTERN }) }),
        querystring: Type.Object({}),
        response: { 200: Type.Object({ councilId: Type.String() }), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const councilId = await councilOfMeeting(db, await registry.principalsOf(db, request.actor), request.params.id)
      if (!councilId) return sendError(reply, 404, 'no_such_meeting', 'There is no such meeting, or it is not public yet.')
      return { councilId }
    },
  )

  app.get(
    '/api/meetings/:id/calendar.ics',
    {
      schema: {
        summary: 'One meeting as an iCalendar file, for "Sæt mødet i din kalender" before the app has made it on the device',
        tags: ['meetings'],
        params: Type.Object({ id: Type.String({ pattern: UUID_PATTERN }) }),
        querystring: Type.Object({}),
        response: { 200: Type.String({ description: 'text/calendar' }), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const meeting = await readableMeeting(db, await registry.principalsOf(db, request.actor), id)
      if (!meeting) return sendError(reply, 404, 'no_such_meeting', 'There is no such meeting, or it is not public yet.')
      const [council] = await db.select().from(councils).where(eq(councils.id, meeting.councilId))
      const origin = app.publicOrigin(request) ?? 'http://localhost'
      const councilName = council?.name ?? ''
      reply.header('content-type', 'text/calendar; charset=utf-8')
      reply.header('content-disposition', 'attachment; filename="moede.ics"')
      // The same file the app makes on the device (MeetingCalendarLinks.vue).
      return meetingsToIcs([calendarMeeting(id, meeting, councilName, origin)], councilName || meeting.title)
    },
  )

  app.get(
    '/api/councils/:id/calendar.ics',
    {
      schema: {
        summary: "A council's published meetings as iCalendar, to subscribe to",
        tags: ['meetings'],
        params: Type.Object({ id: Type.String({ pattern: UUID_PATTERN }) }),
        querystring: Type.Object({}),
        response: { 200: Type.String({ description: 'text/calendar' }), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const [council] = await db.select().from(councils).where(eq(councils.id, id))
      if (!council) return sendError(reply, 404, 'no_such_council', 'There is no such council.')
      const rows = await db
        .select()
        .from(syncRecords)
        .where(and(eq(syncRecords.entity, Meeting.name), eq(syncRecords.scope, councilScope(id)), isNull(syncRecords.deletedAt)))
      const origin = app.publicOrigin(request) ?? 'http://localhost'
      const meetings = rows
        .map((row) => ({ id: row.id, data: row.data as MeetingData }))
        .filter((m) => m.data.published)
        .sort((a, b) => a.data.date.localeCompare(b.data.date))
        .map((m) => calendarMeeting(m.id, m.data, council.name, origin))
      reply.header('content-type', 'text/calendar; charset=utf-8')
      reply.header('content-disposition', 'inline; filename="moeder.ics"')
      return meetingsToIcs(meetings, council.name)
    },
  )
}
