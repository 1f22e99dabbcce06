/**
 * npm run bench: performance goals measured, printed beside their baselines, never asserted in
 * tests. Runs on the machine's own Chromium and an in-memory PGlite, so figures from different
 * machines are not comparable; ratios measured in the same run are.
 */
import { createServer } from 'node:http'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../../playwright.config.js'
import { benchBallotAcceptance, benchTally } from './elections.js'
import { benchPush } from './push-throughput.js'

const PULL_ROWS = 10_000
const RUNS = 5

function row(label: string, value: string, baseline: string, ratio: string, goal: string) {
  return `${label.padEnd(44)} ${value.padStart(14)} ${baseline.padStart(14)} ${ratio.padStart(8)}  ${goal}`
}

async function benchPullApply(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-bench-'))
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      lib: { entry: path.resolve('tests/bench/pull-apply.entry.ts'), formats: ['es'], fileName: () => 'bench.js' },
    },
  })
  const script = readFileSync(path.join(outDir, 'bench.js'))
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script)
    } else {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/bench.js"></script>')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true })
  try {
    const page = await browser.newPage()
    await page.goto(`http://127.0.0.1:${port}/`)
    await page.waitForFunction(() => typeof window.runPullBench === 'function')
    const { engineMs, rawMs } = await page.evaluate(([count, runs]) => window.runPullBench(count, runs), [PULL_ROWS, RUNS] as const)
    return row(
      `apply a pull of ${PULL_ROWS.toLocaleString('en')} changes (IndexedDB)`,
      `${engineMs.toFixed(0)} ms`,
      `${rawMs.toFixed(0)} ms`,
      `${(engineMs / rawMs).toFixed(2)}x`,
      'goal < 1.50x (baseline: raw Dexie bulkPut)',
    )
  } finally {
    await browser.close()
    server.close()
  }
}

const lines = [
  row('measure', 'engine', 'baseline', 'ratio', ''),
  await benchPullApply(),
  await benchPush(row),
  await benchBallotAcceptance(row),
  ...(await benchTally(row)),
]
console.log(`\nBrugerstemme bench (${new Date().toISOString()}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})\n`)
console.log(lines.join('\n'))
console.log()
