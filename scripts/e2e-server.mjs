// Starts the production server on a fresh PGlite folder, so every e2e run begins from the demo seed.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-e2e-'))
await import('../dist/node/server/main.js')
