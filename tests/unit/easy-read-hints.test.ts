import { describe, expect, it } from 'vitest'
import { ABBREVIATIONS, findAbbreviations } from '../../src/shared/easy-read/abbreviations.js'
import { easyReadHints, MAX_SENTENCE_WORDS, type EasyReadHint } from '../../src/shared/easy-read/hints.js'

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
      { kind: 'abbreviation', start: 9, end: 15, abbreviation: 'f.eks.', replacement: 'for eksempel' },
      { kind: 'abbreviation', start: 16, end: 19, abbreviation: 'kl.', replacement: 'klokken' },
      { kind: 'abbreviation', start: 35, end: 38, abbreviation: 'nr.', replacement: 'nummer' },
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
        { kind: 'abbreviation', start: 9, end: 9 + abbreviation.length, abbreviation, replacement },
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
      expect(abbreviation.written).toMatch(/\.$/)
      expect(abbreviation.plain).not.toMatch(/\./)
      expect(findAbbreviations(`Vi ${abbreviation.written} her`)).toHaveLength(1)
    }
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
})
