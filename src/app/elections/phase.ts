import type { ElectionSummary } from '../../shared/elections/model'

/** Where an election is, as a voter sees it: the words and the actions on its pages follow this. */
export type ElectionPhase = 'preparing' | 'candidacy' | 'before-voting' | 'voting' | 'counting' | 'published'

export function electionPhase(e: ElectionSummary, now = Date.now()): ElectionPhase {
  if (e.status === 'published') return 'published'
  if (e.status === 'closed' || e.status === 'tallied' || now >= Date.parse(e.votingClosesAt)) return 'counting'
  if (e.status === 'open' && now >= Date.parse(e.votingOpensAt)) return 'voting'
  const candidacyOpen = e.status === 'draft' && (!e.candidacyOpensAt || now >= Date.parse(e.candidacyOpensAt)) && (!e.candidacyClosesAt || now < Date.parse(e.candidacyClosesAt))
  if (candidacyOpen) return 'candidacy'
  return e.status === 'draft' && e.candidacyOpensAt && now < Date.parse(e.candidacyOpensAt) ? 'preparing' : 'before-voting'
}
