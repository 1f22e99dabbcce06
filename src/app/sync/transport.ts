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
  /** PUT /api/media/<sha256>: idempotent, so an upload cut off half-way is simply made again. */
  uploadMedium(medium: { sha256: string; type: string; blob: Blob }): Promise<void>
  /** The bytes of a medium this caller may see, or null when the server has none for them. */
  fetchMedium(sha256: string): Promise<Blob | null>
}

/** The real transport: the sync API over fetch, relative to the page's own origin by default. */
export function httpTransport(baseUrl = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): SyncTransport {
  async function send(path: string, init?: RequestInit): Promise<Response> {
    let response: Response
    try {
      response = await fetchImpl(`${baseUrl}${path}`, init)
    } catch (error) {
      throw new TransportError('network', error instanceof Error ? error.message : 'no connection')
    }
    if (response.ok) return response
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string }
    if (response.status === 409 && body.code === 'client_outdated') {
      throw new TransportError('outdated', body.message ?? 'The app is too old to sync.', 409)
    }
    const kind: TransportFailure = response.status >= 500 || response.status === 429 ? 'server' : 'refused'
    throw new TransportError(kind, body.message ?? `HTTP ${response.status}`, response.status, body.code)
  }
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await send(path, init)).json()) as T

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
    uploadMedium: async ({ sha256, type, blob }) => {
      await send(`/api/media/${sha256}`, { method: 'PUT', headers: { 'content-type': type }, body: blob })
    },
    fetchMedium: async (sha256) => {
      try {
        return await (await send(`/api/media/${sha256}`)).blob()
      } catch (error) {
        if (error instanceof TransportError && error.status === 404) return null
        throw error
      }
    },
  }
}
