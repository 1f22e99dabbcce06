// Writes the bundled pictograms: one SVG per entry of src/shared/meetings/pictograms.ts into
// public/pictograms/, plus the licence. Only the curated pictures are shipped, never the whole
// icon set. The output is committed, so a build never needs this script or the icon package.
// Usage: npm run pictograms   (tsx, because the list is TypeScript)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PICTOGRAMS } from '../src/shared/meetings/pictograms.ts'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const outDir = path.join(root, 'public', 'pictograms')
const require = createRequire(import.meta.url)
const iconSet = JSON.parse(readFileSync(require.resolve('@iconify-json/fluent-emoji-flat/icons.json'), 'utf8'))
const info = JSON.parse(readFileSync(require.resolve('@iconify-json/fluent-emoji-flat/info.json'), 'utf8'))

const ID = /^[a-z0-9-]{1,64}$/

function fail(problems) {
  console.error(`pictograms: nothing written.\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  process.exit(1)
}

/** The icon's own data, following plain aliases; flipped or rotated aliases are refused. */
function lookUp(name) {
  const alias = iconSet.aliases?.[name]
  if (alias) {
    const { parent, ...transform } = alias
    if (Object.keys(transform).length > 0) return { error: `"${name}" is a transformed alias of "${parent}"; use another icon` }
    return lookUp(parent)
  }
  const icon = iconSet.icons[name]
  return icon ? { icon } : { error: `"${name}" is not in @iconify-json/fluent-emoji-flat` }
}

function toSvg(icon) {
  const left = icon.left ?? iconSet.left ?? 0
  const top = icon.top ?? iconSet.top ?? 0
  const width = icon.width ?? iconSet.width ?? 16
  const height = icon.height ?? iconSet.height ?? 16
  // Gradient ids stay local to each file because the app shows pictures with <img>.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${left} ${top} ${width} ${height}">${icon.body}</svg>\n`
}

const problems = []
const seen = new Set()
const files = new Map()
for (const { id, source } of PICTOGRAMS) {
  if (!ID.test(id)) problems.push(`id "${id}" is not kebab-case (${ID})`)
  if (seen.has(id)) problems.push(`id "${id}" is used twice`)
  seen.add(id)
  const { icon, error } = lookUp(source)
  if (error) {
    problems.push(`${id}: ${error}`)
    continue
  }
  const svg = toSvg(icon)
  if (/<script|<foreignObject|\son\w+=|(?:xlink:)?href="(?!#)|url\((?!#)/i.test(svg)) {
    problems.push(`${id}: "${source}" has a script, an event handler or an external reference`)
  }
  files.set(`${id}.svg`, svg)
}
if (problems.length > 0) fail(problems)

const licence = `Pictograms in this folder: Fluent Emoji (flat style) by ${info.author.name},
from ${info.author.url}
taken from the npm package @iconify-json/fluent-emoji-flat and used under the MIT licence.
Brugerstemme ships a curated selection, unmodified apart from the SVG wrapper.

MIT License

Copyright (c) Microsoft Corporation.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`
files.set('LICENSE.txt', licence)

mkdirSync(outDir, { recursive: true })
// Pictures dropped from the list go, so the folder is exactly the list.
for (const name of readdirSync(outDir)) {
  if (!files.has(name)) rmSync(path.join(outDir, name))
}
let bytes = 0
for (const [name, content] of files) {
  writeFileSync(path.join(outDir, name), content)
  bytes += Buffer.byteLength(content)
}
console.log(`pictograms: ${files.size - 1} pictures, ${(bytes / 1024).toFixed(0)} KB in public/pictograms`)
