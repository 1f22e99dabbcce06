import { loggableError } from '../http/errors.js'
import { and, eq, gte, isNull, lt, notExists, or } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { AccountsContext } from '../accounts/context.js'
import { councils, memberships, people, relativeLinks, sessions } from '../db/schema.js'
import { erasePerson } from './erase.js'

export const RETENTION_INTERVAL_MS = 24 * 3_600_000

/** The date `months` after an ISO date, as an ISO date (the 31st rolls over like JavaScript's Date). */
function addMonths(isoDate: string, months: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCMonth(date.getUTCMonth() + months)
  return date.toISOString().slice(0, 10)
}

/**
 * People whose every membership ended more than their council's retention period ago. A
 * membership without an end, or in a council that keeps data until erased by hand (retention
 * null), keeps the person. Staff are never erased by the clock.
 */
export async function peopleDueForErasure(ctx: AccountsContext): Promise<string[]> {
  const today = ctx.now().toISOString().slice(0, 10)
  const rows = await ctx.db
    .select({ personId: memberships.personId, termEnd: memberships.termEnd, months: councils.retentionMonths })
    .from(memberships)
    .innerJoin(councils, eq(councils.id, memberships.councilId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(isNull(people.erasedAt), isNull(people.staffRole)))
  const keep = new Set<string>()
  const candidates = new Set<string>()
  for (const row of rows) {
    candidates.add(row.personId)
    const expired = row.termEnd !== null && row.months !== null && addMonths(row.termEnd, row.months) < today
    if (!expired) keep.add(row.personId)
  }
  return [...candidates].filter((id) => !keep.has(id)).sort()
}

/**
 * Relatives and participants who belong to nothing (no membership, no relative link) are kept
 * this long after they were added or last used the app, then erased: a relative whose resident
 * was erased, a participant of a one-off workshop, someone added and never given a council.
 */
export const UNATTACHED_RETENTION_MONTHS = 12

/** Cardholders with no membership and no link who were neither added nor seen in the last 12 months. */
export async function unattachedDueForErasure(ctx: AccountsContext): Promise<string[]> {
  const now = ctx.now()
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - UNATTACHED_RETENTION_MONTHS)
  const rows = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        isNull(people.erasedAt),
        isNull(people.staffRole),
        lt(people.createdAt, cutoff),
        notExists(ctx.db.select().from(memberships).where(eq(memberships.personId, people.id))),
        notExists(ctx.db.select().from(relativeLinks).where(or(eq(relativeLinks.relativeId, people.id), eq(relativeLinks.residentId, people.id)))),
        notExists(ctx.db.select().from(sessions).where(and(eq(sessions.personId, people.id), gte(sessions.lastSeenAt, cutoff)))),
      ),
    )
  return rows.map((r) => r.id).sort()
}

/**
 * Ended and expired sessions are kept ENDED_SESSION_DAYS (default 30), so a person can see under
 * "Mine enheder" and in their export where they were signed in lately, and then removed: when
 * and on what device someone used the app is theirs too.
 */
export async function removeEndedSessions(ctx: AccountsContext): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - (ctx.endedSessionDays ?? 30) * 86_400_000)
  const removed = await ctx.db
    .delete(sessions)
    .where(or(lt(sessions.endedAt, cutoff), lt(sessions.expiresAt, cutoff)))
    .returning({ id: sessions.id })
  return removed.length
}

/** One run of the job; each person in a transaction of their own. Returns how many were erased. */
export async function runRetention(ctx: AccountsContext): Promise<number> {
  await removeEndedSessions(ctx)
  const due = [...new Set([...(await peopleDueForErasure(ctx)), ...(await unattachedDueForErasure(ctx))])]
  for (const personId of due) {
    const version = await ctx.db.transaction((tx) => erasePerson(tx, ctx.registry, personId, { kind: 'system' }, ctx.now()))
    if (version !== null) await ctx.pokes.publish(version).catch(() => {})
  }
  return due.length
}

/**
 * Runs when the server is ready and then once a day. The timer is unref'd so it never keeps a
 * process alive, and cleared on close so a run cannot start on a closed database.
 */
export function startRetentionJob(app: FastifyInstance, ctx: AccountsContext): void {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const run = () => {
    running = runRetention(ctx).then(
      (erased) => erased > 0 && app.log.info({ erased }, 'retention: erased people whose terms ended long ago, or who belonged to nothing for a year'),
      (error: unknown) => app.log.error({ error: error instanceof Error ? loggableError(error) : String(error) }, 'retention run failed; it runs again in 24 hours'),
    )
    return running
  }
  app.addHook('onReady', async () => {
    await run()
    timer = setInterval(run, RETENTION_INTERVAL_MS).unref()
  })
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}
