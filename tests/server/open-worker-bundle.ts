import { fileURLToPath } from 'node:url'
import { useSourceWorker } from '../../src/server/elections/open-ballots.js'

let bundled: Promise<string> | undefined

/**
 * Lets a big tally run from the TypeScript sources open ballots over worker threads as the built
 * server does: the worker and what it imports are bundled once per process by esbuild, since
 * starting a TypeScript loader in every worker takes longer than the work. Resolves once bundled.
 */
export function bundleOpenWorker(): Promise<string> {
  bundled ??= import('esbuild').then(async (esbuild) => {
    const entry = fileURLToPath(new URL('../../src/server/elections/open-worker.ts', import.meta.url))
    const result = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' })
    return result.outputFiles[0]!.text
  })
  const ready = bundled
  useSourceWorker(() => ready)
  return ready
}
