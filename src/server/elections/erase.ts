import { asc, eq, inArray } from 'drizzle-orm'
import type { MyData } from '../../shared/accounts/model.js'
import type { Db } from '../db/database.js'
import { electionCandidates, electionRoll, elections } from '../db/schema.js'
import { ElectionCandidateRecord } from '../../shared/elections/entities.js'
import type { ServerWrite, Tx } from '../sync/server-write.js'

/**
 * A person's election data on erasure. A candidacy in an election not yet opened goes entirely;
 * once voting opened, the name stays (it is in the published manifest, as on a printed ballot)
 * but photo, presentation and the link to the person go. Roll entries keep only whether a card
 * was handed out, so the count of cards stays right.
 */
export async function eraseElectionData(tx: Tx, personId: string): Promise<void> {
  const own = await tx
    .select({ id: electionCandidates.id, status: elections.status })
    .from(electionCandidates)
    .innerJoin(elections, eq(elections.id, electionCandidates.electionId))
    .where(eq(electionCandidates.personId, personId))
  const drafts = own.filter((c) => c.status === 'draft').map((c) => c.id)
  if (drafts.length > 0) await tx.delete(electionCandidates).where(inArray(electionCandidates.id, drafts))
  await tx.update(electionCandidates).set({ personId: null, photo: null, recording: null, presentation: '', consentNote: null }).where(eq(electionCandidates.personId, personId))
  await tx.update(electionRoll).set({ personId: null, name: '' }).where(eq(electionRoll.personId, personId))
}

/** The person's published presentations, taken off every device. */
export async function electionErasureWrites(tx: Tx, personId: string): Promise<ServerWrite[]> {
  const own = await tx.select({ id: electionCandidates.id }).from(electionCandidates).where(eq(electionCandidates.personId, personId))
  return own.map((c) => ({ entity: ElectionCandidateRecord.name, id: c.id, data: null }))
}

/** The person's election data for their export: candidacies, and roll entries without any vote. */
export async function electionDataOf(db: Db, personId: string): Promise<Pick<MyData, 'candidacies' | 'electionRoll'>> {
  const candidacies = await db
    .select({ candidate: electionCandidates, electionTitle: elections.title })
    .from(electionCandidates)
    .innerJoin(elections, eq(elections.id, electionCandidates.electionId))
    .where(eq(electionCandidates.personId, personId))
    .orderBy(asc(electionCandidates.createdAt))
  const roll = await db
    .select({ electionId: electionRoll.electionId, electionTitle: elections.title, received: electionRoll.received })
    .from(electionRoll)
    .innerJoin(elections, eq(elections.id, electionRoll.electionId))
    .where(eq(electionRoll.personId, personId))
  return {
    candidacies: candidacies.map(({ candidate: c, electionTitle }) => ({
      electionId: c.electionId,
      electionTitle,
      name: c.name,
      presentation: c.presentation,
      photo: c.photo,
      recording: c.recording ?? null,
      status: c.status,
      returnReason: c.returnReason,
      consentGivenAt: c.consentGivenAt,
      consentNote: c.consentNote,
      createdAt: c.createdAt.toISOString(),
    })),
    electionRoll: roll,
  }
}
