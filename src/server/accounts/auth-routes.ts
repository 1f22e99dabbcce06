import { and, desc, eq, isNull } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ActingFor, CardSignIn, Device, KioskStart, Me, StaffSignIn } from '../../shared/accounts/model.js'
import { ErrorResponse } from '../../shared/system/health.js'
import { UUID_PATTERN } from '../../shared/sync/uuidv7.js'
import { councils, people, relativeLinks, sessions, signInCards, staffCouncils } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { isStaffFor } from './actor.js'
import { audit } from './audit.js'
import type { AccountsContext } from './context.js'
import { deviceLabel } from './device-label.js'
import { personOf, requirePerson, requireStaff } from './guards.js'
import { meOf } from './me.js'
import { verifyPassword } from './passwords.js'
import { ACCOUNT_UNDER_ATTACK, PAIR_RULE } from './rate-limit.js'
import { normalizeCardCode, sha256 } from './secrets.js'
import { actorForSession, clearSessionCookie, endSession, isLive, startSession } from './sessions.js'
import { typed } from '../http/typed-app.js'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }

function tooMany(reply: FastifyReply, seconds: number) {
  reply.header('Retry-After', String(seconds))
  const wait = seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`
  return sendError(reply, 429, 'too_many_attempts', `Too many sign-in attempts. Wait ${wait} and try again, or ask staff for help.`)
}

/** Counts a wrong password against the account, this address with this account, and this address. */
async function countWrongPassword(ctx: AccountsContext, keys: { account: string; pair: string; address: string }) {
  const { limiter, address } = ctx.limits
  const accountFailures = await limiter.fail(keys.account, { ...PAIR_RULE, free: Number.MAX_SAFE_INTEGER })
  await limiter.fail(keys.pair, accountFailures > ACCOUNT_UNDER_ATTACK ? { ...PAIR_RULE, free: 0 } : PAIR_RULE)
  await limiter.fail(keys.address, address)
}

/**
 * Checks e-mail and password under the limits. Wrong passwords slow down the address they come
 * from, for that account (and, much later, for every account); they never hold up the right
 * password from an address that has not been guessing, so nobody can lock the owner out.
 */
async function checkStaffPassword(ctx: AccountsContext, request: FastifyRequest, reply: FastifyReply, body: StaffSignIn) {
  const email = body.email.trim().toLowerCase()
  const { limiter } = ctx.limits
  const keys = { account: limiter.keyOf('account', email), pair: limiter.keyOf('pair', email, request.ip), address: limiter.keyOf('address', request.ip) }
  const wait = await limiter.waitSeconds([keys.pair, keys.address])
  if (wait > 0) return void tooMany(reply, wait)
  const [person] = await ctx.db.select().from(people).where(eq(people.email, email))
  const valid = await verifyPassword(person && !person.erasedAt ? person.passwordHash : null, body.password)
  if (!valid || !person || person.staffRole === null) {
    // Failures only: a care home's tablets signing in all day through one address are not guessing.
    await countWrongPassword(ctx, keys)
    return void sendError(reply, 401, 'wrong_credentials', 'The e-mail or the password is not right. Check both and try again.')
  }
  await limiter.clear(keys.pair)
  return person
}

/**
 * A kiosk tablet stays bound to its council until staff of that council take it out through
 * /api/kiosk/leave; signing in or out over it would end the kiosk without that check.
 */
function refuseOnKiosk(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.actor.kind !== 'kiosk') return false
  sendError(reply, 409, 'kiosk_locked', 'This device is in kiosk mode. Staff of the council must end kiosk mode first.')
  return true
}

export function registerAuthRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const me = async (request: FastifyRequest) => meOf(db, request.actor)

  app.get(
    '/api/me',
    { schema: { summary: 'Who this device is signed in as', tags: ['accounts'], querystring: Type.Object({}), response: { 200: Me } } },
    me,
  )

  app.post(
    '/api/auth/staff',
    { schema: { summary: 'Staff sign-in with e-mail and password', tags: ['accounts'], body: StaffSignIn, response: { 200: Me, ...errors } } },
    async (request, reply) => {
      if (refuseOnKiosk(request, reply)) return reply
      const person = await checkStaffPassword(ctx, request, reply, request.body)
      if (!person) return reply
      const session = await startSession(db, request, reply, { kind: 'staff', personId: person.id, label: deviceLabel(request.headers['user-agent']) }, ctx.now())
      request.actor = await actorForSession(db, session, ctx.now())
      await audit(db, request.actor, 'staff.sign-in', { type: 'person', id: person.id })
      return me(request)
    },
  )

  app.post(
    '/api/auth/card',
    { schema: { summary: 'Sign in with the code of a QR card or invite link', tags: ['accounts'], body: CardSignIn, response: { 200: Me, ...errors } } },
    async (request, reply) => {
      if (refuseOnKiosk(request, reply)) return reply
      const addressKey = ctx.limits.limiter.keyOf('address', request.ip)
      const wait = await ctx.limits.limiter.waitSeconds([addressKey])
      if (wait > 0) return tooMany(reply, wait)
      const code = normalizeCardCode(request.body.code)
      const [card] = await db.select().from(signInCards).where(eq(signInCards.codeHash, sha256(code)))
      const [person] = card ? await db.select().from(people).where(eq(people.id, card.personId)) : []
      if (!card || card.revokedAt || !person || person.erasedAt) {
        await ctx.limits.limiter.fail(addressKey, ctx.limits.address)
        return sendError(reply, 401, 'unknown_card', 'This code does not work. Check the letters on the card, or ask staff for a new card.')
      }
      const session = await startSession(
        db,
        request,
        reply,
        { kind: 'card', personId: person.id, cardId: card.id, label: deviceLabel(request.headers['user-agent']) },
        ctx.now(),
      )
      request.actor = await actorForSession(db, session, ctx.now())
      return me(request)
    },
  )

  app.post(
    '/api/auth/sign-out',
    { schema: { summary: 'Sign this device out', tags: ['accounts'], body: Type.Object({}, { additionalProperties: false }), response: { 200: Me, 409: ErrorResponse } } },
    async (request, reply) => {
      if (refuseOnKiosk(request, reply)) return reply
      if (request.session) await endSession(db, request.session.id, ctx.now())
      clearSessionCookie(reply)
      return { kind: 'anonymous' } satisfies Me
    },
  )

  app.put(
    '/api/me/acting-for',
    {
      preHandler: requirePerson,
      schema: { summary: 'A relative starts or stops acting for a linked resident', tags: ['accounts'], body: ActingFor, response: { 200: Me, ...errors } },
    },
    async (request, reply) => {
      const person = personOf(request)
      const { residentId } = request.body
      if (residentId !== null) {
        const [link] = await db
          .select()
          .from(relativeLinks)
          .where(and(eq(relativeLinks.relativeId, person.personId), eq(relativeLinks.residentId, residentId)))
        if (!link) return sendError(reply, 403, 'no_consent', 'You can only act for a resident who has given consent, recorded by staff.')
      }
      await db.update(sessions).set({ actingFor: residentId }).where(eq(sessions.id, person.sessionId))
      const [session] = await db.select().from(sessions).where(eq(sessions.id, person.sessionId))
      request.actor = await actorForSession(db, session!, ctx.now())
      return me(request)
    },
  )

  app.get(
    '/api/me/devices',
    {
      preHandler: requirePerson,
      schema: { summary: 'The devices this person is signed in on', tags: ['accounts'], querystring: Type.Object({}), response: { 200: Type.Array(Device), 401: ErrorResponse } },
    },
    async (request) => {
      const person = personOf(request)
      const now = ctx.now()
      const rows = await db.select().from(sessions).where(and(eq(sessions.personId, person.personId), isNull(sessions.endedAt))).orderBy(desc(sessions.lastSeenAt))
      return rows
        .filter((s) => isLive(s, now))
        .map((s) => ({
          id: s.id,
          kind: s.kind as Device['kind'],
          label: s.label,
          current: s.id === person.sessionId,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
        }))
    },
  )

  app.delete(
    '/api/me/devices/:id',
    {
      preHandler: requirePerson,
      schema: {
        summary: 'Sign one of my devices out',
        tags: ['accounts'],
        params: Type.Object({ id: Type.String({ pattern: UUID_PATTERN }) }),
        querystring: Type.Object({}),
        response: { 200: Type.Object({ ended: Type.Boolean() }), ...errors },
      },
    },
    async (request, reply) => {
      const person = personOf(request)
      const { id } = request.params
      const ended = await db
        .update(sessions)
        .set({ endedAt: ctx.now() })
        .where(and(eq(sessions.id, id), eq(sessions.personId, person.personId), isNull(sessions.endedAt)))
        .returning({ id: sessions.id })
      if (ended.length === 0) return sendError(reply, 404, 'no_such_device', 'That device is not signed in any more.')
      if (id === person.sessionId) clearSessionCookie(reply)
      return { ended: true }
    },
  )

  app.post(
    '/api/kiosk',
    {
      preHandler: requireStaff,
      schema: { summary: 'Turn this device into a shared screen or voting booth for one council', tags: ['accounts'], body: KioskStart, response: { 200: Me, ...errors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const body = request.body
      if (!isStaffFor(staff, body.councilId)) return sendError(reply, 403, 'not_your_council', 'You do not work for this council.')
      const [council] = await db.select().from(councils).where(eq(councils.id, body.councilId))
      if (!council) return sendError(reply, 404, 'no_such_council', 'There is no such council.')
      const session = await startSession(
        db,
        request,
        reply,
        { kind: 'kiosk', kioskCouncilId: council.id, kioskMode: body.mode, label: deviceLabel(request.headers['user-agent']) },
        ctx.now(),
      )
      await audit(db, staff, 'kiosk.start', { type: 'council', id: council.id }, { mode: body.mode, session: session.id })
      request.actor = await actorForSession(db, session, ctx.now())
      return me(request)
    },
  )

  app.post(
    '/api/kiosk/leave',
    {
      schema: { summary: 'Take this device out of kiosk mode; needs a staff sign-in', tags: ['accounts'], body: StaffSignIn, response: { 200: Me, ...errors } },
    },
    async (request, reply) => {
      const kiosk = request.actor
      if (kiosk.kind !== 'kiosk') return sendError(reply, 400, 'not_a_kiosk', 'This device is not in kiosk mode.')
      const person = await checkStaffPassword(ctx, request, reply, request.body)
      if (!person) return reply
      const [worksHere] = await db
        .select()
        .from(staffCouncils)
        .where(and(eq(staffCouncils.personId, person.id), eq(staffCouncils.councilId, kiosk.councilId)))
      if (person.staffRole !== 'admin' && !worksHere) {
        return sendError(reply, 403, 'not_your_council', 'Only staff of this council can end kiosk mode here.')
      }
      const session = await startSession(db, request, reply, { kind: 'staff', personId: person.id, label: deviceLabel(request.headers['user-agent']) }, ctx.now())
      const staff = await actorForSession(db, session, ctx.now())
      request.actor = staff
      await audit(db, staff, 'kiosk.leave', { type: 'council', id: kiosk.councilId }, { session: kiosk.sessionId })
      return me(request)
    },
  )
}
