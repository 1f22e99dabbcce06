/** Display choices a person makes for themselves; they stay on this device only. */
export const textSizes = ['normal', 'large', 'largest'] as const
export const themes = ['system', 'light', 'dark'] as const
export const locales = ['da', 'en'] as const

export type TextSize = (typeof textSizes)[number]
export type Theme = (typeof themes)[number]
export type Locale = (typeof locales)[number]

export interface DisplaySettings {
  textSize: TextSize
  theme: Theme
  highContrast: boolean
  extraSpacing: boolean
  locale: Locale
}

export const defaultSettings: DisplaySettings = {
  textSize: 'normal',
  theme: 'system',
  highContrast: false,
  extraSpacing: false,
  locale: 'da',
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback
}

/**
 * Reads what an earlier version, another tab or a curious person left in storage. Anything
 * unreadable falls back to the default for that one choice, so a damaged value never locks a
 * person out of the settings they rely on.
 */
export function parseSettings(raw: string | null): DisplaySettings {
  let data: Record<string, unknown> = {}
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {}
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>
  } catch {
    data = {}
  }
  return {
    textSize: oneOf(textSizes, data.textSize, defaultSettings.textSize),
    theme: oneOf(themes, data.theme, defaultSettings.theme),
    highContrast: typeof data.highContrast === 'boolean' ? data.highContrast : defaultSettings.highContrast,
    extraSpacing: typeof data.extraSpacing === 'boolean' ? data.extraSpacing : defaultSettings.extraSpacing,
    locale: oneOf(locales, data.locale, defaultSettings.locale),
  }
}
