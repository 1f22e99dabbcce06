import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'vitest'
import { projectRoot } from '../../src/server/project-root.js'

/** The committed migrations up to (not including) `tag`, as a folder drizzle can migrate from. */
export function migrationsBefore(tag: string): string {
  const source = path.join(projectRoot(), 'drizzle')
  const folder = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-migrations-'))
  cpSync(source, folder, { recursive: true })
  const journalPath = path.join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  const at = journal.entries.findIndex((entry) => entry.tag === tag)
  expect(at, `migration ${tag} exists`).toBeGreaterThan(0)
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }))
  return folder
}
