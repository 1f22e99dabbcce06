import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import pg from 'pg'
import { buildServer, type BuildServerOptions } from '../../src/server/app.js'
import { openDatabase, type Database } from '../../src/server/db/database.js'
import { withNamedStatements } from '../../src/server/db/pglite-statements.js'
import * as schema from '../../src/server/db/schema.js'
import type { MeetingData } from '../../src/shared/meetings/entities.js'
import { loadMigratedImage } from './pglite-image.js'

export interface DatabaseUnderTest {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated, empty database; closing it also removes it. */
  open(): Promise<Database>
}

/**
 * Every server suite runs against in-memory PGlite, and also against the real PostgreSQL
 * when TEST_DATABASE_URL is set. Each open() on PostgreSQL creates its own database, so
 * files running in parallel never see each other's rows.
 */
export function databasesUnderTest(): DatabaseUnderTest[] {
  const targets: DatabaseUnderTest[] = [{ name: 'pglite', open: openMigratedPglite }]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) targets.push({ name: 'postgres', open: () => openScratchPostgres(adminUrl) })
  return targets
}

let migrated: Promise<Blob> | null = null

/**
 * A fresh in-memory PGlite, started from a copy of one migrated through openDatabase once per
 * `vitest run` (tests/server/pglite-image.ts): the same database, without paying PostgreSQL's
 * initdb and every migration again for each test.
 */
export async function openMigratedPglite(): Promise<Database> {
  migrated ??= loadMigratedImage()
  const client = new PGlite({ loadDataDir: await migrated })
  return { kind: 'pglite', db: drizzle(withNamedStatements(client), { schema }), close: () => client.close() }
}

async function openScratchPostgres(adminUrl: string): Promise<Database> {
  const name = `brugerstemme_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.toString() })
  return {
    ...database,
    async close() {
      await database.close()
      const dropper = new pg.Client({ connectionString: adminUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists "${name}" with (force)`)
      await dropper.end()
    },
  }
}

/** A stand-in for dist/client with the same shape a Vite + vite-plugin-pwa build has. */
export function makeStaticFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-static-'))
  mkdirSync(path.join(dir, 'assets'))
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="da"><title>Brugerstemme</title><div id="app"></div></html>')
  writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  writeFileSync(path.join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Brugerstemme', lang: 'da' }))
  writeFileSync(path.join(dir, 'pwa-192x192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  // Large and repetitive, like a real bundle, so compression has something to do.
  writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), 'export const x = 1;\n'.repeat(2000))
  return dir
}

export async function buildTestServer(database: Database, options: Partial<BuildServerOptions> = {}) {
  return buildServer({
    database,
    staticDir: options.staticDir ?? makeStaticFixture(),
    version: '0.0.0-test',
    logger: false,
    ...options,
  })
}

/**
 * A signed-in device for the sync engine's own tests, written straight to the database: pushes
 * of signed-in callers are the ones the server remembers (anonymous pushes change nothing).
 * Returns the Cookie header value.
 */
export async function signedInCookie(database: Database): Promise<string> {
  const { people, sessions } = await import('../../src/server/db/schema.js')
  const { newToken, sha256 } = await import('../../src/server/accounts/secrets.js')
  const { SESSION_COOKIE } = await import('../../src/server/accounts/sessions.js')
  const personId = crypto.randomUUID()
  await database.db.insert(people).values({ id: personId, kind: 'member', name: 'Synk Testesen' })
  const token = newToken()
  const now = new Date()
  await database.db.insert(sessions).values({
    id: crypto.randomUUID(),
    tokenHash: sha256(token),
    kind: 'card',
    personId,
    label: 'Test',
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 30 * 86_400_000),
  })
  return `${SESSION_COOKIE}=${token}`
}

/** A published meeting of `councilId` as the server tests store it; what a test cares about goes in `fields`. */
export function meetingData(councilId: string, fields: Partial<MeetingData> = {}): MeetingData {
  return {
    councilId,
    title: 'Møde',
    date: '2027-01-14',
    startTime: '13:30',
    endTime: '15:00',
    place: 'Fælleshuset',
    placePhoto: null,
    participants: '',
    absent: '',
    published: true,
    minutesPublished: false,
    ...fields,
  }
}
