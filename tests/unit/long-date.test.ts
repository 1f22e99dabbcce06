import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { longDateParts } from '../../src/app/meetings/long-date.js'

type When = { longDate: string; weekdays: string; months: string }
const when = (locale: string) => (JSON.parse(readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), 'utf8')) as { when: When }).when

/** What the date card showed with Intl before, and what a reader of that language expects. */
function intlLongDate(iso: string, locale: string): string {
  const date = new Date(`${iso}T12:00:00`)
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(date)
  const rest = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date)
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)} ${rest}`
}

describe('longDateParts', () => {
  it.each(['da', 'en'])('gives the same long date as Intl in %s for every day of four years', (locale) => {
    const { longDate, weekdays, months } = when(locale)
    const mismatches: string[] = []
    for (let day = new Date(Date.UTC(2025, 0, 1)); day.getUTCFullYear() < 2029; day.setUTCDate(day.getUTCDate() + 1)) {
      const iso = day.toISOString().slice(0, 10)
      const parts = longDateParts(iso, weekdays, months)
      const text = longDate.replace(/\{(\w+)\}/g, (_, name: keyof typeof parts) => String(parts[name]))
      if (text !== intlLongDate(iso, locale)) mismatches.push(`${iso}: ${text} ≠ ${intlLongDate(iso, locale)}`)
    }
    expect(mismatches).toEqual([])
  })

  it('reads the Danish meeting date a resident sees on the card', () => {
    const { weekdays, months } = when('da')
    expect(longDateParts('2026-12-03', weekdays, months)).toEqual({ weekday: 'Torsdag', day: 3, month: 'december', year: 2026 })
  })
})
