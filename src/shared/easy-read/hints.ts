import { findAbbreviations } from './abbreviations.js'
import { isLongWord, LONG_WORD_LETTERS, splitSentences } from './sentences.js'

/** ACCESSIBILITY.md: aim for at most 15 words in a sentence. */
export const MAX_SENTENCE_WORDS = 15
export { LONG_WORD_LETTERS }

/** Offsets are UTF-16 positions in the text, end exclusive, ready for a textarea selection. */
export type EasyReadHint =
  | {
      kind: 'long-sentence'
      start: number
      end: number
      /** 1-based, as a person counts: "sentence 3 has 18 words". */
      position: number
      words: number
    }
  | { kind: 'long-word'; start: number; end: number; word: string; letters: number }
  | { kind: 'abbreviation'; start: number; end: number; abbreviation: string; replacement: string }

/**
 * What the easy-read editor points out: sentences over MAX_SENTENCE_WORDS words, words over
 * LONG_WORD_LETTERS letters (the same words LIX counts as long) and abbreviations with the words
 * to write instead. Sorted by position; a sentence comes before the words inside it.
 */
export function easyReadHints(text: string): EasyReadHint[] {
  const hints: EasyReadHint[] = []
  const abbreviations = findAbbreviations(text)
  for (const match of abbreviations) {
    hints.push({
      kind: 'abbreviation',
      start: match.start,
      end: match.end,
      abbreviation: match.found,
      replacement: match.replacement,
    })
  }
  const insideAbbreviation = (start: number) => abbreviations.some((a) => start >= a.start && start < a.end)
  splitSentences(text).forEach((sentence, index) => {
    if (sentence.words.length > MAX_SENTENCE_WORDS) {
      hints.push({
        kind: 'long-sentence',
        start: sentence.start,
        end: sentence.end,
        position: index + 1,
        words: sentence.words.length,
      })
    }
    for (const word of sentence.words) {
      if (isLongWord(word) && !insideAbbreviation(word.start)) {
        hints.push({ kind: 'long-word', start: word.start, end: word.end, word: word.text, letters: word.letters })
      }
    }
  })
  return hints.sort((a, b) => a.start - b.start || b.end - a.end)
}
