import { defineStore } from 'pinia'
import { computed, onScopeDispose, reactive, watch, watchEffect } from 'vue'
import { setLocale } from '../i18n'
import { useMediaQuery } from '../ui/use-media-query'
import { parseSettings, type DisplaySettings } from './settings'

export const SETTINGS_STORAGE_KEY = 'brugerstemme.settings.v1'

function readStored(): DisplaySettings {
  try {
    return parseSettings(localStorage.getItem(SETTINGS_STORAGE_KEY))
  } catch {
    // Storage can be blocked (private mode, policies); the defaults still work.
    return parseSettings(null)
  }
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = reactive<DisplaySettings>(__SERVER_RENDER__ ? parseSettings(null) : readStored())
  const systemPrefersDark = useMediaQuery('(prefers-color-scheme: dark)')
  const resolvedTheme = computed(() =>
    settings.theme === 'system' ? (systemPrefersDark.value ? 'dark' : 'light') : settings.theme,
  )

  // The server renders pages as a new device shows them: with the defaults, in Danish.
  if (__SERVER_RENDER__) return { settings, resolvedTheme }

  // Applied synchronously on every change so a choice takes effect at once, without a reload.
  watchEffect(() => {
    const root = document.documentElement
    root.dataset.theme = resolvedTheme.value
    root.dataset.textSize = settings.textSize
    root.dataset.contrast = settings.highContrast ? 'more' : 'normal'
    root.dataset.spacing = settings.extraSpacing ? 'wide' : 'normal'
    setLocale(settings.locale)
  })

  watch(
    settings,
    (value) => {
      try {
        localStorage.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(value))
      } catch {
        // Not saved, but still applied for this visit; nothing else depends on it.
      }
    },
    { deep: true },
  )

  // Another tab changed the settings: follow it, so the two never disagree.
  const onStorage = (event: StorageEvent) => {
    if (event.key === SETTINGS_STORAGE_KEY) Object.assign(settings, parseSettings(event.newValue))
  }
  window.addEventListener('storage', onStorage)
  onScopeDispose(() => window.removeEventListener('storage', onStorage))

  return { settings, resolvedTheme }
})
