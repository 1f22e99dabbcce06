import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>

/**
 * The chunks a route's screen needs, as links for the head of its HTML: the browser fetches them
 * while it fetches the app's entry, instead of after the entry has run and asked for the route
 * (one round trip less on a slow connection). Read from Vite's build manifest, again whenever the
 * build changes; files the shell already names (the entry and its imports) are left out. Vite's
 * own loader finds these links and does not fetch the files twice. '' without a manifest. `only`
 * narrows them to the styles or the scripts.
 */
export function routePreloads(staticDir: string): (sources: string | string[], only?: 'styles' | 'scripts') => Promise<string> {
  const file = path.join(staticDir, '.vite', 'manifest.json')
  let cached: { mtimeMs: number; manifest: Manifest } | null = null
  return async (sources, only) => {
    const changed = await stat(file).then((s) => s.mtimeMs, () => null)
    if (changed === null) return ''
    if (cached?.mtimeMs !== changed) cached = { mtimeMs: changed, manifest: JSON.parse(await readFile(file, 'utf8')) as Manifest }
    const { manifest } = cached
    const files = (key: string, into = new Set<string>()): Set<string> => {
      const chunk = manifest[key]
      if (!chunk || into.has(chunk.file)) return into
      into.add(chunk.file)
      for (const css of chunk.css ?? []) into.add(css)
      for (const imported of chunk.imports ?? []) files(imported, into)
      return into
    }
    const named = (Array.isArray(sources) ? sources : [sources]).filter((source) => manifest[source])
    if (named.length === 0) return ''
    const inShell = files('index.html')
    const wanted = new Set<string>()
    for (const source of named) files(source, wanted)
    return [...wanted]
      .filter((name) => !inShell.has(name) && (only === 'styles' ? /^[\w@./-]+\.css$/ : only === 'scripts' ? /^[\w@./-]+\.js$/ : /^[\w@./-]+\.(js|css)$/).test(name))
      .map((name) => (name.endsWith('.css') ? `<link rel="stylesheet" crossorigin href="/${name}">` : `<link rel="modulepreload" crossorigin href="/${name}">`))
      .join('')
  }
}
