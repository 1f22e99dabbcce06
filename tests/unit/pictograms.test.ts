import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  PICTOGRAM_CATEGORIES,
  PICTOGRAMS,
  pictogramById,
  searchPictograms,
} from '../../src/shared/meetings/pictograms'

const folder = path.resolve(__dirname, '../../public/pictograms')
/** The whole bundled set, cached offline on every device that follows a council. */
const BUDGET_BYTES = 800 * 1024

const ids = (list: { id: string }[]) => list.map((p) => p.id)

/**
 * Strict XML well-formedness for the subset these files use: elements with double-quoted
 * attributes, text without markup characters, no comments, doctypes or processing instructions.
 */
function wellFormedProblem(xml: string): string | null {
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z][\w:.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y
  const open: string[] = []
  let index = 0
  while (index < xml.length) {
    token.lastIndex = index
    const match = token.exec(xml)
    if (!match) return `unexpected markup at ${index}: ${xml.slice(index, index + 30)}`
    index = token.lastIndex
    const [, closing, name, attributes, selfClosing, text] = match
    if (text !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) return 'bare & in text'
      if (open.length === 0 && text.trim() !== '') return 'text outside the root element'
      continue
    }
    const names = [...(attributes ?? '').matchAll(/([A-Za-z][\w:.-]*)=/g)].map((m) => m[1])
    if (new Set(names).size !== names.length) return `<${name}> repeats an attribute`
    if (closing) {
      if (open.pop() !== name) return `</${name}> closes the wrong element`
      if (open.length === 0 && xml.slice(index).trim() !== '') return 'content after the root element'
    } else if (!selfClosing) {
      if (open.length === 0 && index !== match[0].length) return 'more than one root element'
      open.push(name!)
    }
  }
  return open.length === 0 ? null : `unclosed <${open.at(-1)}>`
}

describe('the pictogram list', () => {
  it('has 150 to 250 pictures with unique kebab-case ids', () => {
    expect(PICTOGRAMS.length).toBeGreaterThanOrEqual(150)
    expect(PICTOGRAMS.length).toBeLessThanOrEqual(250)
    for (const { id } of PICTOGRAMS) expect(id).toMatch(/^[a-z0-9-]{1,64}$/)
    expect(new Set(ids([...PICTOGRAMS])).size).toBe(PICTOGRAMS.length)
  })

  it('gives every picture a Danish and an English name and search words, in a known category', () => {
    const categories = new Set<string>(PICTOGRAM_CATEGORIES.map((c) => c.id))
    for (const p of PICTOGRAMS) {
      expect(categories.has(p.category), p.id).toBe(true)
      expect(p.da.trim(), p.id).not.toBe('')
      expect(p.en.trim(), p.id).not.toBe('')
      expect(p.words.da.length, `${p.id} has Danish search words`).toBeGreaterThan(0)
      expect(p.words.en.length, `${p.id} has English search words`).toBeGreaterThan(0)
      for (const word of [...p.words.da, ...p.words.en]) expect(word.trim(), p.id).toBe(word)
    }
  })

  it('names every category in Danish and English, and uses each one', () => {
    for (const c of PICTOGRAM_CATEGORIES) {
      expect(c.da).not.toBe('')
      expect(c.en).not.toBe('')
      expect(PICTOGRAMS.some((p) => p.category === c.id), c.id).toBe(true)
    }
  })

  it('finds a picture by id, and nothing for an unknown id', () => {
    expect(pictogramById('food')?.da).toBe('Mad')
    expect(pictogramById('no-such-picture')).toBeUndefined()
  })
})

describe('the pictogram files', () => {
  const files = readdirSync(folder)

  it('has exactly one SVG per pictogram and the licence, nothing else', () => {
    const expected = [...PICTOGRAMS.map((p) => `${p.id}.svg`), 'LICENSE.txt'].sort()
    expect([...files].sort()).toEqual(expected)
  })

  it('has well-formed, self-contained SVGs with a viewBox and no scripts or outside links', () => {
    for (const { id } of PICTOGRAMS) {
      const svg = readFileSync(path.join(folder, `${id}.svg`), 'utf8')
      expect(wellFormedProblem(svg), id).toBeNull()
      expect(svg, id).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="[\d.]+ [\d.]+ [\d.]+ [\d.]+"/)
      expect(svg, id).not.toMatch(/<script|<foreignObject|<image|\son[a-z]+=/i)
      // Only references inside the file itself (gradients, clip paths) are allowed.
      for (const [, target] of svg.matchAll(/href="([^"]*)"/g)) expect(target, id).toMatch(/^#/)
      for (const [, target] of svg.matchAll(/url\(([^)]*)\)/g)) expect(target, id).toMatch(/^#/)
      // The picture is marked decorative where it is used, not in the file.
      expect(svg, id).not.toContain('aria-hidden')
    }
  })

  it('ships the MIT licence with attribution to Microsoft Fluent Emoji', () => {
    const licence = readFileSync(path.join(folder, 'LICENSE.txt'), 'utf8')
    expect(licence).toContain('Fluent Emoji')
    expect(licence).toContain('Copyright (c) Microsoft Corporation')
    expect(licence).toContain('MIT License')
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS"')
  })

  it(`stays under ${BUDGET_BYTES / 1024} KB in total`, () => {
    const total = files.reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0)
    expect(total).toBeLessThan(BUDGET_BYTES)
  })

  it('recognises a broken file', () => {
    expect(wellFormedProblem('<svg><g></svg>')).not.toBeNull()
    expect(wellFormedProblem('<svg a="1" a="2"></svg>')).not.toBeNull()
    expect(wellFormedProblem('<svg></svg><svg></svg>')).not.toBeNull()
    expect(wellFormedProblem('<svg><path d="M0 0"/></svg>')).toBeNull()
  })
})

describe('searching pictograms', () => {
  it('puts the exact name first: "mad" finds food before breakfast and dinner', () => {
    const found = ids(searchPictograms('mad', 'da'))
    expect(found[0]).toBe('food')
    expect(found).toContain('meal-plan')
    expect(found.indexOf('food')).toBeLessThan(found.indexOf('meal-plan'))
  })

  it('ranks an exact name above earlier categories that only mention the word', () => {
    // "Nyt fra huset" (meeting) and "nattero" (home) come earlier in category order; "Husk"
    // is a name that starts with the query, so it comes before them too.
    expect(ids(searchPictograms('hus', 'da')).slice(0, 3)).toEqual(['house', 'reminder', 'news'])
    expect(ids(searchPictograms('nat', 'da'))[0]).toBe('night')
    expect(ids(searchPictograms('nat', 'da'))).toContain('quiet')
  })

  it('ignores case and finds common council words', () => {
    expect(ids(searchPictograms('PENGE', 'da'))[0]).toBe('money')
    expect(ids(searchPictograms('Morgenmad', 'da'))[0]).toBe('breakfast')
    expect(ids(searchPictograms('frokost', 'da'))[0]).toBe('lunch')
    expect(ids(searchPictograms('valg', 'da'))[0]).toBe('election')
    expect(ids(searchPictograms('pause', 'da'))[0]).toBe('break')
  })

  it('handles æ, ø and å, also typed as ae, oe, aa or decomposed', () => {
    expect(ids(searchPictograms('æble', 'da'))[0]).toBe('apple')
    expect(ids(searchPictograms('ÆBLE', 'da'))[0]).toBe('apple')
    expect(ids(searchPictograms('aeble', 'da'))[0]).toBe('apple')
    expect(ids(searchPictograms('nøgle', 'da'))[0]).toBe('key')
    expect(ids(searchPictograms('pårørende', 'da'))[0]).toBe('relatives')
    expect(ids(searchPictograms('paarørende', 'da'))[0]).toBe('relatives')
    expect(ids(searchPictograms('pa\u030Arørende', 'da'))[0]).toBe('relatives')
    expect(ids(searchPictograms('ide', 'da'))[0]).toBe('idea')
  })

  it('matches the start of any word, not the middle', () => {
    expect(ids(searchPictograms('morg', 'da'))).toEqual(expect.arrayContaining(['breakfast', 'tomorrow']))
    expect(ids(searchPictograms('i morgen', 'da'))[0]).toBe('tomorrow')
    // "mmepenge" is the middle of "lommepenge", "enge" the end of "penge".
    expect(ids(searchPictograms('mmepenge', 'da'))).toEqual([])
    expect(ids(searchPictograms('enge', 'da'))).not.toContain('money')
  })

  it('searches synonyms and inflections', () => {
    expect(ids(searchPictograms('skraldespand', 'da'))).toContain('rubbish')
    expect(ids(searchPictograms('læger', 'da'))).toEqual([])
    expect(ids(searchPictograms('lægen', 'da'))).toContain('doctor')
    expect(ids(searchPictograms('flextrafik', 'da'))).toContain('minibus')
  })

  it('searches the English words in English', () => {
    expect(ids(searchPictograms('food', 'en'))[0]).toBe('food')
    expect(ids(searchPictograms('money', 'en'))[0]).toBe('money')
    expect(ids(searchPictograms('apple', 'en'))[0]).toBe('apple')
    expect(searchPictograms('æble', 'en')).toEqual([])
  })

  it('finds nothing for a word that is not there', () => {
    expect(searchPictograms('xylofonkonsert', 'da')).toEqual([])
  })

  it('returns everything in category order for an empty or blank query', () => {
    const all = searchPictograms('  ', 'da')
    expect(all).toHaveLength(PICTOGRAMS.length)
    const order = PICTOGRAM_CATEGORIES.map((c) => c.id as string)
    const positions = all.map((p) => order.indexOf(p.category))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(searchPictograms('', 'en')).toHaveLength(PICTOGRAMS.length)
  })
})
