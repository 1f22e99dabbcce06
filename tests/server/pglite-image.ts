import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../../src/server/db/database.js'

/** Set by the global setup: a file holding a migrated, empty PGlite data directory. */
export const IMAGE_VARIABLE = 'PGLITE_TEST_IMAGE'

/** An empty PGlite migrated through openDatabase, as a data directory image (uncompressed tar). */
export async function migratedImage(): Promise<Blob> {
  const first = await openDatabase({ kind: 'pglite', dataDir: null })
  try {
    return await (first.db as unknown as { $client: PGlite }).$client.dumpDataDir('none')
  } finally {
    await first.close()
  }
}

/**
 * Made once per `vitest run`: each test file runs in a fresh module context, so an image kept in
 * memory was made again by every file (PostgreSQL's initdb and every migration, about 2 s of
 * each file's start, against 0.35 s to load the image).
 */
export async function writeMigratedImage(): Promise<{ file: string; remove(): void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-pglite-image-'))
  const file = path.join(dir, 'migrated.tar')
  writeFileSync(file, Buffer.from(await (await migratedImage()).arrayBuffer()))
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** The global setup's image when there is one (a `vitest run`), else one made here. */
export async function loadMigratedImage(): Promise<Blob> {
  const file = process.env[IMAGE_VARIABLE]
  return file ? new Blob([readFileSync(file)]) : migratedImage()
}
