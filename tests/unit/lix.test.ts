import { describe, expect, it } from 'vitest'
import { lix, lixBand } from '../../src/shared/easy-read/lix.js'
import { splitSentences } from '../../src/shared/easy-read/sentences.js'

const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end))

describe('lix', () => {
  it('scores empty text as 0, very easy, without NaN', () => {
    for (const text of ['', '   ', '\n\n\t \r\n', '... – !']) {
      expect(lix(text)).toEqual({ score: 0, words: 0, sentences: 0, longWords: 0, band: 'very-easy' })
    }
  })

  it('matches a hand count on a sample resumé', () => {
    // Sentence 1: Køkkenet foreslår at beboerne selv kan vælge mellem to retter til aftensmad tre dage om
    // ugen = 16 words. Sentence 2: Brugerrådet skal høres før ordningen starter = 6 words.
    // Long (> 6 letters): Køkkenet, foreslår, beboerne, aftensmad, Brugerrådet, ordningen, starter = 7.
    // LIX = 22 / 2 + 100 × 7 / 22 = 11 + 31.8 = 42.8 → 43, medium.
    const text =
      'Køkkenet foreslår, at beboerne selv kan vælge mellem to retter til aftensmad tre dage om ugen. ' +
      'Brugerrådet skal høres, før ordningen starter.'
    expect(lix(text)).toEqual({ score: 43, words: 22, sentences: 2, longWords: 7, band: 'medium' })
  })

  it('matches a hand count on a sample description with a very long sentence', () => {
    // 10 words (long: organisering, driftscenter, centerråd) + 22 words (long: Centerrådet, rådgivende,
    // centret, bindeled, centret, brugerne, pårørende, spiller, centrets, udvikling).
    // LIX = 32 / 2 + 100 × 13 / 32 = 16 + 40.6 = 56.6 → 57, very hard.
    const text =
      'Efter den nye organisering har hvert driftscenter sit eget centerråd. Centerrådet er rådgivende over ' +
      'for centret, er bindeled mellem centret, brugerne og de pårørende, og spiller en aktiv rolle i centrets udvikling.'
    expect(lix(text)).toEqual({ score: 57, words: 32, sentences: 2, longWords: 13, band: 'very-hard' })
  })

  it('matches a hand count on a sample decision written as a numbered list', () => {
    // The list numbers are layout, not words. "Drøftet." = 1 word; "Centerrådet afgiver høringssvar." = 3;
    // "Formand og næstformand skriver svaret som sendes til rådet på mail inden fristen." = 13.
    // Long: Drøftet, Centerrådet, afgiver, høringssvar, Formand, næstformand, skriver, fristen = 8.
    // LIX = 17 / 3 + 100 × 8 / 17 = 5.67 + 47.06 = 52.7 → 53, hard.
    const text =
      '1. Drøftet.\n2. Centerrådet afgiver høringssvar. Formand og næstformand skriver svaret, som sendes til rådet på mail inden fristen.'
    expect(lix(text)).toEqual({ score: 53, words: 17, sentences: 3, longWords: 8, band: 'hard' })
  })

  it('lands easy-read text under 25', () => {
    // 6 + 6 words, one long word (klokken): 12 / 2 + 100 × 1 / 12 = 6 + 8.3 = 14.3 → 14.
    expect(lix('Vi skal på tur i sommer. Bussen kører fra Egebo klokken ni.')).toMatchObject({
      score: 14,
      band: 'very-easy',
    })
  })

  it('names each band with the limits from ACCESSIBILITY.md', () => {
    // 9 words, 2 long (medlemmer, brugerrådet): 9 + 22.2 = 31.2 → 31.
    expect(lix('Vi skal vælge nye medlemmer til brugerrådet i april.').band).toBe('easy')
    // 3 words, 1 long: 3 + 33.3 = 36.3 → 36.
    expect(lix('Sommerferie er godt.').band).toBe('medium')
    // 8 words, 3 long (Brugerrådet, drøfter, budgettet): 8 + 37.5 = 45.5 → 46.
    expect(lix('Brugerrådet drøfter budgettet i dag med os alle.')).toMatchObject({ score: 46, band: 'hard' })
    // 3 words, all long: 3 + 100 = 103.
    expect(lix('Kommunalbestyrelsen godkendte budgetforslaget.')).toMatchObject({ score: 103, band: 'very-hard' })
  })

  it('puts each band edge on the right side', () => {
    expect([0, 24, 25, 34, 35, 44, 45, 54, 55, 120].map(lixBand)).toEqual([
      'very-easy',
      'very-easy',
      'easy',
      'easy',
      'medium',
      'medium',
      'hard',
      'hard',
      'very-hard',
      'very-hard',
    ])
  })

  it('rounds the score before choosing the band, so the number shown sits in the band named', () => {
    // 1 word, 0 long: LIX 1. Then "Vi spiser kl. 12. Maden er god." = 7 words, 2 sentences: 3.5 → 4.
    expect(lix('Hej').score).toBe(1)
    expect(lix('Vi spiser kl. 12. Maden er god.')).toMatchObject({ score: 4, words: 7, sentences: 2, longWords: 0 })
  })
})

describe('what counts as a word', () => {
  it('counts æ, ø and å as letters, also written with a combining ring', () => {
    // Æblegrød has 8 letters (long), ål 2: 3 words, 1 long → 3 + 33.3 → 36.
    expect(lix('Æblegrød og ål.')).toMatchObject({ words: 3, longWords: 1, score: 36 })
    // "Ålborg" with a decomposed Å (A + U+030A) is still 6 letters, so not long.
    expect(lix('A\u030Alborg')).toMatchObject({ words: 1, longWords: 0 })
    expect(lix('ha\u030Andværker')).toMatchObject({ words: 1, longWords: 1 })
  })

  it('counts numbers as words but never as long words', () => {
    // Der kom 40 beboere: 4 words, 1 long → 4 + 25 = 29.
    expect(lix('Der kom 40 beboere.')).toMatchObject({ words: 4, longWords: 1, score: 29 })
    expect(lix('1234567 2027')).toMatchObject({ words: 2, longWords: 0 })
  })

  it('keeps hyphenated and slashed compounds, decimals and times as one word', () => {
    // 4 words: Brugerråds-/pårørendemødet (long), og, 12-14, personer (long): 4 + 50 = 54.
    expect(lix('Brugerråds-/pårørendemødet og 12-14 personer.')).toMatchObject({ words: 4, longWords: 2, score: 54 })
    expect(lix('Det koster 1,2 mio. kr. kl. 13.30 eller kl. 13:30.')).toMatchObject({ words: 10, sentences: 1 })
  })

  it('counts the words of a suspended compound separately', () => {
    // Social (6 letters, not long), og, sundhedsudvalget (long).
    expect(lix('Social- og sundhedsudvalget')).toMatchObject({ words: 3, longWords: 1 })
  })
})

describe('what counts as a sentence', () => {
  it('ends sentences at . ! ? and :', () => {
    expect(sentencesOf('Hvad synes du om maden? Skriv til os! Husk: mødet er i morgen.')).toEqual([
      'Hvad synes du om maden?',
      'Skriv til os!',
      'Husk:',
      'mødet er i morgen.',
    ])
  })

  it('does not split at known abbreviations', () => {
    expect(sentencesOf('Vi mødes f.eks. kl. 13.30 i lokale nr. 3. Det varer ca. 2 timer, bl.a. med kaffe.')).toEqual([
      'Vi mødes f.eks. kl. 13.30 i lokale nr. 3.',
      'Det varer ca. 2 timer, bl.a. med kaffe.',
    ])
    expect(sentencesOf('Vi tager f.eks. Anne med. Dvs. Karen kommer også.')).toEqual([
      'Vi tager f.eks. Anne med.',
      'Dvs. Karen kommer også.',
    ])
    expect(sentencesOf('Vi tager f. eks. Anne med.')).toEqual(['Vi tager f. eks. Anne med.'])
  })

  it('lets "osv." and "kr." end a sentence when a capital follows', () => {
    expect(sentencesOf('Vi køber mad, drikke osv. Festen starter kl. 18.')).toEqual([
      'Vi køber mad, drikke osv.',
      'Festen starter kl. 18.',
    ])
    expect(sentencesOf('Mad osv. og musik. Det koster 50 kr. Vi betaler 1,2 mio. kr. i alt.')).toEqual([
      'Mad osv. og musik.',
      'Det koster 50 kr.',
      'Vi betaler 1,2 mio. kr. i alt.',
    ])
  })

  it('does not split at Danish ordinals in dates', () => {
    expect(sentencesOf('Fristen er den 1. februar 2027. Valget er fra 12. til 26. april.')).toEqual([
      'Fristen er den 1. februar 2027.',
      'Valget er fra 12. til 26. april.',
    ])
    // Fristen, er, den, 1, februar, 2027; long: Fristen, februar → 6 + 33.3 = 39.
    expect(lix('Fristen er den 1. februar 2027.')).toMatchObject({ words: 6, sentences: 1, longWords: 2, score: 39 })
  })

  it('treats headings, lines and list items as sentences, and list markers as layout', () => {
    expect(sentencesOf('Sommerturen\nVi kører til stranden.\n\n- mad\n• drikke\n1. at dagsordenen godkendes\na) musik')).toEqual([
      'Sommerturen',
      'Vi kører til stranden.',
      'mad',
      'drikke',
      'at dagsordenen godkendes',
      'musik',
    ])
    // 6 words (at dagsordenen godkendes / at budgettet drøftes), 4 long: 3 + 66.7 = 69.7 → 70.
    expect(lix('1. at dagsordenen godkendes.\n2. at budgettet drøftes.')).toMatchObject({
      words: 6,
      sentences: 2,
      longWords: 4,
      score: 70,
    })
  })

  it('reads a date at the start of a line as words, not as a list number', () => {
    expect(lix('14. januar holder vi møde.')).toMatchObject({ words: 5, sentences: 1 })
  })

  it('handles CRLF, CR and a missing full stop at the end', () => {
    expect(sentencesOf('Mad\r\nDrikke\rMusik og dans')).toEqual(['Mad', 'Drikke', 'Musik og dans'])
  })

  it('keeps an ellipsis before lower case in the sentence, and looks past closing quotes', () => {
    expect(sentencesOf('Vi venter... og venter. Hun sagde "nej." Så gik vi.')).toEqual([
      'Vi venter... og venter.',
      'Hun sagde "nej."',
      'Så gik vi.',
    ])
  })

  it('stays fast on one very long line full of dots (the live editor runs it on every key)', () => {
    expect(lix('f. '.repeat(20_000)).words).toBe(20_000)
    expect(lix('.'.repeat(40_000)).words).toBe(0)
  })

  it('does not split after "d." (den) before a date', () => {
    expect(sentencesOf('Mødet er d. 14. januar. Vi ses d. 3. marts.')).toEqual(['Mødet er d. 14. januar.', 'Vi ses d. 3. marts.'])
  })
})
