import { and, count, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { toBase64url } from '../../shared/elections/bytes.js'
import { canonicalJson } from '../../shared/elections/canonical-json.js'
import { openBallots } from './open-ballots.js'
import { ballotLength, manifestHash, MANIFEST_PROTOCOL, type Manifest } from '../../shared/elections/manifest.js'
import { ElectionAdminView, Turnout, type ElectionStatus } from '../../shared/elections/model.js'
import { countBoard, ElectionResult } from '../../shared/elections/result.js'
import { verifyBoard } from '../../shared/elections/board.js'
import { adminErrors, IdParams, NoQuery } from '../accounts/admin-common.js'
import { audit } from '../accounts/audit.js'
import { personOf, requireStaff } from '../accounts/guards.js'
import { councils, electionCandidates, electionCards, electionLateCards, elections } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { Tx } from '../sync/server-write.js'
import { appendEntry, lockElection, readBoard } from './board-store.js'
import { writeServerRecords } from '../sync/server-write.js'
import type { ElectionsContext } from './context.js'
import { manifestWrite } from './publish.js'
import { Refusal } from './refusal.js'
import { openElectionKey, sealElectionKey, WrongElectionSecretError } from './key-store.js'
import { nodePrimitives as p } from './node-primitives.js'
import { adminViews, ballotCount, manifestOf, staffElection, type ElectionRow } from './store.js'
import { typed } from '../http/typed-app.js'

const EmptyBody = Type.Object({}, { additionalProperties: false })
const tags = ['elections-admin']


/** Builds and stores the manifest with a fresh election key; the key is kept sealed only. */
async function openVoting(tx: Tx, ctx: ElectionsContext, election: ElectionRow): Promise<{ manifestHash: string; order: string[] }> {
  const approved = await tx.select().from(electionCandidates).where(and(eq(electionCandidates.electionId, election.id), eq(electionCandidates.status, 'approved')))
  if (approved.length === 0) throw new Refusal(409, 'no_candidates', 'No candidate has been approved yet. Approve at least one before opening.')
  const cards = await tx.select({ key: electionCards.publicKey }).from(electionCards).where(and(eq(electionCards.electionId, election.id), eq(electionCards.revoked, false)))
  if (cards.length === 0) throw new Refusal(409, 'no_cards', 'No ballot cards have been made yet. Make and print the cards before opening.')
  const [council] = await tx.select().from(councils).where(eq(councils.id, election.councilId))
  const ordered =
    election.candidateOrder === 'drawn'
      ? approved.map((c) => ({ c, key: toBase64url(p.randomBytes(16)) })).sort((a, b) => (a.key < b.key ? -1 : 1)).map((x) => x.c)
      : [...approved].sort((a, b) => a.name.localeCompare(b.name, 'da'))
  const privateKey = p.randomBytes(32)
  const manifest: Manifest = {
    protocol: MANIFEST_PROTOCOL,
    electionId: election.id,
    councilId: election.councilId,
    councilName: council!.name,
    title: election.title,
    seats: election.seats,
    substitutes: election.substitutes,
    maxChoices: election.maxChoices,
    candidates: ordered.map((c) => ({ id: c.id, name: c.name })),
    opensAt: election.votingOpensAt.toISOString(),
    closesAt: election.votingClosesAt.toISOString(),
    electionKey: toBase64url(p.x25519PublicKey(privateKey)),
    cards: cards.map((c) => c.key).sort(),
    ballotLength: ballotLength(ordered.map((c) => c.id)),
  }
  const hash = manifestHash(p, manifest)
  const sealed = sealElectionKey(ctx.electionSecret, election.id, privateKey)
  privateKey.fill(0)
  await tx.update(elections).set({ status: 'open', manifest: canonicalJson(manifest), manifestHash: hash, ...sealed, boardHead: null, boardLength: 0 }).where(eq(elections.id, election.id))
  return { manifestHash: hash, order: manifest.candidates.map((c) => c.id) }
}

/** Opens every ballot on the closed board and counts them; the lot is seeded with the board hash. */
async function tally(tx: Tx, ctx: ElectionsContext, election: ElectionRow): Promise<ElectionResult> {
  const { manifest, manifestHash: hash } = manifestOf(election)!
  const board = verifyBoard(p, manifest, hash, await readBoard(tx, election.id))
  if (!board.ok) throw new Refusal(409, 'board_broken', `The board does not verify at entry ${board.index} (${board.problem}). Do not publish; contact the operator.`)
  if (!election.sealedKey || !election.sealedKeyId) throw new Refusal(409, 'key_erased', 'The election key has been erased after publication, so the ballots cannot be opened again.')
  let privateKey: Uint8Array
  try {
    privateKey = openElectionKey(ctx.electionSecret, election.id, { sealedKey: election.sealedKey, sealedKeyId: election.sealedKeyId })
  } catch (error) {
    if (error instanceof WrongElectionSecretError) throw new Refusal(409, 'wrong_election_secret', `${error.message} Start the server with the election secret it had when voting opened.`)
    throw error
  }
  const key = { privateKey, publicKey: p.x25519PublicKey(privateKey) }
  let opened: (string[] | null)[]
  try {
    opened = await openBallots(key, board.ballots.map((b) => b.envelope))
  } finally {
    privateKey.fill(0)
  }
  const [late] = await tx.select({ n: count() }).from(electionLateCards).where(eq(electionLateCards.electionId, election.id))
  return countBoard(manifest, hash, board, opened, late?.n ?? 0)
}

export function registerLifecycleRoutes(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  const { db } = ctx

  /** One staff step under the election's lock: the step checks the state it needs and may refuse. */
  function step(path: string, summary: string, run: (tx: Tx, election: ElectionRow, staff: ReturnType<typeof personOf>) => Promise<number | null | void>) {
    app.post(
      `/api/admin/elections/:id/${path}`,
      { preHandler: requireStaff, schema: { summary, tags, params: IdParams, body: EmptyBody, response: { 200: ElectionAdminView, ...adminErrors } } },
      async (request, reply) => {
        const staff = personOf(request)
        const found = await staffElection(db, staff, request.params.id, reply)
        if (!found) return reply
        try {
          const { row, version } = await db.transaction(async (tx) => {
            const locked = (await lockElection(tx, found.id))!
            const version = await run(tx, locked, staff)
            return { row: (await tx.select().from(elections).where(eq(elections.id, found.id)))[0]!, version }
          })
          // Devices learn of the manifest after the commit, so one that pulls at once finds it.
          if (version) await ctx.pokes.publish(version).catch(() => {})
          return (await adminViews(db, [row]))[0]
        } catch (error) {
          if (error instanceof Refusal) return sendError(reply, error.status, error.code, error.message)
          throw error
        }
      },
    )
  }

  const requireStatus = (election: ElectionRow, wanted: ElectionStatus[], message: string) => {
    if (!wanted.includes(election.status as ElectionStatus)) throw new Refusal(409, 'wrong_status', message)
  }

  step('open', 'Open voting: create the election key and publish the manifest', async (tx, election, staff) => {
    requireStatus(election, ['draft'], 'Voting has already been opened.')
    if (ctx.now() >= election.votingClosesAt) throw new Refusal(409, 'closing_passed', 'The closing time has passed. Change the voting times first.')
    const { manifestHash: hash, order } = await openVoting(tx, ctx, election)
    await audit(tx, staff, 'election.open', { type: 'election', id: election.id }, { manifestHash: hash, candidateOrder: election.candidateOrder, ...(election.candidateOrder === 'drawn' ? { drawnOrder: order } : {}) })
    const [opened] = await tx.select().from(elections).where(eq(elections.id, election.id))
    return writeServerRecords(tx, ctx.registry, [manifestWrite(opened!)])
  })

  step('close', 'Close the board; only at or after the closing time by the server clock', async (tx, election, staff) => {
    requireStatus(election, ['open'], 'Only an open election can be closed.')
    if (ctx.now() < election.votingClosesAt) throw new Refusal(409, 'still_open', `Voting is open until ${election.votingClosesAt.toISOString()}. Close it after that.`)
    const { hash } = await appendEntry(tx, election, { type: 'closed' })
    await tx.update(elections).set({ status: 'closed' }).where(eq(elections.id, election.id))
    await audit(tx, staff, 'election.close', { type: 'election', id: election.id }, { boardHash: hash })
  })

  step('tally', 'Open and count the ballots of the closed board; staff check the result before publishing', async (tx, election, staff) => {
    requireStatus(election, ['closed', 'tallied'], 'Close the election before counting.')
    const result = await tally(tx, ctx, election)
    await tx.update(elections).set({ status: 'tallied', result }).where(eq(elections.id, election.id))
    await audit(tx, staff, 'election.tally', { type: 'election', id: election.id }, { boardHash: result.boardHash, ballots: result.ballots })
  })

  step('publish', 'Publish the result, and erase the election key so the board can never be opened again', async (tx, election, staff) => {
    requireStatus(election, ['tallied'], 'Count the ballots before publishing.')
    await tx.update(elections).set({ status: 'published', publishedAt: ctx.now(), sealedKey: null, sealedKeyId: null }).where(eq(elections.id, election.id))
    await audit(tx, staff, 'election.publish', { type: 'election', id: election.id })
  })

  app.get(
    '/api/admin/elections/:id/turnout',
    { preHandler: requireStaff, schema: { summary: 'How many have voted: a number, never who is ahead', tags, params: IdParams, querystring: NoQuery, response: { 200: Turnout, ...adminErrors } } },
    async (request, reply) => {
      const election = await staffElection(db, personOf(request), request.params.id, reply)
      if (!election) return reply
      const [cards] = await db.select({ n: count() }).from(electionCards).where(and(eq(electionCards.electionId, election.id), eq(electionCards.revoked, false)))
      const [late] = await db.select({ n: count() }).from(electionLateCards).where(eq(electionLateCards.electionId, election.id))
      return {
        status: election.status as ElectionStatus,
        ballots: await ballotCount(db, election.id),
        validCards: cards?.n ?? 0,
        late: late?.n ?? 0,
        opensAt: election.votingOpensAt.toISOString(),
        closesAt: election.votingClosesAt.toISOString(),
        now: ctx.now().toISOString(),
      }
    },
  )

  app.get(
    '/api/admin/elections/:id/result',
    { preHandler: requireStaff, schema: { summary: 'The counted result, for staff to check before and after publishing', tags, params: IdParams, querystring: NoQuery, response: { 200: ElectionResult, ...adminErrors } } },
    async (request, reply) => {
      const election = await staffElection(db, personOf(request), request.params.id, reply)
      if (!election) return reply
      if (!election.result) return sendError(reply, 404, 'not_counted', 'The ballots have not been counted yet.')
      // Stored as jsonb from the tally, which builds it to this schema.
      return election.result as ElectionResult
    },
  )
}

