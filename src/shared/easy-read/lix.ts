import { isLongWord, splitSentences } from './sentences.js'

export type LixBand = 'very-easy' | 'easy' | 'medium' | 'hard' | 'very-hard'

export interface LixResult {
  /** LIX rounded to a whole number, as it is shown and as the bands are defined. */
  score: number
  words: number
  sentences: number
  longWords: number
  band: LixBand
}

/** Band limits from ACCESSIBILITY.md: under 25 very easy, 25–34 easy, 35–44 medium, 45–54 hard, 55+. */
export function lixBand(score: number): LixBand {
  if (score < 25) return 'very-easy'
  if (score < 35) return 'easy'
  if (score < 45) return 'medium'
  if (score < 55) return 'hard'
  return 'very-hard'
}

/**
 * LIX = words / sentences + 100 × long words / words (ACCESSIBILITY.md). How words, long words
 * and sentences are counted is described in sentences.ts. The score is rounded before the band is
 * chosen, so the number a person sees always sits inside the band named beside it. Empty text
 * (or text without a single word) scores 0, "very easy", never NaN.
 */
export function lix(text: string): LixResult {
  const sentences = splitSentences(text)
  let words = 0
  let longWords = 0
  for (const sentence of sentences) {
    words += sentence.words.length
    longWords += sentence.words.filter(isLongWord).length
  }
  const score = words === 0 ? 0 : Math.round(words / sentences.length + (100 * longWords) / words)
  return { score, words, sentences: sentences.length, longWords, band: lixBand(score) }
}
