import { createI18n, type I18nOptions } from 'vue-i18n'
import type { Locale } from './settings/settings'

/** One language's messages, compiled by the plugin; typed as the plugin's own virtual module is. */
type Messages = NonNullable<I18nOptions['messages']>[string]

// Danish, the app's first language, comes with the first download; another language is fetched
// when a person chooses it (about 100 KiB less for everyone else), and the service worker keeps
// it like every other part of the app, so it works offline from then on. The plugin compiles
// both files at build time either way.
const danish = import.meta.glob<Messages>('../../locales/da.json', { eager: true, import: 'default' })
const others = import.meta.glob<Messages>(['../../locales/*.json', '!../../locales/da.json'], { import: 'default' })

export const i18n = createI18n({
  legacy: false,
  locale: 'da',
  fallbackLocale: 'da',
  messages: { da: Object.values(danish)[0]! } as I18nOptions['messages'],
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
})

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
