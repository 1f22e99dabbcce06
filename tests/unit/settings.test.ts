import { describe, expect, it } from 'vitest'
import { defaultSettings, parseSettings } from '../../src/app/settings/settings.js'

describe('parseSettings', () => {
  it('gives the defaults (Danish, normal text, colours like the device) when nothing is stored', () => {
    expect(parseSettings(null)).toEqual({
      textSize: 'normal',
      theme: 'system',
      highContrast: false,
      extraSpacing: false,
      locale: 'da',
    })
  })

  it('keeps every valid choice a person made', () => {
    const stored = { textSize: 'largest', theme: 'dark', highContrast: true, extraSpacing: true, locale: 'en' }
    expect(parseSettings(JSON.stringify(stored))).toEqual(stored)
  })

  it('replaces only the damaged choice and keeps the others', () => {
    const stored = JSON.stringify({ textSize: 'huge', theme: 'dark', highContrast: 'yes', locale: 'sv' })
    expect(parseSettings(stored)).toEqual({ ...defaultSettings, theme: 'dark' })
  })

  it.each(['not json', '[]', '"dark"', '42', 'null', '{"__proto__": {"theme": "dark"}}'])(
    'survives unreadable storage %s by using the defaults',
    (raw) => {
      expect(parseSettings(raw)).toEqual(defaultSettings)
    },
  )
})
