/**
 * The account records' names and scopes, apart from their schemas (entities.ts): the app reads
 * records by name on its first screens, and the schemas (for the server's validation) stay out
 * of that first download.
 */
export const COUNCIL_ENTITY = 'council'
export const COUNCIL_MEMBER_ENTITY = 'council-member'

/** Every device follows the list of councils, so a council page opens even offline. */
export const COUNCILS_SCOPE = 'public:councils'
export const councilScope = (councilId: string) => `council:${councilId}`

export const MEMBER_ROLES = ['chair', 'vice-chair', 'member', 'substitute', 'relatives-representative', 'staff-representative', 'manager'] as const

export const COUNCIL_KINDS = ['user-council', 'centre-council', 'homeless-council', 'relatives-council', 'other'] as const
