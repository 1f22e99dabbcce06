/**
 * Which session this page's requests are made under. A request that replaces the session (a
 * sign-in, starting or leaving a kiosk) begins a new epoch. A 401 session_ended for a request
 * sent before it speaks of the session being replaced (the server ends a staff session when it
 * starts a kiosk on that device), not of the new one, and must not sign the new one out.
 */
let epoch = 0

export const sessionEpoch = (): number => epoch

export function replacingSession(): void {
  epoch++
}
