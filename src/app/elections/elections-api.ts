import type { Board } from '../../shared/elections/board'
import type { Envelope } from '../../shared/elections/envelope'
import type { PublishedManifest } from '../../shared/elections/manifest'
import type {
  BallotAccepted,
  Candidate,
  CandidacyInput,
  CandidateEntry,
  CardCheck,
  CardRevocation,
  CardsRegistered,
  ElectionAdminView,
  ElectionInput,
  ElectionSummary,
  PublicCandidate,
  RollEntry,
  RollInput,
  RollReceipt,
  Turnout,
} from '../../shared/elections/model'
import type { ElectionResult } from '../../shared/elections/result'
import { api } from '../api'

/** The public election routes of docs/election-protocol.md, and "Stil op". */
export const electionsApi = {
  list: (councilId?: string) => api<ElectionSummary[]>('GET', `/api/elections${councilId ? `?councilId=${councilId}` : ''}`),
  get: (id: string) => api<ElectionSummary>('GET', `/api/elections/${id}`),
  candidates: (id: string) => api<PublicCandidate[]>('GET', `/api/elections/${id}/candidates`),
  manifest: (id: string) => api<PublishedManifest>('GET', `/api/elections/${id}/manifest`),
  cardCheck: (id: string, card: string) => api<CardCheck>('POST', `/api/elections/${id}/card-check`, { card }),
  cast: (id: string, envelope: Envelope) => api<BallotAccepted>('POST', `/api/elections/${id}/ballots`, envelope),
  board: (id: string) => api<Board>('GET', `/api/elections/${id}/board`),
  result: (id: string) => api<ElectionResult>('GET', `/api/elections/${id}/result`),
  myCandidacy: (id: string) => api<Candidate | null>('GET', `/api/elections/${id}/candidacy`),
  stand: (id: string, input: CandidacyInput) => api<Candidate>('PUT', `/api/elections/${id}/candidacy`, input),
}

/** The staff routes; every call needs a connection, nothing is queued. */
export const electionsAdminApi = {
  list: (councilId?: string) => api<ElectionAdminView[]>('GET', `/api/admin/elections${councilId ? `?councilId=${councilId}` : ''}`),
  get: (id: string) => api<ElectionAdminView>('GET', `/api/admin/elections/${id}`),
  create: (input: ElectionInput) => api<ElectionAdminView>('POST', '/api/admin/elections', input),
  update: (id: string, input: ElectionInput) => api<ElectionAdminView>('PUT', `/api/admin/elections/${id}`, input),
  candidates: (id: string) => api<Candidate[]>('GET', `/api/admin/elections/${id}/candidates`),
  enterCandidate: (id: string, input: CandidateEntry) => api<Candidate>('POST', `/api/admin/elections/${id}/candidates`, input),
  approve: (candidateId: string) => api<Candidate>('POST', `/api/admin/candidates/${candidateId}/approve`, {}),
  returnCandidate: (candidateId: string, reason: string) => api<Candidate>('POST', `/api/admin/candidates/${candidateId}/return`, { reason }),
  registerCards: (id: string, cards: string[]) => api<CardsRegistered>('POST', `/api/admin/elections/${id}/cards`, { cards }),
  revokeCard: (id: string, input: CardRevocation) => api<{ revoked: string; replacement: string | null }>('POST', `/api/admin/elections/${id}/cards/revoke`, input),
  roll: (id: string) => api<RollEntry[]>('GET', `/api/admin/elections/${id}/roll`),
  addToRoll: (id: string, input: RollInput) => api<RollEntry>('POST', `/api/admin/elections/${id}/roll`, input),
  tick: (entryId: string, received: RollReceipt) => api<RollEntry>('PUT', `/api/admin/roll/${entryId}`, { received }),
  removeFromRoll: (entryId: string) => api<{ removed: true }>('DELETE', `/api/admin/roll/${entryId}`),
  step: (id: string, step: 'open' | 'close' | 'tally' | 'publish') => api<ElectionAdminView>('POST', `/api/admin/elections/${id}/${step}`, {}),
  apply: (id: string) => api<{ memberships: number; appliedAt: string; notLinked: string[] }>('POST', `/api/admin/elections/${id}/apply`, {}),
  turnout: (id: string) => api<Turnout>('GET', `/api/admin/elections/${id}/turnout`),
  result: (id: string) => api<ElectionResult>('GET', `/api/admin/elections/${id}/result`),
}
