import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { Consent, MemberAdminView, MemberRole, Person, PersonKind, StaffRole } from '../../shared/accounts/model.js'
import { ErrorResponse } from '../../shared/system/health.js'
import { Uuid } from '../../shared/accounts/model.js'
import type { Db } from '../db/database.js'
import { memberships, people, relativeLinks, staffCouncils } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { Tx } from '../sync/server-write.js'
import { isAdmin, type Actor } from './actor.js'
import type { AccountsContext } from './context.js'

export type PersonRow = typeof people.$inferSelect
export type MembershipRow = typeof memberships.$inferSelect
type StaffActor = Extract<Actor, { kind: 'person' }>

export const adminErrors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
}
export const IdParams = Type.Object({ id: Uuid })
export const NoQuery = Type.Object({})
export const EmptyBody = Type.Object({}, { additionalProperties: false })
export const Removed = Type.Object({ removed: Type.Literal(true) })

export const notYourCouncil = (reply: FastifyReply) => sendError(reply, 403, 'not_your_council', 'You do not work for this council.')
export const noSuchPerson = (reply: FastifyReply, status: 400 | 404 = 404) =>
  sendError(reply, status, 'no_such_person', 'There is no such person. They may have been erased; reload the list.')
export const notYourPerson = (reply: FastifyReply) =>
  sendError(reply, 403, 'not_your_person', 'This person belongs to a council you do not work for. Ask an administrator.')

/**
 * Runs the change and its audit line in one transaction, then tells devices about the new sync
 * version. The poke comes after the commit, so a device that pulls at once sees the change.
 */
export async function inTransaction<T>(ctx: AccountsContext, work: (tx: Tx) => Promise<{ result: T; version?: number | null }>): Promise<T> {
  const { result, version } = await ctx.db.transaction(work)
  if (version != null) await ctx.pokes.publish(version).catch(() => {})
  return result
}

/** Councils each person belongs to: staff councils for a secretary, memberships for everyone else. */
export async function councilIdsOf(db: Db | Tx, rows: PersonRow[]): Promise<Map<string, string[]>> {
  const ids = rows.map((p) => p.id)
  const result = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]))
  if (ids.length === 0) return new Map()
  const add = (personId: string, councilId: string) => result.get(personId)?.add(councilId)
  for (const m of await db.select({ p: memberships.personId, c: memberships.councilId }).from(memberships).where(inArray(memberships.personId, ids))) add(m.p, m.c)
  for (const s of await db.select().from(staffCouncils).where(inArray(staffCouncils.personId, ids))) add(s.personId, s.councilId)
  return new Map([...result].map(([id, set]) => [id, [...set].sort()]))
}

export function personView(row: PersonRow, councilIds: string[]): Person {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as PersonKind,
    staffRole: row.staffRole as StaffRole | null,
    email: row.email,
    councilIds,
    createdAt: row.createdAt.toISOString(),
    erasedAt: row.erasedAt?.toISOString() ?? null,
  }
}

export async function peopleViews(db: Db | Tx, rows: PersonRow[]): Promise<Person[]> {
  const councils = await councilIdsOf(db, rows)
  return rows.map((row) => personView(row, councils.get(row.id) ?? []))
}

export function memberView(m: MembershipRow, person: Person): MemberAdminView {
  const photoConsent: Consent | null =
    m.photoConsentGivenAt && m.photoConsentRecordedBy ? { givenAt: m.photoConsentGivenAt, recordedBy: m.photoConsentRecordedBy } : null
  return {
    membershipId: m.id,
    councilId: m.councilId,
    person,
    role: m.role as MemberRole,
    termStart: m.termStart,
    termEnd: m.termEnd,
    listedPublicly: m.listedPublicly,
    photo: photoConsent ? m.photo : null,
    photoConsent,
  }
}

export async function memberViews(db: Db | Tx, rows: MembershipRow[]): Promise<MemberAdminView[]> {
  if (rows.length === 0) return []
  const persons = await db.select().from(people).where(inArray(people.id, [...new Set(rows.map((m) => m.personId))]))
  const views = new Map((await peopleViews(db, persons)).map((p) => [p.id, p]))
  return rows.filter((m) => views.has(m.personId)).map((m) => memberView(m, views.get(m.personId)!))
}

/**
 * The councils each person belongs to for management: their own memberships (past terms too,
 * since a former member's data is still theirs) and, for a relative, the memberships of every
 * resident they are linked to.
 */
export async function belongingCouncils(db: Db | Tx, ids: string[]): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]))
  if (ids.length === 0) return result
  const links = await db
    .select({ relativeId: relativeLinks.relativeId, residentId: relativeLinks.residentId })
    .from(relativeLinks)
    .where(inArray(relativeLinks.relativeId, ids))
  const involved = [...new Set([...ids, ...links.map((l) => l.residentId)])]
  const rows = await db.select({ personId: memberships.personId, councilId: memberships.councilId }).from(memberships).where(inArray(memberships.personId, involved))
  const own = new Map<string, Set<string>>()
  for (const m of rows) own.set(m.personId, (own.get(m.personId) ?? new Set()).add(m.councilId))
  for (const id of ids) for (const c of own.get(id) ?? []) result.get(id)!.add(c)
  for (const l of links) for (const c of own.get(l.residentId) ?? []) result.get(l.relativeId)!.add(c)
  return result
}

/**
 * The people a secretary may manage (change, issue or revoke cards for, link, add to a council):
 * cardholders whose every council (belongingCouncils) is one the secretary works for, and
 * cardholders who belong to no council yet whom this secretary created. A person who is also on
 * a council the secretary does not work for is the administrator's: a card issued by the
 * secretary of one council would otherwise open the other council's closed items. Staff
 * accounts are the administrator's alone. An admin may manage every person.
 */
export async function manageableIds(db: Db | Tx, actor: StaffActor, candidates: PersonRow[]): Promise<Set<string>> {
  const live = candidates.filter((p) => !p.erasedAt)
  if (isAdmin(actor)) return new Set(live.map((p) => p.id))
  const cardholders = live.filter((p) => p.staffRole === null)
  const belonging = await belongingCouncils(db, cardholders.map((p) => p.id))
  return new Set(
    cardholders
      .filter((p) => {
        const councilIds = [...(belonging.get(p.id) ?? [])]
        if (councilIds.length === 0) return p.createdBy === actor.personId
        return councilIds.every((c) => actor.staffCouncilIds.has(c))
      })
      .map((p) => p.id),
  )
}

/** The live person behind an id the caller may manage, or null with the error already sent. */
export async function managedPerson(db: Db | Tx, actor: StaffActor, id: string, reply: FastifyReply, status: 400 | 404 = 404): Promise<PersonRow | null> {
  const [row] = await db.select().from(people).where(and(eq(people.id, id), isNull(people.erasedAt)))
  if (!row) {
    noSuchPerson(reply, status)
    return null
  }
  if (!(await manageableIds(db, actor, [row])).has(row.id)) {
    notYourPerson(reply)
    return null
  }
  return row
}

/** A unique index refused the row: two requests raced for the same e-mail or link. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true
  }
  return false
}
