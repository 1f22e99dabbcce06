import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

let built: Promise<string> | null = null

/**
 * The production build (client and server) that the bench suites measure, made once per bench
 * run and shared by every suite that needs it. BENCH_DIST=dist reuses a build already made, e.g.
 * the one `npm run test:e2e` just made, so CI builds once for both. Returns the folder that holds
 * client/ (with Vite's .vite/manifest.json), ssr/render-page.js and node/server/main.js.
 */
export function appBuild(): Promise<string> {
  built ??= (async () => {
    const given = process.env.BENCH_DIST
    if (given) {
      const dir = path.resolve(root, given)
      for (const file of ['client/.vite/manifest.json', 'ssr/render-page.js', 'node/server/main.js']) {
        if (!existsSync(path.join(dir, file))) throw new Error(`BENCH_DIST=${given} has no ${file}: build it first (npm run build)`)
      }
      return dir
    }
    const dir = path.join(root, 'dist-bench')
    await build({ configFile: path.join(root, 'vite.config.ts'), root, logLevel: 'warn', build: { outDir: path.join(dir, 'client'), emptyOutDir: true } })
    // The module the server renders public pages with, where the server looks for it (beside client/).
    await build({ configFile: path.join(root, 'vite.config.ts'), root, logLevel: 'warn', build: { ssr: 'src/app/ssr/render-page.ts', outDir: path.join(dir, 'ssr'), emptyOutDir: true } })
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json', '--outDir', path.join(dir, 'node')], { cwd: root, stdio: 'inherit' })
    return dir
  })()
  return built
}

/** Vite's build manifest: one entry per source module that became a chunk. */
export type ViteManifest = Record<string, { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[]; isEntry?: boolean }>

/**
 * The files a first visit loads before the route can show: the entry chunk, the route's
 * component chunk, `more` (chunks the entry loads itself before any route shows), everything
 * they import statically (Vite preloads those), and their CSS.
 */
export function eagerFiles(manifest: ViteManifest, entry: string, routeChunk: string | null, more: string[] = []): string[] {
  const files = new Set<string>()
  const visit = (key: string) => {
    const chunk = manifest[key]
    if (!chunk) throw new Error(`${key} is not in the build manifest`)
    if (files.has(chunk.file)) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  visit(entry)
  for (const key of more) visit(key)
  if (routeChunk) visit(routeChunk)
  return [...files].filter((file) => /\.(js|css)$/.test(file))
}
