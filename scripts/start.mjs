// `npm start`: builds the app and server when the sources are newer than the last build, then
// starts the server (which migrates the database and loads the demo data into an empty one).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const stamp = path.join(root, 'dist', '.build-stamp')
const inputs = ['src', 'locales', 'public', 'drizzle', 'index.html', 'vite.config.ts', 'package-lock.json', 'tsconfig.server.json']

function newestMtime(entry) {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs)
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0
const changedAt = Math.max(...inputs.map((input) => newestMtime(path.join(root, input))))
const serverEntry = path.join(root, 'dist', 'node', 'server', 'main.js')

if (builtAt < changedAt || !existsSync(serverEntry)) {
  console.log('Building Brugerstemme (the sources changed since the last build)…')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
  writeFileSync(stamp, new Date().toISOString())
}

await import(serverEntry)
