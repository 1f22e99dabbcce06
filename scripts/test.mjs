// npm test: every check, in the order that finishes soonest on a 2-core machine, with how long
// each part took. The production build starts at once beside typecheck, lint and unit tests; the
// browser suite starts on that build as soon as it is there (npm run test:e2e would build again),
// and the server suite runs beside it once the quick checks are done: the browser suite spends
// much of its time waiting on pages, and the two share nothing (the server suite makes its own
// databases). The browser suite's output streams; every other part's is printed whole when it ends.
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
  console.log('\nnpm test, time per part (side by side, see scripts/test.mjs; the total is the wall time):')
  for (const t of times) console.log(`  ${t.name.padEnd(10)} ${`${t.seconds.toFixed(0)} s`.padStart(6)}  ${t.ok ? 'passed' : 'FAILED'}`)
  console.log(`  ${'total'.padEnd(10)} ${`${total.toFixed(0)} s`.padStart(6)}  (${Math.floor(total / 60)} min ${Math.round(total % 60)} s)`)
}

const quick = Promise.all(['typecheck', 'lint', 'unit'].map((name) => run(name)))
const browser = run('build').then((built) => (built ? run('e2e', { alone: true }) : false))
const server = quick.then(() => run('server'))
const results = [...(await quick), await server, await browser]
summary()
process.exitCode = results.every(Boolean) ? 0 : 1
