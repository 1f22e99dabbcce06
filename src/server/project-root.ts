import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

/**
 * The folder holding package.json. The server runs both from src/ (tests) and from
 * dist/node/ (production), so paths to drizzle/ and dist/client/ cannot be fixed relative ones.
 */
export function projectRoot(): string {
  if (cached) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('Could not find the project root (package.json).')
    dir = parent
  }
  cached = dir
  return dir
}
