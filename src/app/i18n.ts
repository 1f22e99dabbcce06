import { createI18n, type I18nOptions } from 'vue-i18n'
import type { Locale } from './settings/settings'

/** One language's messages, compiled by the plugin; typed as the plugin's own virtual module is. */
type Messages = NonNullable<I18nOptions['messages']>[string]

// Danish, the app's first language, comes in pieces with the code that shows them: each module
// that names a key imports that key's namespace (scripts/vite-split-messages.ts), so the start
// page carries its own texts and not every screen's. Another language is fetched whole when a
// person chooses it (about 100 KiB less for everyone else), and the service worker keeps it like
// every other part of the app, so it works offline from then on. The plugin compiles both files
// at build time either way.
const others = import.meta.glob<Messages>(['../../locales/*.json', '!../../locales/da.json'], { import: 'default' })

export const i18n = createI18n({
  legacy: false,
  locale: 'da',
  fallbackLocale: 'da',
  messages: { da: {} } as I18nOptions['messages'],
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
})

type Tree = { [key: string]: unknown }
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null

/** A copy of `target` with `source` merged in; below `depth` levels values are taken whole (they are compiled messages). */
function merged(target: Tree, source: Tree, depth: number): Tree {
  const result: Tree = { ...target }
  for (const [key, value] of Object.entries(source)) {
    const existing = result[key]
    result[key] = depth > 0 && isTree(existing) && isTree(value) ? merged(existing, value, depth - 1) : value
  }
  return result
}

/**
 * A unit of Danish messages arrived with the module that uses it (virtual:messages/<unit>,
 * scripts/vite-split-messages.ts). Units never overlap; `depth` is how many levels of their
 * wrapper another unit may have made already.
 */
export function addMessages(locale: 'da', messages: Messages, depth: number): void {
  i18n.global.setLocaleMessage(locale, merged(i18n.global.getLocaleMessage(locale) as Tree, messages as Tree, depth) as Messages)
}

/**
 * Loads the unit of a route's meta.titleKey: route tables are not scanned for keys (that would
 * put every screen's title into the first download), so the unit may not have come with the
 * page. `virtual:messages/loaders` maps each key the route tables name to its unit; it is a
 * chunk of its own, fetched the first time a title is not here already (the start page's is).
 */
export function messagesFor(key: string): Promise<unknown> {
  if (i18n.global.te(key, 'da')) return Promise.resolve()
  return import('virtual:messages/loaders').then(({ default: loaders }) => loaders[key]?.())
}

const loading = new Map<Locale, Promise<boolean>>()

function loadMessages(locale: Locale): Promise<boolean> {
  if (i18n.global.availableLocales.includes(locale)) return Promise.resolve(true)
  let pending = loading.get(locale)
  if (!pending) {
    const load = others[`../../locales/${locale}.json`]
    pending = load
      ? load().then(
          (messages) => {
            i18n.global.setLocaleMessage(locale, messages)
            return true
          },
          () => {
            // Offline before the service worker had it: stay in Danish, try again next time.
            loading.delete(locale)
            return false
          },
        )
      : Promise.resolve(false)
    loading.set(locale, pending)
  }
  return pending
}

let chosen: Locale = 'da'
let ready: Promise<void> = Promise.resolve()

export function setLocale(locale: Locale): void {
  chosen = locale
  ready = loadMessages(locale).then((loaded) => {
    // A later choice wins over one still loading.
    if (!loaded || chosen !== locale) return
    i18n.global.locale.value = locale
    document.documentElement.lang = locale
  })
}

/** Resolves once the chosen language is in place: the app mounts after it, so its first paint is in that language. */
export const localeReady = (): Promise<void> => ready
