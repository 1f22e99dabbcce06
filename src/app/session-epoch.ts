/**
 * Which session this page's requests are made under. A request that replaces the session (a
 * sign-in, starting or leaving a kiosk) begins a new epoch as it goes out and another as its
 * answer arrives. A 401 session_ended speaks of the session this page has now only for a request
 * sent in the current epoch while no replacement was on its way: one sent before, or while the
 * new cookie had not arrived yet, carried the session being replaced (the server ends a staff
 * session when it starts a kiosk on that device), and must not sign the new one out.
 */
let epoch = 0
let replacing = 0

export const sessionEpoch = (): number => epoch

/** No request replaced the session since epoch `sent`, and none is on its way. */
export const sessionUnchangedSince = (sent: number): boolean => replacing === 0 && sent === epoch

/** Whether a session_ended answer to a request sent in epoch `sent` ends this page's session. */
export const endsCurrentSession = sessionUnchangedSince

export async function replacingSession<T>(replace: () => Promise<T>): Promise<T> {
  epoch++
  replacing++
  try {
    return await replace()
  } finally {
    replacing--
    epoch++
  }
}
