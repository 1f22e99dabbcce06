import type { Me } from '../../shared/accounts/model'

/**
 * Where a person lands after signing in when nothing asked for another page: a council member
 * or relative goes to their council's next meeting (what they came for), staff to Mig, where
 * their tools are.
 */
export function landingAfterSignIn(me: Me): string {
  return me.kind === 'person' && me.staffRole === null && me.councilIds.length > 0 ? '/moeder/naeste' : '/mig'
}
