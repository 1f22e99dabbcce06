/**
 * One server process for the benches: `app <database url>` runs the real server on PostgreSQL
 * (pokes over LISTEN/NOTIFY); `pglite <folder>` runs it on PGlite in that folder, with the demo
 * data, as a small centre does; `bare` runs the plainest possible SSE fan-out, the live bench's
 * baseline. Prints "READY <url>" once listening.
 */
import http from 'node:http'
import { openDatabase } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { buildTestServer } from '../server/helpers.js'

const [mode, url] = process.argv.slice(2)

if (mode === 'app' || mode === 'pglite') {
  const database = await openDatabase(mode === 'app' ? { kind: 'postgres', url: url! } : { kind: 'pglite', dataDir: url! })
  const registry = createSyncRegistry()
  if (mode === 'pglite') await seedDemoIfEmpty(database.db, registry)
  const app = await buildTestServer(database, { syncRegistry: registry, logger: false })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  console.log(`READY ${address}`)
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
} else {
  const streams = new Set<http.ServerResponse>()
  const server = http.createServer((request, response) => {
    if (request.url === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      response.write('retry: 5000\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return
    }
    // POST /send: the same small message to every open stream.
    let body = ''
    request.on('data', (chunk: Buffer) => (body += String(chunk)))
    request.on('end', () => {
      for (const stream of streams) stream.write(`event: poke\ndata: ${body}\n\n`)
      response.writeHead(204).end()
    })
  })
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number }
    console.log(`READY http://127.0.0.1:${address.port}`)
  })
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}
