import { EventEmitter } from 'node:events'
import pg from 'pg'

/**
 * "Something changed, pull from version N." With PGlite (one process) an in-process emitter is
 * enough; with PostgreSQL every server process LISTENs, so a push through one reaches devices
 * connected to any other.
 */
export interface PokeBus {
  publish(version: number): Promise<void>
  subscribe(listener: (version: number) => void): () => void
  close(): Promise<void>
}

const CHANNEL = 'brugerstemme_sync'

export function createMemoryPokeBus(): PokeBus {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    async publish(version) {
      emitter.emit('poke', version)
    },
    subscribe(listener) {
      emitter.on('poke', listener)
      return () => emitter.off('poke', listener)
    },
    async close() {
      emitter.removeAllListeners()
    },
  }
}

interface Logger {
  warn(obj: object, msg: string): void
}

export function createPostgresPokeBus(url: string, log: Logger): PokeBus {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const publisher = new pg.Pool({ connectionString: url, max: 2 })
  publisher.on('error', () => {})
  let listener: pg.Client | undefined
  let closed = false
  let retryDelay = 250

  // A dedicated connection that LISTENs, and reconnects with backoff when it drops.
  const retry = () => {
    if (closed) return
    setTimeout(() => void connect(), retryDelay).unref()
    retryDelay = Math.min(retryDelay * 2, 10_000)
  }
  const connect = async (): Promise<void> => {
    if (closed) return
    const client = new pg.Client({ connectionString: url })
    client.on('notification', (message) => {
      const version = Number(message.payload)
      if (Number.isFinite(version)) emitter.emit('poke', version)
    })
    client.on('error', (error) => log.warn({ err: error }, 'sync poke listener lost its connection'))
    client.on('end', () => {
      if (listener === client) {
        listener = undefined
        retry()
      }
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
      listener = client
      retryDelay = 250
      // Devices may have missed pokes while the connection was down; a poke makes them pull.
      emitter.emit('poke', -1)
    } catch (error) {
      log.warn({ err: error }, 'sync poke listener could not connect; retrying')
      await client.end().catch(() => {})
      retry()
    }
  }
  void connect()

  return {
    async publish(version) {
      await publisher.query('select pg_notify($1, $2)', [CHANNEL, String(version)])
    },
    subscribe(fn) {
      emitter.on('poke', fn)
      return () => emitter.off('poke', fn)
    },
    async close() {
      closed = true
      emitter.removeAllListeners()
      await listener?.end().catch(() => {})
      await publisher.end()
    },
  }
}
