// `npm run admin:create`: builds the server when its sources are newer than the build (so it
// works from a fresh clone after `npm install`), then runs the compiled command.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const entry = path.join(root, 'dist', 'node', 'server', 'accounts', 'admin-create.js')
const inputs = ['src/server', 'src/shared', 'drizzle', 'package-lock.json', 'tsconfig.server.json']

function newestMtime(entry) {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs)
}

const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0
if (builtAt < Math.max(...inputs.map((input) => newestMtime(path.join(root, input))))) {
  console.error('Building the server (the sources changed since the last build)…')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  // stdout to stderr: the command's own output stays the only thing on stdout.
  const result = spawnSync(npm, ['run', '--silent', 'build:server'], { cwd: root, stdio: ['ignore', 2, 2] })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
}

await import(entry)
