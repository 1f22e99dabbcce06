import type { PullResponse, PushRequest, PushResponse } from '../../shared/sync/protocol.js'
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol.js'

export type TransportFailure = 'network' | 'outdated' | 'server' | 'refused'

/** Why a sync request did not get an answer the engine can use. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    message: string,
    readonly status?: number,
    /** The server's error code, e.g. `session_ended`. */
    readonly code?: string,
  ) {
    super(message)
  }
}

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>
  pull(query: { since: string; scopes: string[]; limit?: number }): Promise<PullResponse>
}

/** The real transport: the sync API over fetch, relative to the page's own origin by default. */
export function httpTransport(baseUrl = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): SyncTransport {
  async function call<T>(path: string, init?: RequestInit): Promise<T> {
    let response: Response
    try {
      response = await fetchImpl(`${baseUrl}${path}`, init)
    } catch (error) {
      throw new TransportError('network', error instanceof Error ? error.message : 'no connection')
    }
    if (response.ok) return (await response.json()) as T
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string }
    if (response.status === 409 && body.code === 'client_outdated') {
      throw new TransportError('outdated', body.message ?? 'The app is too old to sync.', 409)
    }
    const kind: TransportFailure = response.status >= 500 || response.status === 429 ? 'server' : 'refused'
    throw new TransportError(kind, body.message ?? `HTTP ${response.status}`, response.status, body.code)
  }

  return {
    push: (request) =>
      call<PushResponse>('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      }),
    pull: ({ since, scopes, limit }) => {
      const params = new URLSearchParams({ since, scopes: scopes.join(','), protocolVersion: String(SYNC_PROTOCOL_VERSION) })
      if (limit) params.set('limit', String(limit))
      return call<PullResponse>(`/api/sync/pull?${params.toString()}`)
    },
  }
}
