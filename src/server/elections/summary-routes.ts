import { and, desc, eq, inArray, isNotNull, lte, ne, or } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { Uuid } from '../../shared/accounts/model.js'
import { ElectionSummary, type ElectionStatus } from '../../shared/elections/model.js'
import { ErrorResponse } from '../../shared/system/health.js'
import { IdParams, NoQuery } from '../accounts/admin-common.js'
import { councils, elections } from '../db/schema.js'
import type { ElectionsContext } from './context.js'
import { noSuchElection, settingsOf, type ElectionRow } from './store.js'
import { typed } from '../http/typed-app.js'

/** Announced: voting has opened, or candidacy has begun. A draft being prepared is not public. */
const announced = (now: Date) =>
  or(ne(elections.status, 'draft'), and(isNotNull(elections.candidacyOpensAt), lte(elections.candidacyOpensAt, now)), lte(elections.votingOpensAt, now))

/** Elections as anyone may see them: for the election pages, the council page and "Kan jeg stemme?". */
export function registerElectionSummaryRoutes(parent: FastifyInstance, ctx: ElectionsContext): void {
  const app = typed(parent)
  const { db } = ctx
  const tags = ['elections']

  async function summaries(rows: ElectionRow[]): Promise<ElectionSummary[]> {
    if (rows.length === 0) return []
    const names = new Map((await db.select({ id: councils.id, name: councils.name }).from(councils).where(inArray(councils.id, [...new Set(rows.map((r) => r.councilId))]))).map((c) => [c.id, c.name]))
    return rows.map((row) => {
      const { councilId, title, seats, substitutes, maxChoices, termStart, termEnd, candidacyOpensAt, candidacyClosesAt, votingOpensAt, votingClosesAt, easyRead } = settingsOf(row)
      return {
        id: row.id,
        councilId,
        councilName: names.get(row.councilId) ?? '',
        title,
        status: row.status as ElectionStatus,
        seats,
        substitutes,
        maxChoices,
        termStart,
        termEnd,
        candidacyOpensAt,
        candidacyClosesAt,
        votingOpensAt,
        votingClosesAt,
        easyRead,
        manifestHash: row.manifestHash,
        publishedAt: row.publishedAt?.toISOString() ?? null,
      }
    })
  }

  app.get(
    '/api/elections',
    {
      schema: {
        summary: 'Announced elections, newest first, optionally of one council',
        tags,
        querystring: Type.Object({ councilId: Type.Optional(Uuid) }),
        response: { 200: Type.Array(ElectionSummary), 400: ErrorResponse },
      },
    },
    async (request) => {
      const { councilId } = request.query
      const where = councilId ? and(eq(elections.councilId, councilId), announced(ctx.now())) : announced(ctx.now())
      return summaries(await db.select().from(elections).where(where).orderBy(desc(elections.votingOpensAt)).limit(100))
    },
  )

  app.get(
    '/api/elections/:id',
    { schema: { summary: 'One announced election', tags, params: IdParams, querystring: NoQuery, response: { 200: ElectionSummary, 400: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      const [row] = await db
        .select()
        .from(elections)
        .where(and(eq(elections.id, request.params.id), announced(ctx.now())))
      if (!row) return noSuchElection(reply)
      return (await summaries([row]))[0]
    },
  )
}
