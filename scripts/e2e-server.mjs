// Starts the production server on a fresh PGlite folder, so every e2e run begins from the demo seed.
// E2E_DIST names the build to serve (default dist), so parallel runs can each have their own.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const dist = path.join(root, process.env.E2E_DIST || 'dist')
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-e2e-'))
process.env.STATIC_DIR = path.join(dist, 'client')
// Every e2e browser signs in from the same address; the per-account limit still applies.
process.env.SIGN_IN_ATTEMPTS_PER_ADDRESS ??= '10000'
await import(pathToFileURL(path.join(dist, 'node', 'server', 'main.js')).href)
