import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { createLocalDb, type LocalDb } from '../../src/app/sync/local-db.js'
import { SyncEngine } from '../../src/app/sync/engine.js'
import { TransportError, type SyncTransport } from '../../src/app/sync/transport.js'
import { SyncWriter } from '../../src/app/sync/write.js'
import type { PullResponse, PushResponse } from '../../src/shared/sync/protocol.js'
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/sync/protocol.js'

type Injectable = {
  inject: (options: { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown; headers?: Record<string, string> }) => Promise<{ statusCode: number; json: () => unknown; rawPayload: Buffer }>
}

/** Talks to the real server through Fastify's inject; `server()` may change across restarts. */
export function injectTransport(server: () => Injectable | null, headers: () => Record<string, string> = () => ({})): SyncTransport {
  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> => {
    const app = server()
    if (!app) throw new TransportError('network', 'server is down')
    const response = await app.inject({ method, url, payload, headers: { origin: 'http://localhost', ...headers() } })
    if (response.statusCode !== 200) throw new TransportError('server', `HTTP ${response.statusCode}`, response.statusCode)
    return response.json() as T
  }
  return {
    push: (request) => call<PushResponse>('POST', '/api/sync/push', request),
    pull: ({ since, scopes, limit }) =>
      call<PullResponse>(
        'GET',
        `/api/sync/pull?since=${since}&scopes=${encodeURIComponent(scopes.join(','))}&protocolVersion=${SYNC_PROTOCOL_VERSION}${limit ? `&limit=${limit}` : ''}`,
      ),
    uploadMedium: async ({ sha256, type, blob }) => {
      const app = server()
      if (!app) throw new TransportError('network', 'server is down')
      const payload = Buffer.from(await blob.arrayBuffer())
      const response = await app.inject({ method: 'PUT', url: `/api/media/${sha256}`, payload, headers: { origin: 'http://localhost', 'content-type': type, ...headers() } })
      if (response.statusCode !== 200) throw new TransportError(response.statusCode < 500 ? 'refused' : 'server', `HTTP ${response.statusCode}`, response.statusCode)
    },
    fetchMedium: async (sha256) => {
      const app = server()
      if (!app) throw new TransportError('network', 'server is down')
      const response = await app.inject({ method: 'GET', url: `/api/media/${sha256}`, headers: headers() })
      if (response.statusCode === 404) return null
      if (response.statusCode !== 200) throw new TransportError('server', `HTTP ${response.statusCode}`, response.statusCode)
      return new Blob([new Uint8Array(response.rawPayload)])
    },
  }
}

/** A simulated device: its own IndexedDB that survives a "restart" (closing and reopening). */
export class Device {
  private readonly factory = new IDBFactory()
  db!: LocalDb
  engine!: SyncEngine
  writer!: SyncWriter

  constructor(
    readonly name: string,
    private readonly transport: SyncTransport,
    private readonly scopes: string[],
  ) {
    this.open()
  }

  private open(): void {
    this.db = createLocalDb(`device-${this.name}`, { indexedDB: this.factory, IDBKeyRange })
    this.engine = new SyncEngine(this.db, this.transport, () => this.scopes)
    this.writer = new SyncWriter(this.db)
  }

  async restart(): Promise<void> {
    this.db.close()
    this.open()
    await this.db.open()
  }

  async records(entity: string) {
    return (await this.db.records.where('entity').equals(entity).toArray()).sort((a, b) => a.id.localeCompare(b.id))
  }
}
