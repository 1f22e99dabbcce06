// npm test: every check, in the order that finishes soonest on a 2-core machine, with how long
// each part took. The checks that need no database or browser (typecheck, lint, unit tests) run
// beside the production build; then the server suite (beside the type check, should it still
// run); then the browser suite on that same build (npm run test:e2e would build again). Each
// part's output is printed whole when it ends.
// Not side by side: the server suite beside the browser suite took 595 s instead of 134 s, as
// both want both cores, and the whole run got longer, not shorter.
import { spawn } from 'node:child_process'

const npx = (args) => ({ command: 'npx', args })
const parts = {
  typecheck: npx(['vue-tsc', '--build']),
  lint: npx(['eslint', '.', '--max-warnings', '0']),
  unit: npx(['vitest', 'run', '--project', 'unit']),
  build: { command: 'npm', args: ['run', 'build'] },
  server: npx(['vitest', 'run', '--project', 'server']),
  e2e: npx(['playwright', 'test']),
}

const times = []
const started = performance.now()

/** Runs one part; side by side, its output is held back and printed whole when it ends. */
function run(name, { alone = false } = {}) {
  const { command, args } = parts[name]
  const begun = performance.now()
  if (alone) process.stdout.write(`\n── ${name} ──\n`)
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', alone ? 'inherit' : 'pipe', alone ? 'inherit' : 'pipe'] })
    const chunks = []
    child.stdout?.on('data', (chunk) => chunks.push(chunk))
    child.stderr?.on('data', (chunk) => chunks.push(chunk))
    child.on('close', (code) => {
      const seconds = (performance.now() - begun) / 1000
      times.push({ name, seconds, ok: code === 0 })
      process.stdout.write(`\n── ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds.toFixed(0)} s ──\n`)
      process.stdout.write(Buffer.concat(chunks))
      resolve(code === 0)
    })
  })
}

function summary() {
  const total = (performance.now() - started) / 1000
  console.log('\nnpm test, time per part (the first four side by side; server once lint, unit and build are done; then e2e):')
  for (const t of times) console.log(`  ${t.name.padEnd(10)} ${`${t.seconds.toFixed(0)} s`.padStart(6)}  ${t.ok ? 'passed' : 'FAILED'}`)
  console.log(`  ${'total'.padEnd(10)} ${`${total.toFixed(0)} s`.padStart(6)}  (${Math.floor(total / 60)} min ${Math.round(total % 60)} s)`)
}

const [typecheck, ...rest] = ['typecheck', 'lint', 'unit', 'build'].map((name) => run(name))
const [lint, unit, build] = await Promise.all(rest)
// The type check takes longest; the server suite starts once the other three have left it a
// core, instead of leaving that core idle until the type check ends (it needs no build).
const server = await run('server', { alone: true })
// The browser suite needs the build.
const e2e = build ? await run('e2e', { alone: true }) : false
const ok = [await typecheck, lint, unit, build, server, e2e].every(Boolean)
summary()
process.exitCode = ok ? 0 : 1
