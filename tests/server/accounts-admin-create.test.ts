import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/server/db/database.js'
import { auditLog } from '../../src/server/db/schema.js'
import { projectRoot } from '../../src/server/project-root.js'
import { ORIGIN } from './accounts-fixture.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'

/** `npm run admin:create` as an operator runs it: a real process, its exit code and its words. */
function adminCreate(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot(), 'scripts', 'admin-create.mjs')], {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const admin = { ADMIN_NAME: 'Anna Admin', ADMIN_EMAIL: 'Anna.Admin@Kommune.dk', ADMIN_PASSWORD: 'en lang sætning som kodeord' }

describe.each(databasesUnderTest())('npm run admin:create on $name', (target) => {
  let dataDir: string
  let scratch: Database | undefined
  let where: Record<string, string>

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-admin-create-'))
    if (target.name === 'postgres') {
      scratch = await target.open()
      where = { DATABASE_URL: scratch.url! }
    } else where = { DATA_DIR: dataDir }
  })
  afterAll(async () => {
    await scratch?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const open = () => (scratch ? Promise.resolve({ ...scratch, close: async () => {} }) : openDatabase({ kind: 'pglite', dataDir }))

  it('creates an administrator who can then sign in through the API', { timeout: 240_000 }, async () => {
    const run = await adminCreate({ ...where, ...admin })
    expect(run.stderr + run.stdout).toContain('Created the administrator Anna Admin <anna.admin@kommune.dk>')
    expect(run.code).toBe(0)

    const database = await open()
    const app = await buildTestServer(database)
    try {
      const signIn = await app.inject({ method: 'POST', url: '/api/auth/staff', headers: ORIGIN, payload: { email: 'anna.admin@kommune.dk', password: admin.ADMIN_PASSWORD } })
      expect(signIn.statusCode, signIn.body).toBe(200)
      expect(signIn.json()).toMatchObject({ kind: 'person', name: 'Anna Admin', staffRole: 'admin' })
      const [created] = (await database.db.select().from(auditLog)).filter((e) => e.action === 'staff.create')
      expect(created).toMatchObject({ actorId: null, targetType: 'person', details: { staffRole: 'admin' } })
    } finally {
      await app.close()
    }
  })

  it('refuses a taken e-mail and a short password with a clear message and exit code 1', { timeout: 120_000 }, async () => {
    const taken = await adminCreate({ ...where, ...admin, ADMIN_NAME: 'Another Anna', ADMIN_EMAIL: ' anna.admin@KOMMUNE.dk ' })
    expect(taken.code).toBe(1)
    expect(taken.stderr).toContain('Someone already has the e-mail anna.admin@kommune.dk')

    const short = await adminCreate({ ...where, ...admin, ADMIN_EMAIL: 'bo@kommune.dk', ADMIN_PASSWORD: 'elleve-tegn' })
    expect(short.code).toBe(1)
    expect(short.stderr).toContain('at least 12 characters')

    const noTerminal = await adminCreate({ ...where, ADMIN_NAME: 'Bo' })
    expect(noTerminal.code).toBe(1)
    expect(noTerminal.stderr).toContain('Set ADMIN_NAME, ADMIN_EMAIL and ADMIN_PASSWORD')
  })

  // Only PGlite has a data folder to lock; PostgreSQL serves any number of processes.
  if (target.name === 'pglite') it('says "stop the server first" while a server holds the data folder', { timeout: 120_000 }, async () => {
    // This test process is alive, so its pid in the lock file stands for a running server.
    writeFileSync(path.join(dataDir, 'server.pid'), String(process.pid))
    try {
      const run = await adminCreate({ ...where, ...admin, ADMIN_EMAIL: 'bo@kommune.dk' })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('Stop the server first')
    } finally {
      rmSync(path.join(dataDir, 'server.pid'), { force: true })
    }
  })
})
