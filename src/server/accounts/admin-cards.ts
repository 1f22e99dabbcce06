import { and, desc, eq, isNull } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { Card, CardRequest, IssuedCard } from '../../shared/accounts/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { sessions, signInCards } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { adminErrors, IdParams, inTransaction, managedPerson, NoQuery } from './admin-common.js'
import { audit } from './audit.js'
import type { AccountsContext } from './context.js'
import { personOf, requireStaff } from './guards.js'
import { formatCardCode, newCardCode, sha256 } from './secrets.js'
import { typed } from '../http/typed-app.js'

type CardRow = typeof signInCards.$inferSelect

export const cardView = (c: CardRow): Card => ({
  id: c.id,
  personId: c.personId,
  kind: c.kind as Card['kind'],
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
})

export function registerAdminCardRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['admin']

  app.get(
    '/api/admin/people/:id/cards',
    { preHandler: requireStaff, schema: { summary: "A person's cards and invite links", tags, params: IdParams, querystring: NoQuery, response: { 200: Type.Array(Card), ...adminErrors } } },
    async (request, reply) => {
      const { id } = request.params
      if (!(await managedPerson(db, personOf(request), id, reply))) return reply
      const rows = await db.select().from(signInCards).where(eq(signInCards.personId, id)).orderBy(desc(signInCards.createdAt))
      return rows.map(cardView)
    },
  )

  app.post(
    '/api/admin/people/:id/cards',
    {
      preHandler: requireStaff,
      schema: { summary: 'Issue a QR card or an invite link; the code is shown only now', tags, params: IdParams, body: CardRequest, response: { 200: IssuedCard, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { id } = request.params
      const { kind } = request.body
      const person = await managedPerson(db, staff, id, reply)
      if (!person) return reply
      // A card signs in without a password, so it must never open a staff account.
      if (person.staffRole !== null) return sendError(reply, 400, 'staff_use_password', 'Staff sign in with e-mail and password, not with a card.')
      const code = newCardCode()
      const card = await inTransaction(ctx, async (tx) => {
        const [row] = await tx.insert(signInCards).values({ id: uuidv7(), personId: id, kind, codeHash: sha256(code), createdBy: staff.personId, createdAt: ctx.now() }).returning()
        await audit(tx, staff, 'card.issue', { type: 'card', id: row!.id }, { personId: id, kind })
        return { result: row! }
      })
      // The code rides in the fragment, which browsers never send to a server or put in logs.
      return { card: cardView(card), code: formatCardCode(code), url: `${app.publicOrigin(request) ?? 'http://localhost'}/k#${code}` }
    },
  )

  app.post(
    '/api/admin/cards/:id/revoke',
    {
      preHandler: requireStaff,
      schema: { summary: 'Stop a card or link from working; devices signed in with it are signed out', tags, params: IdParams, body: Type.Object({}, { additionalProperties: false }), response: { 200: Card, ...adminErrors } },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const { id } = request.params
      const [card] = await db.select().from(signInCards).where(eq(signInCards.id, id))
      if (!card) return sendError(reply, 404, 'no_such_card', 'There is no such card.')
      if (!(await managedPerson(db, staff, card.personId, reply))) return reply
      return inTransaction(ctx, async (tx) => {
        const now = ctx.now()
        const [row] = await tx.update(signInCards).set({ revokedAt: card.revokedAt ?? now }).where(eq(signInCards.id, id)).returning()
        await tx.update(sessions).set({ endedAt: now }).where(and(eq(sessions.cardId, id), isNull(sessions.endedAt)))
        await audit(tx, staff, 'card.revoke', { type: 'card', id }, { personId: card.personId })
        return { result: cardView(row!) }
      })
    },
  )
}
