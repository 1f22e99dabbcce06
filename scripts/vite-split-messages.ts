import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'

/**
 * Danish messages by feature, cut at build time from the one locales/da.json the house rule
 * keeps every string in. The file is cut into units: a subtree of at most UNIT_BYTES
 * ("elections.ballot.done"), and the plain strings of a larger subtree that is cut further
 * ("elections.ballot@leaves"). Every module of the app that names a key in its source
 * (`t('meeting.readMore')`, `labelKey: 'nav.meetings'`, `` `admin.audit.${action}` ``) gets a
 * static import of the units that hold it, so messages travel in the same chunk group as the
 * code that shows them: the start page no longer downloads and parses the election, workshop
 * and admin texts (most of the file) before its first paint. A refused-changes label named by
 * the always-loaded sync registration of a feature brings that one small unit, not the feature.
 *
 * `virtual:messages/<unit>` registers a unit with the app's i18n (src/app/i18n.ts); its messages
 * come from `locales/split/da/<unit>.json`, a file that exists only inside the build, which
 * @intlify/unplugin-vue-i18n compiles like the real one (include that path in its `include`).
 * Files matched by `indirect` (the route tables, which name every screen's title) bring no
 * units; `virtual:messages/loaders` maps the units they name to dynamic imports instead, which
 * src/app/i18n.ts uses for a route's meta.titleKey.
 *
 * Other languages are not split: a person who chooses English loads all of locales/en.json once.
 */
export const SPLIT_MESSAGES_DIR = 'locales/split'

/** Subtrees larger than this (as JSON) are cut into their children; a unit costs about 50 bytes of code. */
const UNIT_BYTES = 600
const LEAVES = '@leaves'
const UNIT_ID = 'virtual:messages/'
const LOADERS_ID = 'virtual:messages/loaders'
const RESOLVED_PREFIX = '\0virtual:messages/'
// In module ids a unit's dots are slashes: Vite's dev server takes "councils.kinds" for a file
// with the extension ".kinds" and serves it as an asset.
const unitId = (name: string) => UNIT_ID + name.replaceAll('.', '/')
const unitName = (resolved: string) => resolved.slice(RESOLVED_PREFIX.length).replace(/\?.*$/, '').replaceAll('/', '.')

type Tree = { [key: string]: string | Tree }

interface Unit {
  /** "elections.ballot.done", or "elections.ballot@leaves" (…@leaves2, …) for the plain strings of a cut subtree. */
  name: string
  path: string[]
  /** The messages, wrapped in their path: { elections: { ballot: { done: … } } }. */
  wrapped: Tree
  /** How many levels of the wrapper other units may have made already (src/app/i18n.ts merges below them). */
  depth: number
  /** Every full key the unit holds. */
  keys: string[]
}

function keysOf(prefix: string, tree: Tree | string): string[] {
  if (typeof tree === 'string') return [prefix]
  return Object.entries(tree).flatMap(([key, value]) => keysOf(`${prefix}.${key}`, value))
}

function wrap(path: string[], value: Tree): Tree {
  return path.reduceRight<Tree>((inner, key) => ({ [key]: inner }), value)
}

export function messageUnits(messages: Tree, limit = UNIT_BYTES): Unit[] {
  const units: Unit[] = []
  const walk = (path: string[], tree: Tree) => {
    if (path.length > 0 && JSON.stringify(tree).length <= limit) {
      units.push({ name: path.join('.'), path, wrapped: wrap(path.slice(0, -1), { [path.at(-1)!]: tree }), depth: path.length - 1, keys: keysOf(path.join('.'), tree) })
      return
    }
    const leaves: Record<string, string> = {}
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === 'string') leaves[key] = value
      else walk([...path, key], value)
    }
    // The plain strings of a cut subtree, in groups of about the same size, in file order.
    let group: Record<string, string> = {}
    let size = 0
    let count = 0
    const flush = () => {
      if (Object.keys(group).length === 0) return
      count += 1
      const name = `${path.join('.')}${LEAVES}${count > 1 ? count : ''}`
      units.push({ name, path, wrapped: wrap(path, group), depth: path.length, keys: Object.keys(group).map((key) => `${path.join('.')}.${key}`) })
      group = {}
      size = 0
    }
    for (const [key, value] of Object.entries(leaves)) {
      if (size > 0 && size + value.length > limit) flush()
      group[key] = value
      size += key.length + value.length
    }
    flush()
  }
  walk([], messages)
  return units
}

/**
 * The units a source names. A key is a string of dotted words starting with a top-level
 * namespace; a key followed by `${` or ending in a dot is a prefix (`` `admin.audit.${action}` ``)
 * and brings every unit with a key that starts with it, as does a key that matches nothing whole.
 */
function mentions(source: string, namespaces: string[]) {
  const names = [...namespaces].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  // Key words are letters, digits, _ and -; a key ends where anything else starts (`${` included).
  return source.matchAll(new RegExp(`['"\`]((?:${names.join('|')})\\.[\\w.-]*)(\\$\\{)?`, 'g'))
}

/** The whole keys a source names (a route table's titles). */
export function keysNamedIn(source: string, namespaces: string[]): Set<string> {
  return new Set([...mentions(source, namespaces)].filter((match) => !match[2]).map((match) => match[1]!))
}

export function unitsNamedIn(source: string, units: Unit[], namespaces: string[]): Set<string> {
  const used = new Set<string>()
  for (const match of mentions(source, namespaces)) {
    const text = match[1]!
    const open = Boolean(match[2]) || text.endsWith('.')
    const whole = (key: string) => key === text || key.startsWith(`${text}.`)
    let found = false
    if (!open) {
      for (const unit of units) {
        if (!unit.keys.some(whole)) continue
        used.add(unit.name)
        found = true
      }
    }
    if (!found) for (const unit of units) if (unit.keys.some((key) => key.startsWith(text))) used.add(unit.name)
  }
  return used
}

export function splitMessages(options: { root: string; locale?: string; indirect: RegExp }): Plugin[] {
  const locale = options.locale ?? 'da'
  const file = path.join(options.root, 'locales', `${locale}.json`)
  const splitDir = path.join(options.root, SPLIT_MESSAGES_DIR, locale)
  const registry = path.join(options.root, 'src/app/i18n.ts')
  const sources = [path.join(options.root, 'src/app') + path.sep, path.join(options.root, 'src/shared') + path.sep]
  let messages: Tree = {}
  let units = new Map<string, Unit>()
  /** Key named in an `indirect` file → the unit that holds it. */
  let loaded = new Map<string, string>()

  const read = () => {
    messages = JSON.parse(readFileSync(file, 'utf8')) as Tree
    units = new Map(messageUnits(messages).map((unit) => [unit.name, unit]))
    loaded = new Map()
    const all = [...units.values()]
    for (const dir of sources) {
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const source = path.join(dir, name)
        if (!options.indirect.test(source)) continue
        for (const key of keysNamedIn(readFileSync(source, 'utf8'), Object.keys(messages))) {
          const holder = all.find((unit) => unit.keys.includes(key))
          if (holder) loaded.set(key, holder.name)
        }
      }
    }
  }
  const unit = (name: string, fail: (message: string) => never): Unit => units.get(name) ?? fail(`locales/${locale}.json has no message unit "${name}"`)

  const modules: Plugin = {
    name: 'brugerstemme:split-messages',
    // Before Vite's own resolver and loader: the split files and virtual modules are not on disk.
    enforce: 'pre',
    buildStart() {
      read()
      this.addWatchFile(file)
    },
    resolveId(id) {
      if (id === LOADERS_ID) return `${RESOLVED_PREFIX}loaders`
      if (id.startsWith(UNIT_ID)) return `${RESOLVED_PREFIX}${id.slice(UNIT_ID.length).replace(/\?.*$/, '')}`
      const file = id.replace(/\?.*$/, '')
      if (file.startsWith(splitDir + path.sep) && file.endsWith('.json')) return file
      return null
    },
    load(id) {
      const fail = (message: string) => this.error(message)
      if (id === `${RESOLVED_PREFIX}loaders`) {
        const entries = [...loaded].sort().map(([key, name]) => `  ${JSON.stringify(key)}: () => import(${JSON.stringify(unitId(name))}),`)
        return `export default {\n${entries.join('\n')}\n}\n`
      }
      if (id.startsWith(RESOLVED_PREFIX)) {
        const { name, depth } = unit(unitName(id), fail)
        const json = path.join(splitDir, `${name}.json`)
        return `import messages from ${JSON.stringify(json)}\nimport { addMessages } from ${JSON.stringify(registry)}\naddMessages(${JSON.stringify(locale)}, messages, ${depth})\n`
      }
      const file = id.replace(/\?.*$/, '')
      if (file.startsWith(splitDir + path.sep) && file.endsWith('.json')) {
        return JSON.stringify(unit(path.basename(file, '.json'), fail).wrapped)
      }
      return null
    },
  }
  const mentions: Plugin = {
    name: 'brugerstemme:split-messages-imports',
    // After @vitejs/plugin-vue, so a .vue file is JavaScript by then and an import can go first.
    enforce: 'post',
    transform(code, id) {
      if (id.includes('?') || id.includes('\0') || !/\.(ts|vue)$/.test(id)) return null
      if (!sources.some((dir) => id.startsWith(dir)) || id === registry || options.indirect.test(id)) return null
      // The source as written (a .vue file's template included), not what earlier plugins made of it.
      const used = unitsNamedIn(readFileSync(id, 'utf8'), [...units.values()], Object.keys(messages))
      if (used.size === 0) return null
      const imports = [...used].sort().map((name) => `import ${JSON.stringify(unitId(name))};`)
      return { code: `${imports.join('')}${code}`, map: null }
    },
  }
  return [modules, mentions]
}
