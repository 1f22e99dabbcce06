import type { Me } from '../../shared/accounts/model'

/** A one-off message for the next page load; sessionStorage so it never outlives the tab. */
export const NOTICE_KEY = 'brugerstemme.notice'
export const HELD_KEY = 'brugerstemme.notice-held'

/**
 * What the next page says after a sign-out. A session the server ended says why it may have
 * ended for this kind of session: a resident's card may be blocked; staff are signed out after
 * an hour without use; a kiosk screen is stopped by staff. `ownSignOut`: this browser is
 * signing out right now (another tab heard it from the server first).
 */
export type Notice = 'signed-out' | 'session-ended' | 'staff-session-ended' | 'kiosk-ended'

export function endedNotice(me: Me, ownSignOut: boolean): Notice {
  if (ownSignOut) return 'signed-out'
  if (me.kind === 'kiosk') return 'kiosk-ended'
  if (me.kind === 'person' && me.staffRole !== null) return 'staff-session-ended'
  return 'session-ended'
}

/** The locale key of each notice's text; every notice but a plain sign-out offers to sign in again. */
export const NOTICE_TEXT: Record<Notice, string> = {
  'signed-out': 'signOut.done',
  'session-ended': 'signOut.sessionEnded',
  'staff-session-ended': 'signOut.staffSessionEnded',
  'kiosk-ended': 'signOut.kioskEnded',
}
