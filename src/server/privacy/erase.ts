import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { CouncilMemberRecord } from '../../shared/accounts/entities.js'
import type { Actor } from '../accounts/actor.js'
import { audit } from '../accounts/audit.js'
import { electionErasureWrites, eraseElectionData } from '../elections/erase.js'
import { erasureRequests, memberships, people, relativeLinks, sessions, signInCards, staffCouncils, syncConflicts, syncMutations } from '../db/schema.js'
import type { SyncRegistry } from '../sync/registry.js'
import { writeServerRecords, type Tx } from '../sync/server-write.js'
import { erasureWrite, personalRecordsOf } from './personal-records.js'
import { eraseWorkshopData } from '../workshops/store.js'

export type ErasingActor = Actor | { kind: 'system' }

/**
 * Erases a person inside the caller's transaction (GDPR art. 17). The row stays with a blank
 * name, so contributions kept anonymised still point at "a former participant"; in the audit
 * log the person's id is replaced by a pseudonym. Returns the sync version to poke after commit.
 */
export async function erasePerson(tx: Tx, registry: SyncRegistry, personId: string, actor: ErasingActor, now: Date): Promise<number | null> {
  const [person] = await tx.select().from(people).where(eq(people.id, personId)).for('update')
  if (!person) throw new Error(`erasePerson: no person ${personId}`)

  const ownMemberships = await tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.personId, personId))
  const records = person.erasedAt ? [] : await personalRecordsOf(tx, registry, personId)
  const version = await writeServerRecords(tx, registry, [
    ...ownMemberships.map((m) => ({ entity: CouncilMemberRecord.name, id: m.id, data: null })),
    ...records.map(erasureWrite),
    ...(await electionErasureWrites(tx, personId)),
  ])
  // Membership of a council at a psychiatric service is health data: the rows go, not just the copies.
  await tx.delete(memberships).where(eq(memberships.personId, personId))
  await tx.delete(relativeLinks).where(or(eq(relativeLinks.relativeId, personId), eq(relativeLinks.residentId, personId)))
  await tx.delete(staffCouncils).where(eq(staffCouncils.personId, personId))
  // Their devices and cards go entirely (when and where they used the app is theirs too); the
  // sessions end with the rows, so a device still holding a cookie is signed out at once.
  await tx.delete(sessions).where(eq(sessions.personId, personId))
  await tx.delete(signInCards).where(eq(signInCards.personId, personId))
  await tx.update(sessions).set({ actingFor: null }).where(eq(sessions.actingFor, personId))
  await eraseElectionData(tx, personId)
  await eraseWorkshopData(tx, personId)
  // Both sides of a conflict on their own words are their words, and so are the answers to what they sent.
  await tx.delete(syncConflicts).where(eq(syncConflicts.authorId, personId))
  await tx.delete(syncMutations).where(eq(syncMutations.authorId, personId))
  for (const record of records) {
    await tx.delete(syncConflicts).where(and(eq(syncConflicts.entity, record.entity), eq(syncConflicts.entityId, record.id)))
  }
  await tx
    .update(people)
    .set({ name: '', email: null, passwordHash: null, staffRole: null, holdKey: null, erasedAt: person.erasedAt ?? now })
    .where(eq(people.id, personId))
  const carriedOutBy = actor.kind === 'person' ? actor.personId : null
  await tx
    .update(erasureRequests)
    .set({ carriedOutAt: now, carriedOutBy })
    .where(and(eq(erasureRequests.personId, personId), isNull(erasureRequests.carriedOutAt)))
  const pseudonym = await pseudonymiseInAuditLog(tx, personId)
  // The erasure itself is logged under the pseudonym too; erasure_requests says it was done.
  await audit(tx, actor, 'person.erase', { type: 'person', id: pseudonym }, { records: records.length, memberships: ownMemberships.length })
  return version
}

/**
 * Replaces the person's id in every audit entry (as actor, target or inside the details) by a
 * random id that nothing else knows, so the log still shows that one person was, say, added to
 * a council and linked to a relative, but no longer who. The log is append-only: its trigger
 * lets through exactly this replacement, announced in a setting local to the transaction, and
 * nothing else (drizzle/0006_security.sql).
 */
async function pseudonymiseInAuditLog(tx: Tx, personId: string): Promise<string> {
  const pseudonym = crypto.randomUUID()
  await tx.execute(sql`select set_config('brugerstemme.audit_pseudonymise', ${`${personId} ${pseudonym}`}, true)`)
  await tx.execute(sql`
    update audit_log set
      actor_id = case when actor_id = ${personId}::uuid then ${pseudonym}::uuid else actor_id end,
      target_id = replace(target_id, ${personId}, ${pseudonym}),
      details = replace(details::text, ${personId}, ${pseudonym})::jsonb
    where actor_id = ${personId}::uuid or target_id = ${personId} or strpos(details::text, ${personId}) > 0`)
  await tx.execute(sql`select set_config('brugerstemme.audit_pseudonymise', '', true)`)
  return pseudonym
}

/** Erases several people in one transaction each, so one failure does not undo the others. */
export async function erasePeople(
  db: { transaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T> },
  registry: SyncRegistry,
  personIds: string[],
  actor: ErasingActor,
  now: Date,
): Promise<number | null> {
  let newest: number | null = null
  for (const id of personIds) newest = (await db.transaction((tx) => erasePerson(tx, registry, id, actor, now))) ?? newest
  return newest
}
