import type { Db } from '../db/database.js'
import { auditLog } from '../db/schema.js'
import type { Actor } from './actor.js'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * One line in the append-only audit log: who did what to which record. Details name the fields
 * that changed, never their values, so the log itself holds no health data.
 */
export async function audit(
  tx: Db | Tx,
  actor: Actor | { kind: 'system' },
  action: string,
  target: { type: string; id?: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.kind === 'person' ? actor.personId : null,
    action,
    targetType: target.type,
    targetId: target.id ?? null,
    details: actor.kind === 'kiosk' ? { ...details, kioskSession: actor.sessionId } : details,
  })
}
