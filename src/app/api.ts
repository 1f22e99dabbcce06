import { endsCurrentSession, sessionEpoch } from './session-epoch'

/** An answer from the API that was not a success, with the server's code for the app to explain. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }

  /** The request never reached the server (offline, server down). */
  get offline(): boolean {
    return this.status === 0
  }
}

const sessionEndedHandlers = new Set<() => void>()

/** Every API call that finds this device's session ended tells these (accounts signs out). */
export function onApiSessionEnded(handler: () => void): () => void {
  sessionEndedHandlers.add(handler)
  return () => sessionEndedHandlers.delete(handler)
}

/**
 * JSON over fetch for the API routes that are not sync (sign-in, admin, privacy). The session
 * cookie goes along by itself; the browser adds the Origin header the server checks.
 */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const epoch = sessionEpoch()
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'offline', 'No connection')
  }
  const text = await response.text()
  const json: unknown = text ? JSON.parse(text) : null
  if (!response.ok) {
    const error = json as { code?: string; message?: string } | null
    // Only news of the session this request went out under: see session-epoch.ts.
    if (response.status === 401 && error?.code === 'session_ended' && endsCurrentSession(epoch)) for (const handler of sessionEndedHandlers) handler()
    throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? response.statusText)
  }
  return json as T
}
