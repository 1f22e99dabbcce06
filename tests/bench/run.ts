/**
 * npm run bench: every performance budget measured and printed beside its baseline from the same
 * run, never asserted in tests. Each tests/bench/<name>.bench.ts is a suite (default export, see
 * figure.ts); `npm run bench -- push` runs only the suites whose file name contains "push".
 * The figures are also written to bench-results.json, with the previous run's beside them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchFigure, BenchSuite } from './figure.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const resultsFile = path.resolve(here, '../../bench-results.json')
const filters = process.argv.slice(2)

const suites = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort()

const number = (value: number) => (Number.isInteger(value) || Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2))
const cell = (value: number | null, unit: string) => (value === null ? '–' : `${number(value)} ${unit}`.trim())

interface Stored {
  suite: string
  figures: BenchFigure[]
  error?: string
}

const previous: Stored[] = existsSync(resultsFile) ? ((JSON.parse(readFileSync(resultsFile, 'utf8')) as { suites?: Stored[] }).suites ?? []) : []
const results: Stored[] = []

console.log(`\nBrugerstemme bench (${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version})\n`)
console.log(`${'measure'.padEnd(58)} ${'value'.padStart(14)} ${'baseline'.padStart(14)} ${'ratio'.padStart(7)}  goal`)
for (const file of suites) {
  const name = file.replace(/\.bench\.ts$/, '')
  try {
    const run = (await import(pathToFileURL(path.join(here, file)).href)) as { default: BenchSuite }
    const figures = await run.default()
    results.push({ suite: name, figures })
    for (const f of figures) {
      const ratio = f.baseline ? `${(f.value / f.baseline).toFixed(2)}x` : ''
      const before = previous.find((p) => p.suite === name)?.figures.find((p) => p.measure === f.measure)
      const trend = before ? ` (last run ${cell(before.value, f.unit)})` : ''
      console.log(
        `${f.measure.padEnd(58)} ${cell(f.value, f.unit).padStart(14)} ${cell(f.baseline, f.unit).padStart(14)} ${ratio.padStart(7)}  ${f.met ? 'met' : 'NOT MET'}: ${f.goal}; baseline: ${f.baselineLabel}${trend}`,
      )
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    results.push({ suite: name, figures: [], error: message })
    console.log(`${name.padEnd(58)} failed: ${message}`)
  }
}
writeFileSync(resultsFile, `${JSON.stringify({ at: new Date().toISOString(), cores: os.cpus().length, node: process.version, suites: results }, null, 2)}\n`)
console.log(`\nWritten to ${path.relative(process.cwd(), resultsFile)}.\n`)
if (results.some((r) => r.error)) process.exitCode = 1
