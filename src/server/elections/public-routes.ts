import { and, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Board } from '../../shared/elections/board.js'
import { Envelope } from '../../shared/elections/envelope.js'
import { PublishedManifest } from '../../shared/elections/manifest.js'
import { BallotAccepted, CardCheck, CardCheckRequest, Receipts, type CardState, type ElectionStatus } from '../../shared/elections/model.js'
import { ElectionResult } from '../../shared/elections/result.js'
import { ErrorResponse } from '../../shared/system/health.js'
import { IdParams, NoQuery } from '../accounts/admin-common.js'
import { electionBoard, electionCards } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { ballotBatches } from './ballot-batches.js'
import { acceptBallot } from './ballots.js'
import { readBoard } from './board-store.js'
import type { ElectionsContext } from './context.js'
import { findElection, manifestOf, noSuchElection } from './store.js'
import { typed } from '../http/typed-app.js'

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['elections']

/**
 * The routes docs/election-protocol.md names, open to everyone: a device needs no sign-in to
 * vote, only its card, and anyone may check the board and the result.
 */
export function registerPublicElectionRoutes(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const ballots = ballotBatches(db, (error) => parent.log.warn({ err: error }, 'ballots decided together failed; deciding them one by one'))

  app.get(
    '/api/elections/:id/manifest',
    { schema: { summary: 'The published manifest and its hash (protocol §5)', tags, params: IdParams, querystring: NoQuery, response: { 200: PublishedManifest, ...errors } } },
    async (request, reply) => {
      const election = await findElection(db, request.params.id)
      if (!election) return noSuchElection(reply)
      const published = manifestOf(election)
      if (!published) return sendError(reply, 404, 'not_open', 'Voting has not opened yet, so there is no manifest.')
      return published
    },
  )

  app.post(
    '/api/elections/:id/card-check',
    {
      schema: {
        summary: '"Kan jeg stemme?": whether a card (by its public key) can vote in this election, and when voting opens',
        tags,
        params: IdParams,
        body: CardCheckRequest,
        response: { 200: CardCheck, ...errors },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { card } = request.body
      const election = await findElection(db, id)
      if (!election) return noSuchElection(reply)
      const [row] = await db.select().from(electionCards).where(and(eq(electionCards.electionId, id), eq(electionCards.publicKey, card)))
      const [cast] = row
        ? await db.select({ index: electionBoard.index }).from(electionBoard).where(and(eq(electionBoard.electionId, id), eq(electionBoard.type, 'ballot'), eq(electionBoard.card, card)))
        : []
      const state: CardState = !row ? 'unknown' : cast ? 'used' : row.revoked ? 'revoked' : 'ready'
      return { card: state, status: election.status as ElectionStatus, opensAt: election.votingOpensAt.toISOString(), closesAt: election.votingClosesAt.toISOString() }
    },
  )

  app.post(
    '/api/elections/:id/ballots',
    {
      schema: {
        summary: 'Cast a sealed, signed ballot (protocol §7). The same envelope again gets the same answer.',
        tags,
        params: IdParams,
        body: Envelope,
        response: { 200: BallotAccepted, ...errors },
      },
    },
    async (request, reply) => {
      const result = await acceptBallot(ctx, ballots, request.params.id, request.body)
      return result.ok ? result.answer : sendError(reply, result.status, result.code, result.message)
    },
  )

  app.get(
    '/api/elections/:id/board',
    { schema: { summary: 'The bulletin board: every entry in order (protocol §8)', tags, params: IdParams, querystring: NoQuery, response: { 200: Board, ...errors } } },
    async (request, reply) => {
      const election = await findElection(db, request.params.id)
      if (!election) return noSuchElection(reply)
      if (!election.manifestHash) return sendError(reply, 404, 'not_open', 'Voting has not opened yet, so the board is empty.')
      return { manifestHash: election.manifestHash, entries: await readBoard(db, election.id) }
    },
  )

  app.get(
    '/api/elections/:id/result',
    { schema: { summary: 'The published result (protocol §9.4)', tags, params: IdParams, querystring: NoQuery, response: { 200: ElectionResult, ...errors } } },
    async (request, reply) => {
      const election = await findElection(db, request.params.id)
      if (!election) return noSuchElection(reply)
      if (election.status !== 'published' || !election.result) return sendError(reply, 404, 'not_published', 'The result has not been published yet.')
      // Stored as jsonb from the tally, which builds it to this schema.
      return election.result as ElectionResult
    },
  )

  app.get(
    '/api/elections/:id/receipts',
    { schema: { summary: 'The receipt codes of every counted ballot, sorted', tags, params: IdParams, querystring: NoQuery, response: { 200: Receipts, ...errors } } },
    async (request, reply) => {
      const election = await findElection(db, request.params.id)
      if (!election) return noSuchElection(reply)
      if (election.status !== 'published' || !election.result) return sendError(reply, 404, 'not_published', 'The result has not been published yet.')
      return { receipts: (election.result as { receipts: string[] }).receipts }
    },
  )
}

