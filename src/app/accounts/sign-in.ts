import type { Me } from '../../shared/accounts/model'
import { replacingSession } from '../session-epoch'

/** Why a sign-in did not work, with what the screen needs to explain it. */
export class SignInError extends Error {
  constructor(
    readonly code: string,
    /** For too_many_attempts: how long to wait in seconds, from the server's Retry-After. */
    readonly waitSeconds?: number,
  ) {
    super(code)
  }
}

/**
 * POST to a sign-in route. Like api.ts, but keeps Retry-After, which the person needs to hear
 * ("Vent 15 minutter"), and turns "no answer" into the code `offline`.
 */
export async function postSignIn(path: '/api/auth/staff' | '/api/auth/card' | '/api/kiosk/leave', body: unknown): Promise<Me> {
  const response = await replacingSession(() =>
    fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => null),
  )
  if (!response) throw new SignInError('offline')
  const json = (await response.json().catch(() => null)) as { code?: string } | null
  if (response.ok) return json as Me
  const retryAfter = Number(response.headers.get('retry-after'))
  throw new SignInError(json?.code ?? 'unknown', retryAfter > 0 ? retryAfter : undefined)
}

/** The locale key and parameters of the plain-Danish message for a failed sign-in. */
export function signInErrorMessage(error: unknown): { key: string; params?: Record<string, unknown> } {
  const code = error instanceof SignInError ? error.code : 'unknown'
  switch (code) {
    case 'wrong_credentials':
    case 'unknown_card':
    case 'offline':
    case 'not_your_council':
      return { key: `signIn.errors.${code}` }
    case 'too_many_attempts': {
      // The server slows guessing down by seconds at first, by minutes only after many tries.
      const seconds = (error as SignInError).waitSeconds ?? 60
      if (seconds < 60) return { key: 'security.tooManyAttemptsSeconds', params: { seconds } }
      return { key: 'signIn.errors.too_many_attempts', params: { minutes: Math.ceil(seconds / 60) } }
    }
    default:
      return { key: 'signIn.errors.unknown' }
  }
}

/** Where to go after signing in: only a path inside the app, never another site. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/log-ind') && value !== '/k' ? value : '/mig'
}

/** The card code from a scanned QR: an invite link (…/k#CODE) or the code itself. */
export function codeFromScan(raw: string): string {
  const text = raw.trim()
  try {
    const url = new URL(text)
    if (url.hash.length > 1) return decodeURIComponent(url.hash.slice(1))
  } catch {
    // Not a link: the QR holds the code itself.
  }
  return text
}
