import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { SYNC_PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { databasesUnderTest } from './helpers.js'
import { meetingData, seedStaff, startServer, tempDir, type ServerProcess } from './server-process.js'

/**
 * Two server processes on one PostgreSQL, as behind a reverse proxy (README, "Several server
 * processes"): what one process does, a device talking to the other sees. Each process has its
 * own pool, its own LISTEN connection and its own memory, as in production.
 */
const PASSWORD = 'drift-kodeord-1234'
/** The proxy's address: with TRUST_PROXY set to it, X-Forwarded-For names the client. */
const PROXY = '127.0.0.1'
/** Where people open the app; the proxy passes it on as X-Forwarded-Host. */
const PUBLIC_HOST = 'brugerstemme.test'

/** Opens the event stream and collects the versions it announces. */
function listen(base: string, headers: Record<string, string>) {
  const versions: number[] = []
  let buffer = ''
  let open = false
  const request = http.get(`${base}/api/sync/events`, { headers }, (response) => {
    open = response.statusCode === 200
    response.setEncoding('utf8')
    response.on('data', (chunk: string) => {
      buffer += chunk
      for (const match of buffer.matchAll(/event: poke\ndata: \{"version":(\d+)[,}]/g)) versions.push(Number(match[1]))
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2)
    })
  })
  request.on('error', () => {})
  return { versions, open: () => open, close: () => request.destroy() }
}

/** Waits until `check` holds or `ms` have passed; the caller's assertion then decides. */
const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
}

const postgres = databasesUnderTest().find((target) => target.name === 'postgres')

describe('server processes on PGlite', () => {
  it('a second process on the same data folder is refused with a message, and the first goes on serving', { timeout: 120_000 }, async () => {
    const dataDir = tempDir('processes-pglite')
    const first = await startServer({ DATA_DIR: dataDir })
    try {
      await expect(startServer({ DATA_DIR: dataDir })).rejects.toThrow(/Another Brugerstemme server \(process \d+\) is using/)
      expect((await fetch(`${first.url}/api/health`)).status).toBe(200)
    } finally {
      expect(await first.stop()).toEqual({ code: 0, signal: null })
    }
  })
})

// PGlite is one process by design (a data-folder lock refuses a second), so this needs PostgreSQL.
if (postgres) describe('two server processes on one PostgreSQL', () => {
  let database: Database
  let one: ServerProcess
  let two: ServerProcess
  let councilId: string
  let email: string

  beforeAll(async () => {
    database = await postgres.open()
    ;({ councilId, email } = await seedStaff(database, 0, PASSWORD))
    const env = {
      DATABASE_URL: database.url!,
      // Both must seal and open elections with the same secret.
      ELECTION_SECRET: 'ab'.repeat(32),
      TRUST_PROXY: PROXY,
      PUBLIC_ORIGIN: `https://${PUBLIC_HOST}`,
      SIGN_IN_ATTEMPTS_PER_ADDRESS: '3',
    }
    ;[one, two] = await Promise.all([
      startServer({ ...env, DATA_DIR: path.join(tempDir('process-one'), 'data') }),
      startServer({ ...env, DATA_DIR: path.join(tempDir('process-two'), 'data') }),
    ])
  }, 120_000)

  afterAll(async () => {
    const exits = await Promise.all([one?.stop(), two?.stop()])
    await database?.close()
    expect(exits).toEqual([{ code: 0, signal: null }, { code: 0, signal: null }])
  })

  /** A request as nginx passes it on (README): the client's address, the public host and scheme. */
  const viaProxy = (client = '192.0.2.10') => ({ 'x-forwarded-for': client, 'x-forwarded-host': PUBLIC_HOST, 'x-forwarded-proto': 'https', origin: `https://${PUBLIC_HOST}` })
  const post = (base: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...viaProxy(), ...headers }, body: JSON.stringify(body) })
  const get = (base: string, url: string, cookie: string) => fetch(`${base}${url}`, { headers: { ...viaProxy(), cookie } })

  const signIn = async (base: string) => {
    const response = await post(base, '/api/auth/staff', { email, password: PASSWORD })
    expect(response.status).toBe(200)
    return response.headers.getSetCookie()[0]!.split(';')[0]!
  }
  const pull = (base: string, cookie: string) => get(base, `/api/sync/pull?since=0&scopes=council:${councilId}&protocolVersion=1`, cookie)

  it('a session started through one process works through the other, and a sign-out through either ends it on both', async () => {
    const cookie = await signIn(one.url)
    expect(await (await get(two.url, '/api/me', cookie)).json()).toMatchObject({ kind: 'person', name: 'Drift Testesen' })
    expect((await pull(two.url, cookie)).status).toBe(200)
    const out = await post(two.url, '/api/auth/sign-out', {}, { cookie })
    expect(out.status).toBe(200)
    const pulled = await pull(one.url, cookie)
    expect(pulled.status).toBe(401)
    expect(((await pulled.json()) as { code: string }).code).toBe('session_ended')
  })

  it('a push through one process pokes a device connected to the other within a second, and it pulls the change there', async () => {
    const cookie = await signIn(one.url)
    const device = listen(two.url, { ...viaProxy(), cookie, 'last-event-id': '0' })
    await until(device.open)
    // The first poke answers Last-Event-ID; the one that matters comes after the push.
    await until(() => device.versions.length > 0)
    const meetingId = uuidv7()
    const answer = await post(
      one.url,
      '/api/sync/push',
      {
        clientId: uuidv7(),
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [{ id: uuidv7(), entity: 'meeting', entityId: meetingId, op: 'put', patch: meetingData(councilId, 'Møde på tværs'), baseVersion: null }],
      },
      { cookie },
    )
    expect(answer.status).toBe(200)
    const { version } = (await answer.json()) as PushResponse
    await until(() => device.versions.includes(version), 1000)
    expect(device.versions).toContain(version)
    device.close()
    const pulled = (await (await pull(two.url, cookie)).json()) as PullResponse
    expect(pulled.changes.map((c) => c.entityId)).toContain(meetingId)
  })

  it('limits sign-in attempts by the client address the proxy names (TRUST_PROXY), counted in the database for every process', async () => {
    const attempt = (base: string, client: string) => post(base, '/api/auth/card', { code: 'FORK-ERTK-ODE1' }, viaProxy(client)).then((r) => r.status)
    // Guesses spread over both processes count together: three are free, the fourth starts a
    // wait, and the next through either process is told to wait.
    const guesses = [await attempt(one.url, '203.0.113.7'), await attempt(two.url, '203.0.113.7'), await attempt(one.url, '203.0.113.7'), await attempt(two.url, '203.0.113.7')]
    expect(guesses).toEqual([401, 401, 401, 401])
    expect(await attempt(two.url, '203.0.113.7')).toBe(429)
    expect(await attempt(one.url, '203.0.113.7')).toBe(429)
    // Another resident behind the same proxy is not slowed down by the first one.
    expect(await attempt(two.url, '198.51.100.20')).toBe(401)
  })
})
