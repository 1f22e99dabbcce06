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
  | {
      kind: 'abbreviation'
      start: number
      end: number
      abbreviation: string
      /** The words to write instead, as the hint names them. */
      replacement: string
      /** What replaces start..end: the words, and the full stop when the abbreviation's dot also ended the sentence. */
      insert: string
    }

export interface HintOptions {
  /**
   * Names the reader knows by heart, such as the council's own ("Brugerrådet på Solbakken"):
   * their words, also bent ("brugerrådets", "Solbakkens"), are not pointed out as long words.
   * The secretary cannot write them shorter, so a hint about them is only noise.
   */
  ownNames?: readonly string[]
}

const WORD_IN_NAME = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu
// Danish endings on a name word: "-s" (genitive), "-et"/"-en" (definite), and the two together.
const MAX_ENDING = 3

function nameWords(names: readonly string[]): string[] {
  return names.flatMap((name) => name.toLocaleLowerCase('da').match(WORD_IN_NAME) ?? []).filter((word) => word.length > 3)
}

/** True when `word` is a word of one of the names, or the same word with a Danish ending. */
function isNameWord(word: string, words: readonly string[]): boolean {
  const lower = word.toLocaleLowerCase('da')
  return words.some((name) => {
    const [short, long] = lower.length <= name.length ? [lower, name] : [name, lower]
    return short.length > 3 && long.startsWith(short) && long.length - short.length <= MAX_ENDING
  })
}

/**
 * What the easy-read editor points out: sentences over MAX_SENTENCE_WORDS words, words over
 * LONG_WORD_LETTERS letters (the same words LIX counts as long) and abbreviations with the words
 * to write instead. Sorted by position; a sentence comes before the words inside it.
 */
export function easyReadHints(text: string, options: HintOptions = {}): EasyReadHint[] {
  const ownWords = nameWords(options.ownNames ?? [])
  const hints: EasyReadHint[] = []
  const abbreviations = findAbbreviations(text)
  const sentences = splitSentences(text)
  // True when nothing but the abbreviation's own dot follows it in its sentence.
  const endsSentence = (start: number) => {
    const sentence = sentences.find((candidate) => candidate.words.some((word) => word.start <= start && start < word.end))
    return !!sentence && sentence.words.every((word) => word.start <= start)
  }
  for (const match of abbreviations) {
    hints.push({
      kind: 'abbreviation',
      start: match.start,
      end: match.end,
      abbreviation: match.found,
      replacement: match.replacement,
      // "… drikke m.v. Bussen kører": the dot of "m.v." also ends the sentence, so "med videre"
      // alone would run the two sentences together.
      insert: match.found.endsWith('.') && endsSentence(match.start) ? `${match.replacement}.` : match.replacement,
    })
  }
  const insideAbbreviation = (start: number) => abbreviations.some((a) => start >= a.start && start < a.end)
  sentences.forEach((sentence, index) => {
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
      if (isLongWord(word) && !insideAbbreviation(word.start) && !isNameWord(word.text, ownWords)) {
        hints.push({ kind: 'long-word', start: word.start, end: word.end, word: word.text, letters: word.letters })
      }
    }
  })
  return hints.sort((a, b) => a.start - b.start || b.end - a.end)
}

export interface LongWord {
  /** As first written in the text. */
  word: string
  letters: number
  /** How many times the word occurs, whatever its case. */
  count: number
  /** Where it first occurs. */
  start: number
  end: number
}

/**
 * Every long word once, the longest first (ties in the order they appear): the longest words are
 * the ones most worth replacing, and a word used five times is still one thing to fix.
 */
export function longWords(hints: readonly EasyReadHint[]): LongWord[] {
  const byWord = new Map<string, LongWord>()
  for (const hint of hints) {
    if (hint.kind !== 'long-word') continue
    const key = hint.word.toLocaleLowerCase('da')
    const seen = byWord.get(key)
    if (seen) seen.count += 1
    else byWord.set(key, { word: hint.word, letters: hint.letters, count: 1, start: hint.start, end: hint.end })
  }
  return [...byWord.values()].sort((a, b) => b.letters - a.letters || a.start - b.start)
}
