import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildTestServer, openMigratedPglite } from './helpers.js'
import { testRegistry } from './sync-fixture.js'

type App = Awaited<ReturnType<typeof buildTestServer>>

/** Opens the event stream and collects the versions it announces. */
function listen(base: string, headers: Record<string, string> = {}) {
  const versions: number[] = []
  let buffer = ''
  let contentType = ''
  const request = http.get(`${base}/api/sync/events`, { headers }, (response) => {
    contentType = String(response.headers['content-type'])
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      buffer += chunk
      for (const match of buffer.matchAll(/event: poke\ndata: \{"version":(\d+)[,}]/g)) versions.push(Number(match[1]))
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2)
    })
  })
  request.on('error', () => {})
  return { versions, contentType: () => contentType, close: () => request.destroy() }
}

/** Waits until `check` holds or `ms` have passed; the caller's assertion then decides. */
const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
}

/** Pushes one new note through a server and returns the version it got. */
async function pushOne(base: string): Promise<number> {
  const response = await fetch(`${base}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({
      clientId: uuidv7(),
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [{ id: uuidv7(), entity: 'test-note', entityId: uuidv7(), op: 'put', patch: { councilId: 'c1', title: 'Idé', text: 'Hej' }, baseVersion: null }],
    }),
  })
  return ((await response.json()) as { version: number }).version
}

describe('GET /api/sync/events', () => {
  let app: App
  let base: string

  beforeAll(async () => {
    app = await buildTestServer(await openMigratedPglite(), { syncRegistry: testRegistry() })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await app.close()
  })

  it('pokes every connected device with the new version after a push', async () => {
    const first = listen(base)
    const second = listen(base)
    await until(() => first.contentType() !== '' && second.contentType() !== '')
    expect(first.contentType()).toMatch(/text\/event-stream/)
    const version = await pushOne(base)
    await until(() => first.versions.includes(version) && second.versions.includes(version))
    expect(first.versions).toContain(version)
    expect(second.versions).toContain(version)
    first.close()
    second.close()
  })

  it('tells a reconnecting device at once when it missed pokes (Last-Event-ID)', async () => {
    const version = await pushOne(base)
    const behind = listen(base, { 'last-event-id': String(version - 1) })
    await until(() => behind.versions.length > 0)
    expect(behind.versions[0]).toBe(version)
    behind.close()

    const upToDate = listen(base, { 'last-event-id': String(version) })
    await until(() => upToDate.contentType() !== '')
    await new Promise((r) => setTimeout(r, 200))
    expect(upToDate.versions).toEqual([])
    upToDate.close()
  })
})

// Pokes across server processes on PostgreSQL: tests/server/server-processes.test.ts (two OS processes).
