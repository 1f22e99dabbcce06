import { loadCouncils } from '../councils/council-data'
import type { RecordReader } from '../sync/record-reader'
import type { PrimedAnswer } from '../sync/use-live-query'

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

/** The key of the start page's list of councils (MeetingsPage.vue) among first answers. */
export const START_PAGE_COUNCILS = 'start-page-councils'

/**
 * The start page opened first shows the councils to choose from in its first render, read after
 * the page's first pull is stored (or from that pull, when the server renders the page). An
 * empty list stays unanswered (null), as the page's own query leaves it until it knows the list
 * has been pulled: "no councils" must not show while they are on their way.
 */
export async function startPageAnswer(records: RecordReader): Promise<PrimedAnswer> {
  const councils = await loadCouncils(records)
  return { key: START_PAGE_COUNCILS, answer: councils.length > 0 ? councils : null }
}
