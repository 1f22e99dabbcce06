import type { Actor } from '../accounts/actor.js'

/**
 * Who may read a record is said as an *audience*: the principals it is for. An actor holds
 * principals too, and reads a record when the two share one. Because the audience is stored
 * with the record, pull filters in the database and a caller never learns that a record it
 * could never read exists (not even as a deletion).
 */
export const PUBLIC = 'public'
export const personPrincipal = (personId: string) => `person:${personId}`
/** A council's members-only content: its members and its staff. */
export const insidePrincipal = (councilId: string) => `inside:${councilId}`
/** A council's staff (secretaries of it and administrators). */
export const staffPrincipal = (councilId: string) => `staff:${councilId}`
/** A shared screen bound to one council. */
export const kioskPrincipal = (councilId: string) => `kiosk:${councilId}`

/** The principals every feature can rely on; features add their own (see SyncRegistry.addPrincipals). */
export function basePrincipals(actor: Actor): string[] {
  if (actor.kind === 'anonymous') return [PUBLIC]
  if (actor.kind === 'kiosk') return [PUBLIC, kioskPrincipal(actor.councilId)]
  return [
    PUBLIC,
    personPrincipal(actor.personId),
    ...[...actor.councilIds].map(insidePrincipal),
    ...[...actor.staffCouncilIds].map(staffPrincipal),
  ]
}

export function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return a.some((p) => b.includes(p))
}
