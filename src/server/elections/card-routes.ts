import { and, eq, inArray, or } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { fromBase64url } from '../../shared/elections/bytes.js'
import { cardNumber } from '../../shared/elections/card.js'
import { CardRegistration, CardRevocation, CardRevoked, CardsRegistered } from '../../shared/elections/model.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { adminErrors, IdParams, isUniqueViolation } from '../accounts/admin-common.js'
import { audit } from '../accounts/audit.js'
import { personOf, requireStaff } from '../accounts/guards.js'
import { electionCards } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { Tx } from '../sync/server-write.js'
import { appendEntry, lockElection } from './board-store.js'
import type { ElectionsContext } from './context.js'
import { Refusal } from './refusal.js'
import { nodePrimitives as p } from './node-primitives.js'
import { staffElection, type ElectionRow } from './store.js'
import { typed } from '../http/typed-app.js'


/** Cards may change until voting closes; after opening every change goes on the board. */
function cardsMayChange(election: ElectionRow, now: Date): Refusal | null {
  if (election.status === 'draft') return null
  if (election.status === 'open' && now < election.votingClosesAt) return null
  return new Refusal(409, 'voting_over', 'Voting is over, so ballot cards can no longer change.')
}

async function addCards(tx: Tx, election: ElectionRow, keys: string[], batchId: string): Promise<string[]> {
  const numbers = keys.map((key) => cardNumber(p, fromBase64url(key)))
  if (new Set(keys).size !== keys.length || new Set(numbers).size !== numbers.length) {
    throw new Refusal(409, 'card_clash', 'Two of the new cards are the same, or share a card number. Make the cards again.')
  }
  const clash = await tx
    .select({ key: electionCards.publicKey })
    .from(electionCards)
    .where(and(eq(electionCards.electionId, election.id), or(inArray(electionCards.publicKey, keys), inArray(electionCards.cardNumber, numbers))))
  if (clash.length > 0) throw new Refusal(409, 'card_clash', 'A new card has the same key or card number as an existing card. Make the cards again.')
  await tx.insert(electionCards).values(keys.map((publicKey, i) => ({ electionId: election.id, publicKey, cardNumber: numbers[i]!, batchId })))
  if (election.status === 'open') for (const card of keys) await appendEntry(tx, election, { type: 'card-added', card })
  return numbers
}

export function registerCardRoutes(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['elections-admin']

  /** Runs card work under the election's lock, turning a Refusal into its answer. */
  async function underLock<T>(electionId: string, work: (tx: Tx, election: ElectionRow) => Promise<T>): Promise<T | Refusal> {
    try {
      return await db.transaction(async (tx) => {
        const election = (await lockElection(tx, electionId))!
        const refusal = cardsMayChange(election, ctx.now())
        if (refusal) throw refusal
        return work(tx, election)
      })
    } catch (error) {
      if (error instanceof Refusal) return error
      if (isUniqueViolation(error)) return new Refusal(409, 'card_clash', 'A new card clashes with an existing card. Make the cards again.')
      throw error
    }
  }

  app.post(
    '/api/admin/elections/:id/cards',
    {
      preHandler: requireStaff,
      schema: {
        summary: 'Register the public keys of ballot cards made and printed in this browser (the secrets never reach the server)',
        tags,
        params: IdParams,
        body: CardRegistration,
        response: { 200: CardsRegistered, ...adminErrors },
      },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const election = await staffElection(db, staff, request.params.id, reply)
      if (!election) return reply
      const { cards } = request.body
      const batchId = uuidv7()
      const result = await underLock(election.id, async (tx, locked) => {
        const cardNumbers = await addCards(tx, locked, cards, batchId)
        await audit(tx, staff, 'election.cards.register', { type: 'election', id: election.id }, { count: cards.length, batchId })
        return { batchId, registered: cards.length, cardNumbers }
      })
      return result instanceof Refusal ? sendError(reply, result.status, result.code, result.message) : result
    },
  )

  app.post(
    '/api/admin/elections/:id/cards/revoke',
    {
      preHandler: requireStaff,
      schema: {
        summary: 'Cancel a lost, damaged or left-over card, named by its key or card number, and optionally register its replacement',
        tags,
        params: IdParams,
        body: CardRevocation,
        response: { 200: CardRevoked, ...adminErrors },
      },
    },
    async (request, reply) => {
      const staff = personOf(request)
      const election = await staffElection(db, staff, request.params.id, reply)
      if (!election) return reply
      const input = request.body
      if ((input.card === null) === (input.cardNumber === null)) {
        return sendError(reply, 400, 'name_one_card', 'Name the card either by scanning or typing its code, or by its card number.')
      }
      const result = await underLock(election.id, async (tx, locked) => {
        const [card] = await tx
          .select()
          .from(electionCards)
          .where(and(eq(electionCards.electionId, election.id), input.card ? eq(electionCards.publicKey, input.card) : eq(electionCards.cardNumber, input.cardNumber!)))
          .for('update')
        if (!card) throw new Refusal(404, 'no_such_card', 'No card of this election has that code or number. Check it and try again.')
        if (card.revoked) throw new Refusal(409, 'card_already_revoked', 'This card is already cancelled.')
        await tx.update(electionCards).set({ revoked: true }).where(and(eq(electionCards.electionId, election.id), eq(electionCards.publicKey, card.publicKey)))
        if (locked.status === 'open') await appendEntry(tx, locked, { type: 'card-revoked', card: card.publicKey })
        const replacement = input.replacement ? (await addCards(tx, locked, [input.replacement], uuidv7()))[0]! : null
        await audit(tx, staff, 'election.card.revoke', { type: 'election', id: election.id }, { replaced: replacement !== null })
        return { revoked: card.cardNumber, replacement }
      })
      return result instanceof Refusal ? sendError(reply, result.status, result.code, result.message) : result
    },
  )
}
