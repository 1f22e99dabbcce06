import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import type { ContributionData, PrioritisationData, ProcessData, SessionData, StatementData, ThemeData } from '../../shared/workshops/entities.js'
import { WorkshopContribution, WorkshopPrioritisation, WorkshopProcess, WorkshopSession, WorkshopStatement, WorkshopTheme } from '../../shared/workshops/entities.js'
import type { Answer } from '../../shared/workshops/model.js'
import type { ReportInput } from '../../shared/workshops/report.js'
import { emptyCounts, type Counts } from '../../shared/workshops/rules.js'
import type { Db } from '../db/database.js'
import { people, syncRecords, workshopAllocations, workshopParticipants, workshopReactions } from '../db/schema.js'
import type { Tx } from '../sync/server-write.js'

type Reader = Db | Tx

/** The live record of an entity by id, or null. Workshop records live in the sync records table. */
export async function recordOf<T>(db: Reader, entity: string, id: string, lock?: 'share'): Promise<T | null> {
  const query = db
    .select({ data: syncRecords.data })
    .from(syncRecords)
    .where(and(eq(syncRecords.entity, entity), eq(syncRecords.id, id), isNotNull(syncRecords.data)))
  const [row] = await (lock ? query.for(lock) : query)
  return (row?.data as T | undefined) ?? null
}

/**
 * The record as it stands once every change of it in progress has committed, kept so until this
 * transaction ends. For an answer that is taken only while its statement or prioritisation is
 * open: a close being written waits for the answers already reading it, and an answer arriving
 * during the close reads it closed, so no answer lands after the close (a shared lock: answers
 * do not wait for each other).
 */
export const recordHeldOpen = <T>(tx: Tx, entity: string, id: string) => recordOf<T>(tx, entity, id, 'share')

/** Every live record of an entity in one process, oldest first. */
export async function recordsOfProcess<T>(db: Reader, entity: string, processId: string): Promise<{ id: string; data: T }[]> {
  const rows = await db
    .select({ id: syncRecords.id, data: syncRecords.data })
    .from(syncRecords)
    .where(and(eq(syncRecords.entity, entity), isNotNull(syncRecords.data), sql`${syncRecords.data} ->> 'processId' = ${processId}`))
    .orderBy(syncRecords.id)
  return rows.map((r) => ({ id: r.id, data: r.data as T }))
}

export const processOf = (db: Reader, id: string) => recordOf<ProcessData>(db, WorkshopProcess.name, id)

export async function sessionByCode(db: Reader, code: string): Promise<{ id: string; data: SessionData } | null> {
  const [row] = await db
    .select({ id: syncRecords.id, data: syncRecords.data })
    .from(syncRecords)
    .where(and(eq(syncRecords.entity, WorkshopSession.name), isNotNull(syncRecords.data), sql`${syncRecords.data} ->> 'code' = ${code}`))
  return row ? { id: row.id, data: row.data as SessionData } : null
}

const highestRefQuery = (processId: string) =>
  sql`select max(substr(${syncRecords.data} ->> 'ref', 3)::int) from ${syncRecords}
    where ${syncRecords.entity} = ${WorkshopContribution.name} and ${syncRecords.data} ->> 'processId' = ${processId}`

/** What a new contribution is checked against, read in one query while the push holds the version lock. */
export interface ContributionContext {
  existing: ContributionData | null
  process: ProcessData | null
  session: SessionData | null
  participant: boolean
  showsName: boolean
  highestRef: number
}

/**
 * The contribution if it is already stored, its process and session, whether the person joined
 * the process (and lets their name show), and the highest reference number so far: one round trip
 * instead of six, inside the push's lock, where every round trip makes the next contribution wait.
 */
export async function contributionContext(tx: Tx, p: { id: string; processId: string; sessionId: string | null; personId: string | null }): Promise<ContributionContext> {
  const live = (entity: string, id: string | null) =>
    sql`(select ${syncRecords.data} from ${syncRecords} where ${syncRecords.entity} = ${entity} and ${syncRecords.id} = ${id}::uuid and ${syncRecords.data} is not null)`
  const joined = (onlyShown: boolean) =>
    sql`exists (select 1 from ${workshopParticipants} where ${workshopParticipants.processId} = ${p.processId}::uuid and ${workshopParticipants.personId} = ${p.personId}::uuid${onlyShown ? sql` and ${workshopParticipants.showName}` : sql``})`
  const result = await tx.execute(sql`select
    ${live(WorkshopContribution.name, p.id)} as existing,
    ${live(WorkshopProcess.name, p.processId)} as process,
    ${live(WorkshopSession.name, p.sessionId)} as session,
    ${joined(false)} as participant,
    ${joined(true)} as "showsName",
    (${highestRefQuery(p.processId)}) as "highestRef"`)
  // PGlite and node-postgres both answer with `rows`, jsonb parsed.
  const [row] = (result as unknown as { rows: (Omit<ContributionContext, 'highestRef'> & { highestRef: number | string | null })[] }).rows
  return { ...row!, highestRef: Number(row!.highestRef ?? 0) }
}

/** Whether any contribution (hidden ones too) answers one of these questions, or was given in this session. */
export async function hasContributions(db: Reader, where: { sessionId: string } | { questionIds: string[] }): Promise<boolean> {
  const match = 'sessionId' in where ? sql`${syncRecords.data} ->> 'sessionId' = ${where.sessionId}` : sql`${syncRecords.data} ->> 'questionId' = any(${sql.param(where.questionIds)}::text[])`
  const [row] = await db
    .select({ id: syncRecords.id })
    .from(syncRecords)
    .where(and(eq(syncRecords.entity, WorkshopContribution.name), isNotNull(syncRecords.data), match))
    .limit(1)
  return row !== undefined
}

export async function isParticipant(db: Reader, processId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: workshopParticipants.id })
    .from(workshopParticipants)
    .where(and(eq(workshopParticipants.processId, processId), eq(workshopParticipants.personId, personId)))
    .limit(1)
  return row !== undefined
}

export async function countsOf(db: Reader, processId: string): Promise<Map<string, Counts>> {
  const rows = await db
    .select({ statementId: workshopReactions.statementId, answer: workshopReactions.answer, n: sql<number>`count(*)::int` })
    .from(workshopReactions)
    .where(eq(workshopReactions.processId, processId))
    .groupBy(workshopReactions.statementId, workshopReactions.answer)
  const counts = new Map<string, Counts>()
  for (const r of rows) {
    const c = counts.get(r.statementId) ?? emptyCounts()
    c[r.answer as Answer] += Number(r.n)
    counts.set(r.statementId, c)
  }
  return counts
}

export async function allocationsOf(db: Reader, prioritisationIds: string[]): Promise<Map<string, Record<string, number>[]>> {
  const result = new Map<string, Record<string, number>[]>(prioritisationIds.map((id) => [id, []]))
  if (prioritisationIds.length === 0) return result
  const rows = await db.select().from(workshopAllocations).where(inArray(workshopAllocations.prioritisationId, prioritisationIds))
  for (const r of rows) result.get(r.prioritisationId)?.push(r.allocation)
  return result
}

/** Everything the report is built from. */
export async function reportInput(db: Reader, processId: string, process: ProcessData): Promise<ReportInput> {
  const [sessions, themes, contributions, statements, prioritisations] = await Promise.all([
    recordsOfProcess<SessionData>(db, WorkshopSession.name, processId),
    recordsOfProcess<ThemeData>(db, WorkshopTheme.name, processId),
    recordsOfProcess<ContributionData>(db, WorkshopContribution.name, processId),
    recordsOfProcess<StatementData>(db, WorkshopStatement.name, processId),
    recordsOfProcess<PrioritisationData>(db, WorkshopPrioritisation.name, processId),
  ])
  const counts = await countsOf(db, processId)
  const allocations = await allocationsOf(db, prioritisations.map((p) => p.id))
  const participantRows = await db
    .select({ sessionId: workshopParticipants.sessionId, role: workshopParticipants.role, showName: workshopParticipants.showName, name: people.name })
    .from(workshopParticipants)
    .leftJoin(people, eq(people.id, workshopParticipants.personId))
    .where(eq(workshopParticipants.processId, processId))
  return {
    processId,
    process,
    sessions,
    themes,
    contributions,
    statements: statements.map((s) => ({ ...s, counts: counts.get(s.id) ?? emptyCounts() })),
    prioritisations: prioritisations.map((p) => ({ ...p, allocations: allocations.get(p.id) ?? [] })),
    participants: participantRows
      .filter((p) => p.sessionId !== null)
      .map((p) => ({ sessionId: p.sessionId!, role: p.role as ReportInput['participants'][number]['role'], name: p.showName && p.name ? p.name : null })),
  }
}

/** On erasure: the person's answers, dots and place on the participant list stay counted, unlinked. */
export async function eraseWorkshopData(tx: Tx, personId: string): Promise<void> {
  await tx.update(workshopParticipants).set({ personId: null, showName: false }).where(eq(workshopParticipants.personId, personId))
  await tx.update(workshopReactions).set({ personId: null }).where(eq(workshopReactions.personId, personId))
  await tx.update(workshopAllocations).set({ personId: null }).where(eq(workshopAllocations.personId, personId))
}
