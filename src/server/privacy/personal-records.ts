import { and, eq, isNotNull, sql } from 'drizzle-orm'
import type { PersonalData } from '../../shared/sync/entity.js'
import type { Db } from '../db/database.js'
import { syncRecords } from '../db/schema.js'
import type { SyncRegistry } from '../sync/registry.js'
import type { ServerWrite, Tx } from '../sync/server-write.js'

export interface PersonalRecord {
  entity: string
  id: string
  data: Record<string, unknown>
  personal: PersonalData
}

/** Every live synced record that an entity marks as this person's (see SyncEntity.personal). */
export async function personalRecordsOf(db: Db | Tx, registry: SyncRegistry, personId: string): Promise<PersonalRecord[]> {
  const found: PersonalRecord[] = []
  for (const name of registry.names()) {
    const personal = registry.get(name)!.entity.personal
    if (!personal) continue
    const rows = await db
      .select({ id: syncRecords.id, data: syncRecords.data })
      .from(syncRecords)
      .where(and(eq(syncRecords.entity, name), isNotNull(syncRecords.data), sql`${syncRecords.data} ->> ${personal.ownerField} = ${personId}`))
    for (const row of rows) found.push({ entity: name, id: row.id, data: row.data!, personal })
  }
  return found
}

/** Deleted, or kept without the owner and the fields that could name them. */
export function erasureWrite(record: PersonalRecord): ServerWrite {
  const { personal } = record
  if (personal.onErasure === 'delete') return { entity: record.entity, id: record.id, data: null }
  const blanked = Object.fromEntries([personal.ownerField, ...(personal.personalFields ?? [])].map((field) => [field, null]))
  return { entity: record.entity, id: record.id, data: { ...record.data, ...blanked } }
}
