import { and, count, eq, inArray } from 'drizzle-orm'
import type { FastifyReply } from 'fastify'
import type { Actor } from '../accounts/actor.js'
import { isStaffFor } from '../accounts/actor.js'
import { notYourCouncil } from '../accounts/admin-common.js'
import type { Db } from '../db/database.js'
import { councils, electionBoard, electionCandidates, electionCards, electionRoll, elections } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { Tx } from '../sync/server-write.js'
import type { ElectionAdminView, ElectionInput, ElectionStatus, VoterGroup } from '../../shared/elections/model.js'
import type { Manifest } from '../../shared/elections/manifest.js'

export type ElectionRow = typeof elections.$inferSelect

export const noSuchElection = (reply: FastifyReply) => sendError(reply, 404, 'no_such_election', 'There is no such election.')

export async function findElection(db: Db | Tx, id: string): Promise<ElectionRow | null> {
  const [row] = await db.select().from(elections).where(eq(elections.id, id))
  return row ?? null
}

/** The election, if the caller works for its council; otherwise null with the error sent. */
export async function staffElection(db: Db | Tx, actor: Actor, id: string, reply: FastifyReply): Promise<ElectionRow | null> {
  const row = await findElection(db, id)
  if (!row) {
    noSuchElection(reply)
    return null
  }
  if (!isStaffFor(actor, row.councilId)) {
    notYourCouncil(reply)
    return null
  }
  return row
}

/** Refuses a change that only a draft election may take, naming the reason. */
export function requireDraft(row: ElectionRow, reply: FastifyReply): boolean {
  if (row.status === 'draft') return true
  sendError(reply, 409, 'election_opened', 'Voting has been opened, so the election can no longer be changed.')
  return false
}

const manifests = new Map<string, { manifest: Manifest; manifestHash: string }>()

/** A manifest this process has already read: published manifests never change. */
export const cachedManifest = (electionId: string) => manifests.get(electionId) ?? null

/** The published manifest, parsed once per process: it never changes after opening. */
export function manifestOf(row: ElectionRow): { manifest: Manifest; manifestHash: string } | null {
  if (!row.manifest || !row.manifestHash) return null
  let cached = manifests.get(row.id)
  if (!cached || cached.manifestHash !== row.manifestHash) {
    cached = { manifest: JSON.parse(row.manifest) as Manifest, manifestHash: row.manifestHash }
    manifests.set(row.id, cached)
  }
  return cached
}

export function settingsOf(row: ElectionRow): ElectionInput {
  return {
    councilId: row.councilId,
    title: row.title,
    seats: row.seats,
    substitutes: row.substitutes,
    maxChoices: row.maxChoices,
    termStart: row.termStart,
    termEnd: row.termEnd,
    voters: row.voters as VoterGroup,
    relativesMayVoteForResident: row.relativesMayVoteForResident,
    candidateOrder: row.candidateOrder as ElectionInput['candidateOrder'],
    candidacyOpensAt: row.candidacyOpensAt?.toISOString() ?? null,
    candidacyClosesAt: row.candidacyClosesAt?.toISOString() ?? null,
    votingOpensAt: row.votingOpensAt.toISOString(),
    votingClosesAt: row.votingClosesAt.toISOString(),
    easyRead: row.easyRead,
  }
}

/** The rows' columns from settings. */
export function settingsColumns(input: ElectionInput) {
  const date = (iso: string | null) => (iso === null ? null : new Date(iso))
  return {
    ...input,
    candidacyOpensAt: date(input.candidacyOpensAt),
    candidacyClosesAt: date(input.candidacyClosesAt),
    votingOpensAt: new Date(input.votingOpensAt),
    votingClosesAt: new Date(input.votingClosesAt),
  }
}

export async function adminViews(db: Db | Tx, rows: ElectionRow[]): Promise<ElectionAdminView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const tallyBy = async <K extends string>(rowsOf: Promise<{ electionId: string; key: K; n: number }[]>) => {
    const out = new Map<string, Partial<Record<K, number>>>()
    for (const { electionId, key, n } of await rowsOf) out.set(electionId, { ...out.get(electionId), [key]: n })
    return out
  }
  const cards = await tallyBy(
    db
      .select({ electionId: electionCards.electionId, key: electionCards.revoked, n: count() })
      .from(electionCards)
      .where(inArray(electionCards.electionId, ids))
      .groupBy(electionCards.electionId, electionCards.revoked)
      .then((r) => r.map((x) => ({ ...x, key: x.key ? ('revoked' as const) : ('valid' as const) }))),
  )
  const roll = await tallyBy(
    db
      .select({ electionId: electionRoll.electionId, key: electionRoll.received, n: count() })
      .from(electionRoll)
      .where(inArray(electionRoll.electionId, ids))
      .groupBy(electionRoll.electionId, electionRoll.received),
  )
  const candidates = await tallyBy(
    db
      .select({ electionId: electionCandidates.electionId, key: electionCandidates.status, n: count() })
      .from(electionCandidates)
      .where(inArray(electionCandidates.electionId, ids))
      .groupBy(electionCandidates.electionId, electionCandidates.status),
  )
  const names = new Map((await db.select({ id: councils.id, name: councils.name }).from(councils).where(inArray(councils.id, [...new Set(rows.map((r) => r.councilId))]))).map((c) => [c.id, c.name]))
  return rows.map((row) => {
    const r = roll.get(row.id) ?? {}
    const c = candidates.get(row.id) ?? {}
    return {
      id: row.id,
      ...settingsOf(row),
      status: row.status as ElectionStatus,
      councilName: names.get(row.councilId) ?? '',
      cards: { valid: cards.get(row.id)?.valid ?? 0, revoked: cards.get(row.id)?.revoked ?? 0 },
      roll: { people: (r.no ?? 0) + (r.self ?? 0) + (r.relative ?? 0), received: (r.self ?? 0) + (r.relative ?? 0) },
      candidates: { approved: c.approved ?? 0, waiting: c.proposed ?? 0 },
      manifestHash: row.manifestHash,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      appliedAt: row.appliedAt?.toISOString() ?? null,
    }
  })
}

/** Ballots on the board: a number, never what they say. */
export async function ballotCount(db: Db | Tx, electionId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(electionBoard).where(and(eq(electionBoard.electionId, electionId), eq(electionBoard.type, 'ballot')))
  return row?.n ?? 0
}
