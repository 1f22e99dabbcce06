// Merges new or changed strings into locales/da.json and locales/en.json in one short
// read-modify-write, so several people (or agents) adding keys at once do not clobber each other.
// Usage: node scripts/locale-add.mjs strings.json   where strings.json is { "da": {…}, "en": {…} }
// with the same nested shape as the locale files. Existing keys are overwritten, order is kept.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'))

function merge(target, source, where) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object') {
      if (typeof target[key] === 'string') throw new Error(`${where}${key} is a string in the locale, not a group`)
      target[key] = merge(target[key] ?? {}, value, `${where}${key}.`)
    } else {
      if (target[key] && typeof target[key] === 'object') throw new Error(`${where}${key} is a group in the locale, not a string`)
      target[key] = value
    }
  }
  return target
}

for (const locale of ['da', 'en']) {
  if (!input[locale]) throw new Error(`strings file has no "${locale}" part`)
  const file = path.join(root, 'locales', `${locale}.json`)
  const merged = merge(JSON.parse(readFileSync(file, 'utf8')), input[locale], '')
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(merged, null, 2) + '\n')
  renameSync(tmp, file)
}
console.log('locales updated')
