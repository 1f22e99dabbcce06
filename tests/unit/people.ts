import type { Me } from '../../src/shared/accounts/model.js'

type Person = Extract<Me, { kind: 'person' }>

/** Karen, a resident on her council, signed in with her card: Me as the server sends it. */
export const karen: Person = {
  kind: 'person',
  personId: '0190d6a0-0000-7000-8000-00000000000a',
  name: 'Karen Holm',
  personKind: 'member',
  staffRole: null,
  councilIds: [],
  staffCouncilIds: [],
  linkedResidents: [],
  actingFor: null,
  // A canonical base64url key of 32 bytes, as the server makes them.
  holdKey: 'A'.repeat(43),
}

/** Lene, a relative, signed in on the same device after Karen. */
export const lene: Person = { ...karen, personId: '0190d6a0-0000-7000-8000-00000000000b', name: 'Lene Holm', personKind: 'relative' }
