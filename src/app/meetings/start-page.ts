/** What the start page leads to. */
export type StartPageMode =
  | { kind: 'loading' }
  /** The person's own or followed councils' coming meetings. */
  | { kind: 'meetings' }
  /** A first visit to an installation with one council: that council's coming meetings. */
  | { kind: 'only-council'; councilId: string }
  /** A first visit: the councils to choose from (more than five: on the Rådene page). */
  | { kind: 'choose' }

/**
 * A first visit (nobody signed in, nothing followed on this device) must lead somewhere: to the
 * one council of the installation, or to the list to choose from. Anyone else sees meetings.
 */
export function startPageMode(shownCouncilIds: readonly string[], councilIds: readonly string[] | null): StartPageMode {
  if (shownCouncilIds.length > 0) return { kind: 'meetings' }
  if (councilIds === null) return { kind: 'loading' }
  if (councilIds.length === 1) return { kind: 'only-council', councilId: councilIds[0]! }
  return { kind: 'choose' }
}
