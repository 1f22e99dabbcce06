import type { KioskMode, PersonKind, StaffRole } from '../../shared/accounts/model.js'

/** Who is asking, resolved from the session cookie on every API request. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'person'
      sessionId: string
      personId: string
      name: string
      personKind: PersonKind
      staffRole: StaffRole | null
      /** Councils whose members-only content this person may read (their own, or as staff). */
      councilIds: ReadonlySet<string>
      /** Councils this person administers; for an admin, every council. */
      staffCouncilIds: ReadonlySet<string>
      /** The resident this relative is acting for right now, if any. */
      actingFor: string | null
    }
  | { kind: 'kiosk'; sessionId: string; councilId: string; mode: KioskMode }

export const ANONYMOUS: Actor = { kind: 'anonymous' }

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'person' && actor.staffRole === 'admin'
}

export function isStaff(actor: Actor): actor is Extract<Actor, { kind: 'person' }> {
  return actor.kind === 'person' && actor.staffRole !== null
}

/** May change this council's settings, members and meetings. */
export function isStaffFor(actor: Actor, councilId: string): boolean {
  return actor.kind === 'person' && actor.staffCouncilIds.has(councilId)
}

/**
 * May read this council's members-only content (closed items, members not listed publicly).
 * A kiosk is not: a shared screen in a common room is seen by anyone passing by.
 */
export function canSeeCouncilInside(actor: Actor, councilId: string): boolean {
  return actor.kind === 'person' && actor.councilIds.has(councilId)
}
