import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../src/server/config.js'
import { DataDirLockedError, lockDataDir, processStart } from '../../src/server/db/data-dir-lock.js'
import { openDatabase } from '../../src/server/db/database.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { DEMO_SEED_VERSION, seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { instanceMeta, people } from '../../src/server/db/schema.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { databasesUnderTest } from './helpers.js'

describe.each(databasesUnderTest())('database on $name', ({ open }) => {
  it('applies the committed migrations', async () => {
    const database = await open()
    try {
      const result = await database.db.execute(
        sql`select count(*)::int as n from information_schema.tables where table_name = 'instance_meta'`,
      )
      expect((result as unknown as { rows: unknown[] }).rows[0]).toEqual({ n: 1 })
    } finally {
      await database.close()
    }
  })

  it('seeds the demo once, and never again over existing data', async () => {
    const database = await open()
    try {
      expect(await seedDemoIfEmpty(database.db, createSyncRegistry())).toEqual({ seeded: true })
      expect(await seedDemoIfEmpty(database.db, createSyncRegistry())).toEqual({ seeded: false })
      const rows = await database.db.select().from(instanceMeta)
      expect(rows).toHaveLength(1)
      expect(rows[0]?.value).toMatchObject({ version: DEMO_SEED_VERSION })
    } finally {
      await database.close()
    }
  })

  it('never puts the demo, with its public passwords, into a database that already has people', async () => {
    const database = await open()
    try {
      // As after `npm run admin:create` on a fresh installation, before its first start.
      await database.db.insert(people).values({ id: uuidv7(), kind: 'staff', name: 'Rigtig Admin', email: 'admin@kommune.dk', staffRole: 'admin' })
      expect(await seedDemoIfEmpty(database.db, createSyncRegistry())).toEqual({ seeded: false })
      expect(await seedDemoIfEmpty(database.db, createSyncRegistry())).toEqual({ seeded: false })
      const everyone = await database.db.select().from(people)
      expect(everyone.map((p) => p.email)).toEqual(['admin@kommune.dk'])
    } finally {
      await database.close()
    }
  })

  it('seeds once even when two starts race', async () => {
    const database = await open()
    try {
      const results = await Promise.allSettled([seedDemoIfEmpty(database.db, createSyncRegistry()), seedDemoIfEmpty(database.db, createSyncRegistry())])
      const seeded = results.filter((r) => r.status === 'fulfilled' && r.value.seeded)
      expect(seeded).toHaveLength(1)
      expect(await database.db.select().from(instanceMeta)).toHaveLength(1)
    } finally {
      await database.close()
    }
  })
})

describe('PGlite on disk', () => {
  it('keeps its data across a restart and migrates the same folder again without harm', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-db-'))
    const first = await openDatabase({ kind: 'pglite', dataDir })
    expect(await seedDemoIfEmpty(first.db, createSyncRegistry())).toEqual({ seeded: true })
    await first.close()

    const second = await openDatabase({ kind: 'pglite', dataDir })
    try {
      expect(await seedDemoIfEmpty(second.db, createSyncRegistry())).toEqual({ seeded: false })
    } finally {
      await second.close()
    }
  })

  it('refuses a second server on the same data folder, and takes over a stale lock', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-lock-'))
    const unlock = lockDataDir(dataDir)
    // The lock is held by this live process: a second holder is refused.
    writeFileSync(path.join(dataDir, 'server.pid'), String(process.ppid))
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError)
    unlock()

    // A pid that no longer runs is a crash leftover and must not block a restart.
    writeFileSync(path.join(dataDir, 'server.pid'), '999999999')
    const again = lockDataDir(dataDir)
    again()

    // After kill -9 the system may give the pid to another program: where the start time is
    // known (Linux), a live pid that started at another time is not the server that locked.
    if (process.platform === 'linux') {
      const start = processStart(process.ppid)
      expect(start).toMatch(/^\d+$/)
      writeFileSync(path.join(dataDir, 'server.pid'), `${process.ppid}\n${start}\n`)
      expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError)
      writeFileSync(path.join(dataDir, 'server.pid'), `${process.ppid}\n${Number(start) + 1}\n`)
      lockDataDir(dataDir)()
    }
  })
})

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const config = readConfig({})
    expect(config.port).toBe(8080)
    expect(config.databaseUrl).toBeUndefined()
    expect(config.dataDir).toMatch(/data$/)
    expect(config.trustProxy).toBe(false)
  })

  it('reads PORT, DATA_DIR, DATABASE_URL and TRUST_PROXY', () => {
    const config = readConfig({
      PORT: '9000',
      DATA_DIR: '/var/lib/brugerstemme',
      DATABASE_URL: 'postgres://db/brugerstemme',
      TRUST_PROXY: 'true',
      PUBLIC_ORIGIN: 'https://raad.kommune.dk/',
    })
    expect(config).toMatchObject({
      publicOrigin: 'https://raad.kommune.dk',
      port: 9000,
      dataDir: '/var/lib/brugerstemme',
      databaseUrl: 'postgres://db/brugerstemme',
      trustProxy: true,
    })
  })

  it('needs PUBLIC_ORIGIN when reached other than on localhost, as an origin without a path', () => {
    expect(readConfig({ HOST: '127.0.0.1' }).publicOrigin).toBeUndefined()
    expect(() => readConfig({ HOST: '0.0.0.0' })).toThrow(/PUBLIC_ORIGIN must be set/)
    expect(() => readConfig({ TRUST_PROXY: '1' })).toThrow(/PUBLIC_ORIGIN must be set/)
    expect(readConfig({ HOST: '0.0.0.0', PUBLIC_ORIGIN: 'http://192.168.1.20:8080' }).publicOrigin).toBe('http://192.168.1.20:8080')
    expect(() => readConfig({ HOST: '0.0.0.0', PUBLIC_ORIGIN: 'https://raad.kommune.dk/app' })).toThrow(/without a path/)
    expect(() => readConfig({ PUBLIC_ORIGIN: 'raad.kommune.dk' })).toThrow(/PUBLIC_ORIGIN must be an address/)
  })

  it.each(['eighty', '-1', '70000', '80.5'])('refuses PORT=%s with a message naming the variable', (port) => {
    expect(() => readConfig({ PORT: port })).toThrow(/PORT must be a whole number/)
  })
})
