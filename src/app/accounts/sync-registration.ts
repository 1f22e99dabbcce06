import { councilScope } from '../../shared/accounts/names'
import { registerScopes, setSignedInCheck } from '../sync/sync-service'
import { useSessionStore } from './session-store'

/** A person follows the councils they belong to or administer; a kiosk its one council. */
export function registerAccountScopes(): void {
  registerScopes(() => {
    const me = useSessionStore().me
    if (me.kind === 'person') return [...me.councilIds, ...me.staffCouncilIds].map(councilScope)
    if (me.kind === 'kiosk') return [councilScope(me.councilId)]
    return []
  })
  setSignedInCheck(() => useSessionStore().me.kind !== 'anonymous')
}
