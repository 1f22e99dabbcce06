import type {
  AuditEntry,
  Card,
  Council,
  CouncilInput,
  ErasureRequest,
  IssuedCard,
  MemberAdminView,
  MembershipInput,
  MembershipPatch,
  Person,
  PersonInput,
  RelativeLink,
  RelativeLinkInput,
  StaffInput,
  StaffPatch,
} from '../../shared/accounts/model'
import { api } from '../api'

/** The admin API (notes in /api/docs); every call needs a connection, nothing is queued. */
export const adminApi = {
  councils: () => api<Council[]>('GET', '/api/admin/councils'),
  createCouncil: (input: CouncilInput) => api<Council>('POST', '/api/admin/councils', input),
  updateCouncil: (id: string, input: CouncilInput) => api<Council>('PUT', `/api/admin/councils/${id}`, input),

  people: (councilId?: string) => api<Person[]>('GET', `/api/admin/people${councilId ? `?councilId=${councilId}` : ''}`),
  createPerson: (input: PersonInput) => api<Person>('POST', '/api/admin/people', input),
  renamePerson: (id: string, name: string) => api<Person>('PATCH', `/api/admin/people/${id}`, { name }),

  members: (councilId: string) => api<MemberAdminView[]>('GET', `/api/admin/councils/${councilId}/members`),
  addMember: (councilId: string, input: MembershipInput) =>
    api<MemberAdminView>('POST', `/api/admin/councils/${councilId}/members`, input),
  updateMembership: (id: string, patch: MembershipPatch) => api<MemberAdminView>('PATCH', `/api/admin/memberships/${id}`, patch),
  removeMembership: (id: string) => api<{ removed: true }>('DELETE', `/api/admin/memberships/${id}`),

  cards: (personId: string) => api<Card[]>('GET', `/api/admin/people/${personId}/cards`),
  issueCard: (personId: string, kind: 'card' | 'link') => api<IssuedCard>('POST', `/api/admin/people/${personId}/cards`, { kind }),
  revokeCard: (cardId: string) => api<Card>('POST', `/api/admin/cards/${cardId}/revoke`, {}),

  relativeLinks: (personId: string) => api<RelativeLink[]>('GET', `/api/admin/relative-links?personId=${personId}`),
  linkRelative: (input: RelativeLinkInput) => api<RelativeLink>('POST', '/api/admin/relative-links', input),
  unlinkRelative: (relativeId: string, residentId: string) =>
    api<{ removed: true }>('DELETE', `/api/admin/relative-links/${relativeId}/${residentId}`),

  staff: () => api<Person[]>('GET', '/api/admin/staff'),
  createStaff: (input: StaffInput) => api<Person>('POST', '/api/admin/staff', input),
  updateStaff: (id: string, patch: StaffPatch) => api<Person>('PATCH', `/api/admin/staff/${id}`, patch),

  audit: (limit: number, before?: number) =>
    api<AuditEntry[]>('GET', `/api/admin/audit?limit=${limit}${before === undefined ? '' : `&before=${before}`}`),
  erasureRequests: () => api<ErasureRequest[]>('GET', '/api/admin/erasure-requests'),
  erase: (personId: string) => api<{ erased: true }>('POST', `/api/admin/people/${personId}/erase`, {}),
}
