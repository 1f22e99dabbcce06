import { readFileSync } from 'node:fs'
import { baseCompile } from '@intlify/message-compiler'
import { describe, expect, it } from 'vitest'
import { firstRoutes } from '../../src/app/first-routes.js'
import { routes as laterRoutes } from '../../src/app/routes.js'

type Messages = { [key: string]: string | Messages }

const load = (locale: string): Messages =>
  JSON.parse(readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), 'utf8')) as Messages

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') out.set(prefix + key, value)
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v)
  }
  return out
}

const da = flatten(load('da'))
const en = flatten(load('en'))

describe('locales', () => {
  it('Danish and English have exactly the same keys', () => {
    expect([...en.keys()].sort()).toEqual([...da.keys()].sort())
  })

  it('every message compiles (an unescaped @, { or | breaks the build)', () => {
    const broken: string[] = []
    for (const [key, text] of [...da, ...en]) {
      baseCompile(text, { onError: () => broken.push(key) })
    }
    expect(broken).toEqual([])
  })

  it('no message is empty', () => {
    const empty = [...da, ...en].filter(([, text]) => text.trim() === '').map(([key]) => key)
    expect(empty).toEqual([])
  })

  it('both languages use the same placeholders in each message', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const mismatched = [...da].filter(([key, text]) => {
      const other = en.get(key)
      return other !== undefined && placeholders(text).join() !== placeholders(other).join()
    })
    expect(mismatched.map(([key]) => key)).toEqual([])
  })

  it('every screen has a title in both languages', () => {
    const titleKeys = [...firstRoutes, ...laterRoutes].flatMap((route) => (route.meta?.titleKey ? [route.meta.titleKey] : []))
    expect(titleKeys.length).toBeGreaterThan(5)
    for (const key of titleKeys) {
      expect(da.has(key), `da.json lacks ${key}`).toBe(true)
      expect(en.has(key), `en.json lacks ${key}`).toBe(true)
    }
  })
})
