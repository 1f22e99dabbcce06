import { CouncilMemberRecord, CouncilRecord, type CouncilMemberData, type CouncilRecordData } from '../../shared/accounts/entities.js'
import { insidePrincipal, PUBLIC } from '../sync/audience.js'
import type { SyncPolicy, SyncRegistry } from '../sync/registry.js'

const serverOnly = 'Councils and their members are changed by staff in the admin pages, not through sync.'

export const councilPolicy: SyncPolicy<CouncilRecordData> = {
  audience: () => [PUBLIC],
  canWrite: () => serverOnly,
}

/**
 * Membership of a council at a psychiatric or disability service reveals health, so a member
 * is shown to the public only when they agreed to be listed, and then without the links that
 * could tie them to a person or a relative; the council's own members and staff see everyone.
 */
export const councilMemberPolicy: SyncPolicy<CouncilMemberData> = {
  audience: (member) => (member.listedPublicly ? [PUBLIC, insidePrincipal(member.councilId)] : [insidePrincipal(member.councilId)]),
  publicView: ({ personId: _person, isRelative: _relative, ...rest }) => rest,
  canWrite: () => serverOnly,
}

export function registerAccountEntities(registry: SyncRegistry): void {
  registry.register(CouncilRecord, councilPolicy)
  registry.register(CouncilMemberRecord, councilMemberPolicy)
}
