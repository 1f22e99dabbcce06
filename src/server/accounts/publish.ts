import { eq } from 'drizzle-orm'
import { CouncilMemberRecord, CouncilRecord, type CouncilMemberData, type CouncilRecordData } from '../../shared/accounts/entities.js'
import type { CouncilKind, MemberRole } from '../../shared/accounts/model.js'
import { councils, memberships, people } from '../db/schema.js'
import type { SyncRegistry } from '../sync/registry.js'
import { storeImageDataUrl } from '../sync/media.js'
import { writeServerRecords, type ServerWrite, type Tx } from '../sync/server-write.js'

type CouncilRow = typeof councils.$inferSelect
type MembershipRow = typeof memberships.$inferSelect
type PersonRow = typeof people.$inferSelect

/** What devices may know of a council: never its retention setting or other admin fields. */
export function councilRecordData(council: CouncilRow): CouncilRecordData {
  return { name: council.name, kind: council.kind as CouncilKind, centre: council.centre, description: council.description }
}

/**
 * The admin pages keep a member's photo as it was uploaded; devices get it as a medium named by
 * reference, stored here once, so a photo never travels inside the member's record.
 */
export async function memberRecordData(tx: Tx, membership: MembershipRow, person: PersonRow): Promise<CouncilMemberData> {
  const photo = membership.photoConsentGivenAt && membership.photo ? await storeImageDataUrl(tx, membership.photo) : null
  return {
    councilId: membership.councilId,
    personId: membership.personId,
    name: person.name,
    role: membership.role as MemberRole,
    isRelative: person.kind === 'relative',
    termStart: membership.termStart,
    termEnd: membership.termEnd,
    photo,
    listedPublicly: membership.listedPublicly,
  }
}

export function councilWrite(council: CouncilRow): ServerWrite {
  return { entity: CouncilRecord.name, id: council.id, data: councilRecordData(council) }
}

export async function membershipWrite(tx: Tx, membership: MembershipRow, person: PersonRow | null): Promise<ServerWrite> {
  // An erased person's membership disappears from every device.
  const data = person && !person.erasedAt ? await memberRecordData(tx, membership, person) : null
  return { entity: CouncilMemberRecord.name, id: membership.id, data }
}

/** Republishes every membership of a person, e.g. after their name changed or they were erased. */
export async function publishPerson(tx: Tx, registry: SyncRegistry, personId: string): Promise<number | null> {
  const [person] = await tx.select().from(people).where(eq(people.id, personId))
  const rows = await tx.select().from(memberships).where(eq(memberships.personId, personId))
  const writes: ServerWrite[] = []
  for (const m of rows) writes.push(await membershipWrite(tx, m, person ?? null))
  return writeServerRecords(tx, registry, writes)
}
