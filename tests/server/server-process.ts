import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { hashPassword } from '../../src/server/accounts/passwords.js'
import { newToken, sha256 } from '../../src/server/accounts/secrets.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import type { Database } from '../../src/server/db/database.js'
import { councils, people, sessions, staffCouncils } from '../../src/server/db/schema.js'
import { projectRoot } from '../../src/server/project-root.js'
import { SYNC_PROTOCOL_VERSION, type Mutation, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildSync } from 'esbuild'
import { makeStaticFixture } from './helpers.js'

/**
 * The real server (src/server/main.ts, the program `npm start` runs) as its own OS process, for
 * tests that kill it, restart it or run several of it. It is always the current source and needs
 * no build: see serverEntry.
 */
export interface ServerProcess {
  url: string
  pid: number
  child: ChildProcess
  output(): string
  /** Sends the signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `brugerstemme-${prefix}-`))

let staticDir: string | undefined
/**
 * How to run src/server/main.ts: with the bundle tests/server/global-setup.ts makes of the current
 * source once per `vitest run` (see bundleServer), else through tsx as before (the benches).
 */
function serverEntry(): string[] {
  const bundle = process.env.SERVER_UNDER_TEST_BUNDLE
  return bundle ? [bundle] : ['--import', 'tsx', path.join('src', 'server', 'main.ts')]
}

/**
 * One esbuild bundle of src/server/main.ts as it is now (dependencies stay imports from
 * node_modules), so each start is plain `node main.mjs`. Through tsx every start transpiled and
 * loaded each source file through tsx's loader again: about 2.5 s of every start on the loaded
 * 2-core machine, and the durability test alone starts the server more than 40 times. The bundle
 * sits under node_modules/.tmp, so its imports resolve and projectRoot() finds package.json as
 * they do from src/. No source map: parsing one on every start cost more than it helps, and the
 * bundle keeps each file's code readable under a "// src/server/…" comment.
 */
export function bundleServer(): { file: string; remove(): void } {
  const dir = path.join(projectRoot(), 'node_modules', '.tmp')
  mkdirSync(dir, { recursive: true })
  const folder = mkdtempSync(path.join(dir, 'server-under-test-'))
  const file = path.join(folder, 'main.mjs')
  buildSync({
    entryPoints: [path.join(projectRoot(), 'src', 'server', 'main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  return { file, remove: () => rmSync(folder, { recursive: true, force: true }) }
}

/** Spawns the server; `ready` false returns as soon as it is spawned (to kill it while starting). */
export function spawnServer(env: Record<string, string>): { child: ChildProcess; output(): string; ready: Promise<ServerProcess> } {
  staticDir ??= makeStaticFixture()
  // SERVER_NODE_ARGS adds Node flags to the server only, e.g. "--cpu-prof" to see where a bench's time goes.
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...nodeArgs, ...serverEntry()], {
    cwd: projectRoot(),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_DATA: 'false', STATIC_DIR: staticDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  child.stderr!.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const ready = new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 90 s:\n${output}`)), 90_000)
    const check = () => {
      const match = /(?:listens on|running at) (http:\/\/[^\s/)]+)/.exec(output)
      if (!match?.[1]) return
      clearTimeout(timer)
      const url = match[1]
      resolve({
        url,
        pid: child.pid!,
        child,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          const deadline = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref())
          const result = await Promise.race([exited, deadline])
          if (result === 'timeout') {
            child.kill('SIGKILL')
            throw new Error(`server did not stop within 15 s after ${signal}:\n${output}`)
          }
          return result
        },
      })
    }
    child.stdout!.on('data', check)
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`))
    })
  })
  ready.catch(() => {})
  return { child, output: () => output, ready }
}

export const startServer = (env: Record<string, string>): Promise<ServerProcess> => spawnServer(env).ready

/**
 * A council with a secretary signed in on `devices` devices; returns their Cookie headers, and
 * the secretary's e-mail (the password, when given, lets a test sign in through the API).
 */
export async function seedStaff(database: Database, devices: number, password?: string): Promise<{ councilId: string; cookies: string[]; email: string }> {
  const councilId = uuidv7()
  const personId = uuidv7()
  const email = `drift-${personId}@test.brugerstemme.dk`
  await database.db.insert(councils).values({ id: councilId, name: 'Driftsrådet', kind: 'user-council', centre: 'Testcentret', description: '' })
  await database.db.insert(people).values({
    id: personId,
    kind: 'staff',
    name: 'Drift Testesen',
    email,
    passwordHash: password ? await hashPassword(password) : null,
    staffRole: 'secretary',
  })
  await database.db.insert(staffCouncils).values({ personId, councilId })
  const cookies: string[] = []
  const now = new Date()
  for (let i = 0; i < devices; i++) {
    const token = newToken()
    await database.db.insert(sessions).values({
      id: uuidv7(),
      tokenHash: sha256(token),
      kind: 'staff',
      personId,
      label: `Enhed ${i + 1}`,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 12 * 3_600_000),
    })
    cookies.push(`${SESSION_COOKIE}=${token}`)
  }
  return { councilId, cookies, email }
}

/** A draft meeting: only the council's staff may read or write it. */
export function meetingData(councilId: string, title: string) {
  return { councilId, title, date: '2026-12-01', startTime: null, endTime: null, place: '', placePhoto: null, participants: '', absent: '', published: false, minutesPublished: false }
}

/** One push as the app sends it; throws only when the connection fails. */
export async function push(base: string, cookie: string, clientId: string, mutations: Mutation[]): Promise<{ status: number; body: PushResponse | { code?: string; message?: string } }> {
  const response = await fetch(`${base}/api/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify({ clientId, protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
  })
  return { status: response.status, body: (await response.json()) as PushResponse }
}

/** Everything a caller can read in one scope, page by page, as the app's pull does. */
export async function pullAll(base: string, cookie: string, scope: string): Promise<PullResponse['changes']> {
  const changes: PullResponse['changes'] = []
  let since = '0'
  for (;;) {
    const response = await fetch(`${base}/api/sync/pull?since=${since}&scopes=${encodeURIComponent(scope)}&protocolVersion=${SYNC_PROTOCOL_VERSION}`, { headers: { cookie } })
    if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${await response.text()}`)
    const page = (await response.json()) as PullResponse
    changes.push(...page.changes)
    since = page.cursor
    if (!page.hasMore) return changes
  }
}

/** A small seeded generator (mulberry32), so a printed seed replays the same schedule. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
