import { CouncilMemberRecord, CouncilRecord, type CouncilMemberData } from '../../shared/accounts/entities.js'
import type { SyncPolicy, SyncRegistry } from '../sync/registry.js'
import { canSeeCouncilInside } from './actor.js'

const serverOnly = 'Councils and their members are changed by staff in the admin pages, not through sync.'

export const councilPolicy: SyncPolicy = {
  canRead: () => true,
  canWrite: () => serverOnly,
}

/**
 * Membership of a council at a psychiatric or disability service reveals health, so a member
 * is shown to the public only when they agreed to be listed; the council's own members, their
 * linked relatives and its staff see everyone.
 */
export const councilMemberPolicy: SyncPolicy = {
  canRead: (actor, _scope, data) => {
    if (data === null) return true
    const member = data as CouncilMemberData
    return member.listedPublicly || canSeeCouncilInside(actor, member.councilId)
  },
  canWrite: () => serverOnly,
}

export function registerAccountEntities(registry: SyncRegistry): void {
  registry.register(CouncilRecord, councilPolicy)
  registry.register(CouncilMemberRecord, councilMemberPolicy)
}
