import { and, eq, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'
import { councils, memberships, people, relativeLinks, sessions, staffCouncils } from '../db/schema.js'
import type { KioskMode, PersonKind, StaffRole } from '../../shared/accounts/model.js'
import { ANONYMOUS, type Actor } from './actor.js'
import { isApiRequest } from '../http/api-path.js'
import { newToken, sha256 } from './secrets.js'

/** `__Host-`: only ever sent to this exact origin, over HTTPS (or localhost), for every path. */
export const SESSION_COOKIE = '__Host-brugerstemme'

export type SessionKind = 'staff' | 'card' | 'kiosk'

/**
 * Staff sessions end after an hour without use (they open personal data of many people); a
 * resident's phone stays signed in for months, because scanning a card again is a barrier; a
 * kiosk tablet stays until staff take it out of kiosk mode.
 */
export const SESSION_LIFETIMES: Record<SessionKind, { idleMs: number; absoluteMs: number }> = {
  staff: { idleMs: 60 * 60_000, absoluteMs: 12 * 3_600_000 },
  card: { idleMs: 90 * 86_400_000, absoluteMs: 365 * 86_400_000 },
  kiosk: { idleMs: 30 * 86_400_000, absoluteMs: 365 * 86_400_000 },
}

/** last_seen_at is written at most this often, so reading does not mean writing every time. */
const TOUCH_AFTER_MS = 60_000

export type SessionRow = typeof sessions.$inferSelect

export interface StartSession {
  kind: SessionKind
  personId?: string
  cardId?: string
  kioskCouncilId?: string
  kioskMode?: KioskMode
  label: string
}

/**
 * Always a new session and a new token (no fixation); the session this device had before ends in
 * the same transaction, so a sign-in never leaves two live sessions on one device.
 */
export async function startSession(db: Db, request: FastifyRequest, reply: FastifyReply, start: StartSession, now = new Date()): Promise<SessionRow> {
  const token = newToken()
  const lifetime = SESSION_LIFETIMES[start.kind]
  const row = await db.transaction(async (tx) => {
    if (request.session) await tx.update(sessions).set({ endedAt: now }).where(eq(sessions.id, request.session.id))
    const [created] = await tx
      .insert(sessions)
      .values({
        id: crypto.randomUUID(),
        tokenHash: sha256(token),
        kind: start.kind,
        personId: start.personId ?? null,
        cardId: start.cardId ?? null,
        kioskCouncilId: start.kioskCouncilId ?? null,
        kioskMode: start.kioskMode ?? null,
        label: start.label,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + lifetime.absoluteMs),
      })
      .returning()
    return created!
  })
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    // Staff cookies die with the browser; a resident's and a kiosk's survive a restart.
    ...(start.kind === 'staff' ? {} : { maxAge: Math.floor(lifetime.absoluteMs / 1000) }),
  })
  request.session = row
  return row
}

export async function endSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db.update(sessions).set({ endedAt: now }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' })
}

export function isLive(session: SessionRow, now: Date): boolean {
  if (session.endedAt) return false
  if (session.expiresAt <= now) return false
  return now.getTime() - session.lastSeenAt.getTime() < SESSION_LIFETIMES[session.kind as SessionKind].idleMs
}

const today = (now: Date) => now.toISOString().slice(0, 10)

const jsonList = (query: SQL) => sql<string[]>`coalesce((${query}), '[]'::json)`

/**
 * The person of a session and what they may see, as columns of one query: every API request with
 * a cookie asks, and five round trips for it were a real part of a small request's time.
 * Councils a person belongs to now: a membership whose term has not ended.
 */
const personColumns = (today: string | Placeholder<'today'>) => ({
  id: people.id,
  name: people.name,
  kind: people.kind,
  staffRole: people.staffRole,
  erasedAt: people.erasedAt,
  staffCouncilIds: jsonList(sql`case ${people.staffRole}
    when 'admin' then (select json_agg(${councils.id}) from ${councils})
    when 'secretary' then (select json_agg(${staffCouncils.councilId}) from ${staffCouncils} where ${staffCouncils.personId} = ${people.id})
    end`),
  residentIds: jsonList(sql`case when ${people.kind} = 'relative'
    then (select json_agg(${relativeLinks.residentId}) from ${relativeLinks} where ${relativeLinks.relativeId} = ${people.id}) end`),
  memberCouncilIds: jsonList(sql`(select json_agg(${memberships.councilId}) from ${memberships}
    where ${memberships.personId} = ${people.id} and (${memberships.termEnd} is null or ${memberships.termEnd} >= ${today}::date))`),
})

const selectPerson = (db: Db, personId: string, now: Date) => db.select(personColumns(today(now))).from(people).where(eq(people.id, personId))

/**
 * The session lookup every request with a cookie makes, built once per database: building this
 * query (three sub-selects, nineteen columns) took Drizzle about as long as PGlite took to run it,
 * 1.7 ms of 3.4 ms. On PostgreSQL the name also makes each connection plan it once.
 */
const prepareLiveActor = (db: Db) =>
  db
    .select({ session: sessions, person: personColumns(sql.placeholder('today')) })
    .from(sessions)
    .leftJoin(people, eq(people.id, sessions.personId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('find_live_actor')

const liveActorQueries = new WeakMap<Db, ReturnType<typeof prepareLiveActor>>()

type PersonWithRights = Awaited<ReturnType<typeof selectPerson>>[number]

/** The live session behind a cookie and its actor, in one query; touches last_seen_at now and then. */
export async function findLiveActor(db: Db, token: string, now = new Date()): Promise<{ session: SessionRow; actor: Actor } | null> {
  let query = liveActorQueries.get(db)
  if (!query) liveActorQueries.set(db, (query = prepareLiveActor(db)))
  const [row] = await query.execute({ today: today(now), tokenHash: sha256(token) })
  if (!row || !isLive(row.session, now)) return null
  const session = row.session
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id))
    session.lastSeenAt = now
  }
  return { session, actor: actorOf(session, row.person) }
}

export async function actorForSession(db: Db, session: SessionRow, now = new Date()): Promise<Actor> {
  if (session.kind === 'kiosk') return actorOf(session, null)
  const [person] = await selectPerson(db, session.personId!, now)
  return actorOf(session, person ?? null)
}

function actorOf(session: SessionRow, person: PersonWithRights | null): Actor {
  if (session.kind === 'kiosk') {
    return { kind: 'kiosk', sessionId: session.id, councilId: session.kioskCouncilId!, mode: session.kioskMode as KioskMode }
  }
  if (!person || person.erasedAt) return ANONYMOUS
  const actingFor = session.actingFor && person.residentIds.includes(session.actingFor) ? session.actingFor : null
  // A relative sees what the resident's council shows the public, not its closed items or unlisted
  // members: the resident consented to the relative, the other residents did not.
  const councilIds = new Set([...person.staffCouncilIds, ...person.memberCouncilIds])
  return {
    kind: 'person',
    sessionId: session.id,
    personId: person.id,
    name: person.name,
    personKind: person.kind as PersonKind,
    staffRole: person.staffRole as StaffRole | null,
    councilIds,
    staffCouncilIds: new Set(person.staffCouncilIds),
    actingFor,
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor
    session: SessionRow | null
    /** A session cookie came with the request, but its session has ended or expired. */
    sessionEnded: boolean
  }
}

export function registerSessions(app: FastifyInstance, db: Db, now: () => Date): void {
  app.decorateRequest('actor', null as never)
  app.decorateRequest('session', null)
  app.decorateRequest('sessionEnded', false)
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS
    if (!isApiRequest(request)) return
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return
    const live = await findLiveActor(db, token, now())
    // The dead cookie is left alone: this request may have been sent just before the browser got
    // a new session's cookie (a kiosk started, someone signed in), and clearing it here would
    // delete that new cookie. The device signs out itself when it hears session_ended.
    if (!live) {
      request.sessionEnded = true
      return
    }
    request.session = live.session
    request.actor = live.actor
  })
}
