import { createServer } from 'node:http'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../../playwright.config.js'
import type { BenchFigure } from './figure.js'

const PULL_ROWS = 10_000
const RUNS = 5
const here = path.dirname(fileURLToPath(import.meta.url))

/** Applying a pull in headless Chromium's IndexedDB vs. a raw Dexie bulkPut of the same rows. */
export default async function benchPullApply(): Promise<BenchFigure[]> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-bench-'))
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      lib: { entry: path.join(here, 'pull-apply.entry.ts'), formats: ['es'], fileName: () => 'bench.js' },
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
    return [
      {
        measure: `apply a pull of ${PULL_ROWS.toLocaleString('en')} changes (IndexedDB)`,
        value: engineMs,
        unit: 'ms',
        baseline: rawMs,
        baselineLabel: 'raw Dexie bulkPut of the same rows',
        goal: '≤ 1.5 × baseline',
        met: engineMs <= 1.5 * rawMs,
      },
    ]
  } finally {
    await browser.close()
    server.close()
  }
}
