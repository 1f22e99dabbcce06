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
const UNIT_BYTES = 1500
const LEAVES = '@leaves'
const UNIT_ID = 'virtual:messages/'
const LOADERS_ID = 'virtual:messages/loaders'
const RESOLVED_PREFIX = '\0virtual:messages/'

type Tree = { [key: string]: string | Tree }

interface Unit {
  /** "elections.ballot.done" or "elections.ballot@leaves". */
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
    const leaves: Tree = {}
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === 'string') leaves[key] = value
      else walk([...path, key], value)
    }
    if (Object.keys(leaves).length > 0) {
      units.push({ name: `${path.join('.')}${LEAVES}`, path, wrapped: wrap(path, leaves), depth: path.length, keys: Object.keys(leaves).map((key) => `${path.join('.')}.${key}`) })
    }
  }
  walk([], messages)
  return units
}

/**
 * The units a source names. A key is a string of dotted words starting with a top-level
 * namespace; a key followed by `${` or ending in a dot is a prefix (`` `admin.audit.${action}` ``)
 * and brings every unit with a key that starts with it, as does a key that matches nothing whole.
 */
export function unitsNamedIn(source: string, units: Unit[], namespaces: string[]): Set<string> {
  const names = [...namespaces].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  // Key words are letters, digits, _ and -; a key ends where anything else starts (`${` included).
  const mention = new RegExp(`['"\`]((?:${names.join('|')})\\.[\\w.-]*)(\\$\\{)?`, 'g')
  const used = new Set<string>()
  for (const match of source.matchAll(mention)) {
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
  let loaded = new Set<string>()

  const read = () => {
    messages = JSON.parse(readFileSync(file, 'utf8')) as Tree
    units = new Map(messageUnits(messages).map((unit) => [unit.name, unit]))
    loaded = new Set()
    for (const dir of sources) {
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        const source = path.join(dir, name)
        if (options.indirect.test(source)) for (const unit of unitsNamedIn(readFileSync(source, 'utf8'), [...units.values()], Object.keys(messages))) loaded.add(unit)
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
      if (id.startsWith(UNIT_ID)) return `${RESOLVED_PREFIX}${id.slice(UNIT_ID.length)}`
      if (id.startsWith(splitDir + path.sep) && id.endsWith('.json')) return id
      return null
    },
    load(id) {
      const fail = (message: string) => this.error(message)
      if (id === `${RESOLVED_PREFIX}loaders`) {
        const entries = [...loaded].sort().map((name) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(UNIT_ID + name)}),`)
        return `export default {\n${entries.join('\n')}\n}\n`
      }
      if (id.startsWith(RESOLVED_PREFIX)) {
        const { name, depth } = unit(id.slice(RESOLVED_PREFIX.length), fail)
        const json = path.join(splitDir, `${name}.json`)
        return `import messages from ${JSON.stringify(json)}\nimport { addMessages } from ${JSON.stringify(registry)}\naddMessages(${JSON.stringify(locale)}, messages, ${depth})\n`
      }
      if (id.startsWith(splitDir + path.sep) && id.endsWith('.json')) {
        return JSON.stringify(unit(path.basename(id, '.json'), fail).wrapped)
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
      const imports = [...used].sort().map((name) => `import ${JSON.stringify(UNIT_ID + name)};`)
      return { code: `${imports.join('')}${code}`, map: null }
    },
  }
  return [modules, mentions]
}
