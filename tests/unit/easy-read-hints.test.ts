import { describe, expect, it } from 'vitest'
import { ABBREVIATIONS, findAbbreviations } from '../../src/shared/easy-read/abbreviations.js'
import { easyReadHints, longWords, MAX_SENTENCE_WORDS, type EasyReadHint } from '../../src/shared/easy-read/hints.js'
import { lix } from '../../src/shared/easy-read/lix.js'

const ofKind = <K extends EasyReadHint['kind']>(hints: EasyReadHint[], kind: K) =>
  hints.filter((hint): hint is Extract<EasyReadHint, { kind: K }> => hint.kind === kind)

describe('easyReadHints', () => {
  it('gives nothing for empty or plain easy-read text', () => {
    expect(easyReadHints('')).toEqual([])
    expect(easyReadHints('Vi skal på tur i sommer. Bussen kører fra Egebo.')).toEqual([])
  })

  it('points at abbreviations with the words to use instead, by offset', () => {
    const text = 'Vi mødes f.eks. kl. 13.30 i lokale nr. 3.'
    expect(ofKind(easyReadHints(text), 'abbreviation')).toEqual([
      { kind: 'abbreviation', start: 9, end: 15, abbreviation: 'f.eks.', replacement: 'for eksempel', insert: 'for eksempel' },
      { kind: 'abbreviation', start: 16, end: 19, abbreviation: 'kl.', replacement: 'klokken', insert: 'klokken' },
      { kind: 'abbreviation', start: 35, end: 38, abbreviation: 'nr.', replacement: 'nummer', insert: 'nummer' },
    ])
    expect(text.slice(9, 15)).toBe('f.eks.')
    expect(text.slice(35, 38)).toBe('nr.')
  })

  it('knows the common Danish abbreviations', () => {
    const cases: [string, string][] = [
      ['bl.a.', 'blandt andet'],
      ['dvs.', 'det vil sige'],
      ['evt.', 'eventuelt'],
      ['ca.', 'cirka'],
      ['mht.', 'med hensyn til'],
      ['jf.', 'jævnfør'],
      ['inkl.', 'inklusive'],
      ['osv.', 'og så videre'],
      ['etc.', 'og så videre'],
      ['pga.', 'på grund af'],
      ['m.m.', 'med mere'],
    ]
    for (const [abbreviation, replacement] of cases) {
      const text = `Vi taler ${abbreviation} om maden`
      expect(ofKind(easyReadHints(text), 'abbreviation')).toEqual([
        { kind: 'abbreviation', start: 9, end: 9 + abbreviation.length, abbreviation, replacement, insert: replacement },
      ])
    }
  })

  it('keeps a capital at the start of a sentence and finds the older spaced spelling', () => {
    expect(ofKind(easyReadHints('F.eks. kan du tage en ven med.'), 'abbreviation')[0]).toMatchObject({
      abbreviation: 'F.eks.',
      replacement: 'For eksempel',
    })
    expect(ofKind(easyReadHints('Du kan f. eks. tage en ven med.'), 'abbreviation')[0]).toMatchObject({
      start: 7,
      end: 14,
      abbreviation: 'f. eks.',
      replacement: 'for eksempel',
    })
  })

  it('does not see abbreviations inside words or in initials', () => {
    expect(findAbbreviations('Turen går til Jamaica. Vi ses i Odense. Anne D. Holm kommer.')).toEqual([])
    expect(findAbbreviations('Mødet er d. 14. januar.')).toMatchObject([{ found: 'd.', replacement: 'den' }])
  })

  it('has a plain replacement for every abbreviation in the list', () => {
    for (const abbreviation of ABBREVIATIONS) {
      expect(abbreviation.plain).not.toMatch(/\./)
      expect(findAbbreviations(`Vi ${abbreviation.written} her`)).toHaveLength(1)
    }
  })

  it('knows the abbreviations council papers are full of, dotted and with older spellings', () => {
    const cases: [string, string][] = [
      ['m.v.', 'med videre'],
      ['mv.', 'med videre'],
      ['bl.a.', 'blandt andet'],
      ['f.eks.', 'for eksempel'],
      ['fx', 'for eksempel'],
      ['evt.', 'eventuelt'],
      ['ca.', 'cirka'],
      ['jf.', 'jævnfør'],
      ['mht.', 'med hensyn til'],
      ['m.h.t.', 'med hensyn til'],
      ['osv.', 'og så videre'],
      ['o.s.v.', 'og så videre'],
      ['inkl.', 'inklusive'],
      ['ekskl.', 'uden'],
      ['pga.', 'på grund af'],
      ['p.g.a.', 'på grund af'],
      ['vedr.', 'om'],
      ['d.v.s.', 'det vil sige'],
      ['iht.', 'i henhold til'],
    ]
    for (const [abbreviation, replacement] of cases) {
      const text = `Vi taler ${abbreviation} om maden`
      expect(ofKind(easyReadHints(text), 'abbreviation'), abbreviation).toEqual([
        { kind: 'abbreviation', start: 9, end: 9 + abbreviation.length, abbreviation, replacement, insert: replacement },
      ])
    }
  })

  it('marks "m.v." as one abbreviation and still ends the sentence after it', () => {
    const text = 'Vi køber mad, drikke m.v. Bussen kører kl. 9.'
    expect(ofKind(easyReadHints(text), 'abbreviation').map((hint) => hint.abbreviation)).toEqual(['m.v.', 'kl.'])
    expect(lix(text).sentences).toBe(2)
  })

  it('keeps the full stop when the abbreviation also ended the sentence', () => {
    const text = 'Vi køber mad, drikke m.v. Bussen kører. Tag en ven med, f.eks. Anne. Tag noget med, f.eks.'
    const hints = ofKind(easyReadHints(text), 'abbreviation')
    expect(hints.map((hint) => [hint.abbreviation, hint.insert])).toEqual([
      ['m.v.', 'med videre.'],
      ['f.eks.', 'for eksempel'],
      ['f.eks.', 'for eksempel.'],
    ])
    let fixed = text
    for (const hint of [...hints].reverse()) fixed = fixed.slice(0, hint.start) + hint.insert + fixed.slice(hint.end)
    expect(fixed).toBe('Vi køber mad, drikke med videre. Bussen kører. Tag en ven med, for eksempel Anne. Tag noget med, for eksempel.')
    expect(lix(fixed).sentences).toBe(lix(text).sentences)
  })

  it('finds "fx" only as a word of its own', () => {
    expect(findAbbreviations('Tag fx en ven med.').map((match) => match.found)).toEqual(['fx'])
    expect(findAbbreviations('Fx kan du tage en ven med.')[0]).toMatchObject({ found: 'Fx', replacement: 'For eksempel' })
    expect(findAbbreviations('Firmaet hedder Fxe. Koden er fx2.')).toEqual([])
  })

  it(`points at sentences over ${MAX_SENTENCE_WORDS} words with their position`, () => {
    const fifteen = 'En to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten.'
    const sixteen = 'En to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten.'
    const text = `${fifteen} Kort. ${sixteen}`
    const start = text.indexOf('En to', 1)
    const long = ofKind(easyReadHints(text), 'long-sentence')
    expect(long).toEqual([{ kind: 'long-sentence', start, end: text.length, position: 3, words: 16 }])
  })

  it('finds the long sentence in a sample text', () => {
    const text =
      'Efter den nye organisering har hvert driftscenter sit eget centerråd. Centerrådet er rådgivende over ' +
      'for centret, er bindeled mellem centret, brugerne og de pårørende, og spiller en aktiv rolle i centrets udvikling.'
    expect(ofKind(easyReadHints(text), 'long-sentence')).toEqual([
      { kind: 'long-sentence', start: 70, end: text.length, position: 2, words: 22 },
    ])
  })

  it('points at words over six letters, counting æ, ø and å as letters', () => {
    const text = 'Maden på Bostedet er lækker. Kaffen smager. Æblegrøden er sød.'
    expect(ofKind(easyReadHints(text), 'long-word')).toEqual([
      { kind: 'long-word', start: 9, end: 17, word: 'Bostedet', letters: 8 },
      { kind: 'long-word', start: 44, end: 54, word: 'Æblegrøden', letters: 10 },
    ])
  })

  it('keeps offsets in UTF-16 units, as a textarea selection uses them', () => {
    const text = '🙂 Kommunalbestyrelsen mødes.'
    const [hint] = ofKind(easyReadHints(text), 'long-word')
    expect(hint).toMatchObject({ start: 3, end: 22 })
    expect(text.slice(hint?.start, hint?.end)).toBe('Kommunalbestyrelsen')
  })

  it('sorts hints by position, a sentence before the words inside it', () => {
    const text = 'Kort. Brugerrådet skal f.eks. drøfte den nye madordning og sommerturen og valget i april og maj måned.'
    const hints = easyReadHints(text)
    expect(hints.map((hint) => [hint.kind, text.slice(hint.start, hint.end)])).toEqual([
      ['long-sentence', text.slice(6)],
      ['long-word', 'Brugerrådet'],
      ['abbreviation', 'f.eks.'],
      ['long-word', 'madordning'],
      ['long-word', 'sommerturen'],
    ])
  })

  it('does not point at the words of the council\'s own name, also when they are bent', () => {
    const text = 'Brugerrådet på Solbakken holder møde. Brugerrådets formand og Solbakkens køkkenchef kommer. Beboerne bestemmer.'
    const options = { ownNames: ['Brugerrådet på Solbakken'] }
    expect(ofKind(easyReadHints(text, options), 'long-word').map((hint) => hint.word)).toEqual(['formand', 'køkkenchef', 'Beboerne', 'bestemmer'])
    // Without the name every one of them is a long word.
    expect(ofKind(easyReadHints(text), 'long-word').map((hint) => hint.word)).toEqual([
      'Brugerrådet',
      'Solbakken',
      'Brugerrådets',
      'formand',
      'Solbakkens',
      'køkkenchef',
      'Beboerne',
      'bestemmer',
    ])
    // A longer word that only starts like the name is another word.
    expect(ofKind(easyReadHints('Brugerrådsmødet er i dag.', options), 'long-word').map((hint) => hint.word)).toEqual(['Brugerrådsmødet'])
  })
})

describe('longWords', () => {
  it('lists every long word once, the longest first, ties in reading order, with how often it occurs', () => {
    const text = 'Sommerturen går til Djursland. Madpakken og sommerturen er gratis. Beboerne kommer. Kommunalbestyrelsen giver.'
    expect(longWords(easyReadHints(text)).map(({ word, letters, count }) => [word, letters, count])).toEqual([
      ['Kommunalbestyrelsen', 19, 1],
      ['Sommerturen', 11, 2],
      ['Djursland', 9, 1],
      ['Madpakken', 9, 1],
      ['Beboerne', 8, 1],
    ])
  })

  it('keeps where the word first occurs, for the editor to select it', () => {
    const text = 'Vi spiser frokost. Frokosten er god.'
    const [first, second] = longWords(easyReadHints(text))
    expect(text.slice(first!.start, first!.end)).toBe('Frokosten')
    expect(second).toMatchObject({ word: 'frokost', count: 1 })
  })
})
