import { findAbbreviations, type Abbreviation } from './abbreviations.js'

/**
 * How Brugerstemme splits text into words and sentences for LIX and the easy-read hints. The rules
 * follow ACCESSIBILITY.md and the usual Danish LIX practice (Björnsson):
 *
 * Words
 * - A word is a run of letters and digits (Unicode classes, so æ, ø, å and accented letters
 *   count, also when written as a letter plus a combining mark). Hyphens, apostrophes, slashes,
 *   dots, commas and colons inside a run keep it one word: "Brugerråds-/pårørendemøde",
 *   "12-14", "1,2", "13.30", "13:30", "f.eks".
 * - Numbers are words (they are read aloud), but only letters make a word long: a long word has
 *   more than LONG_WORD_LETTERS letters.
 * - A list marker at the start of a line ("1.", "2)", "a)", "-", "•") is layout, not a word
 *   ("14. januar ..." is a date, not a marker).
 *
 * Sentences
 * - "!", "?" and ":" end a sentence (a colon does in classic LIX; inside "13:30" it is part of
 *   the word).
 * - "." ends a sentence unless a lower-case letter or a comma follows: "den 1. februar",
 *   "12. til 26. april" and unknown abbreviations mid-sentence stay in one sentence.
 * - Known abbreviations (abbreviations.ts) never end a sentence ("f.eks. Anne", "kl. 13.30",
 *   "nr. 3"), except those that often close one ("osv.", "kr.", "mio.") when a capital follows.
 * - Every line break ends a sentence, because headings and list items are sentences.
 * - A sentence without a single word (a lone "..." or "–") is not counted. A sentence's text
 *   runs from its first word to its closing punctuation and any closing quotes after it.
 */
export const LONG_WORD_LETTERS = 6

export interface TextWord {
  start: number
  end: number
  text: string
  letters: number
}

export interface TextSentence {
  /** Offset of the first word. */
  start: number
  /** Offset just after the closing punctuation, or after the last word when there is none. */
  end: number
  words: TextWord[]
}

const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-‐‑'’.,/:]+[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*`
const TOKEN = new RegExp(`(${WORD})|([.!?:…]+)`, 'gu')
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/g
const LETTER = /\p{L}/gu
const MONTH = /^(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b/iu
// Letters only as "a)": "F. eks." at the start of a line is an abbreviation, not item F.
const LIST_MARKER = /^[ \t]*(?:[-–—•*▪◦●·]|\(?\d{1,3}[.)]|\(?\p{L}\))[ \t]+/u
// Closing quotes and brackets may sit between a dot and what follows it: 'sagde "nej." Så'.
// Sticky and without \s, so they read on from an offset and stop at the line end ("." never
// matches a line break) instead of copying the rest of the line for every dot.
const AFTER_DOT = /[ \t"'”’»)\]]*(.)?/uy
const CLOSING = /["'”’»)\]]*/y

function readAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at
  return pattern.exec(text)
}

export function isLongWord(word: TextWord): boolean {
  return word.letters > LONG_WORD_LETTERS
}

function listMarkerLength(line: string): number {
  const marker = LIST_MARKER.exec(line)
  if (!marker) return 0
  // "14. januar holder vi møde" starts with a date, not with item 14 of a list.
  if (/\d[.]/.test(marker[0]) && MONTH.test(line.slice(marker[0].length))) return 0
  return marker[0].length
}

type DotRole = 'inner' | Abbreviation

/** For each dot that belongs to an abbreviation: its role (inside, or the closing dot). */
function abbreviationDots(text: string): Map<number, DotRole> {
  const dots = new Map<number, DotRole>()
  for (const match of findAbbreviations(text)) {
    for (let i = match.start; i < match.end - 1; i += 1) if (text[i] === '.') dots.set(i, 'inner')
    if (text[match.end - 1] === '.') dots.set(match.end - 1, match.abbreviation)
  }
  return dots
}

function runEndsSentence(run: string, text: string, runEnd: number, dots: Map<number, DotRole>): boolean {
  if (/[!?:]/.test(run)) return true
  const lastDot = runEnd - 1
  const next = readAt(AFTER_DOT, text, runEnd)?.[1]
  const role = dots.get(lastDot)
  if (role === 'inner') return false
  if (role) return role.mayEndSentence && next !== undefined && /\p{Lu}/u.test(next)
  if (next === undefined) return true
  return !/[\p{Ll},;]/u.test(next)
}

function splitLine(text: string, from: number, to: number, dots: Map<number, DotRole>, out: TextSentence[]): void {
  const line = text.slice(from, to)
  let words: TextWord[] = []
  const close = (end: number) => {
    const first = words[0]
    if (first) out.push({ start: first.start, end, words })
    words = []
  }
  TOKEN.lastIndex = listMarkerLength(line)
  for (let match = TOKEN.exec(line); match; match = TOKEN.exec(line)) {
    const start = from + match.index
    const end = start + match[0].length
    if (match[1] !== undefined) {
      words.push({ start, end, text: match[1], letters: match[1].match(LETTER)?.length ?? 0 })
    } else if (words.length > 0 && runEndsSentence(match[0], text, end, dots)) {
      close(end + (readAt(CLOSING, text, end)?.[0].length ?? 0))
    }
  }
  const last = words[words.length - 1]
  if (last) close(last.end)
}

/** The sentences of `text` with their words, with offsets into `text` (UTF-16, as in a textarea). */
export function splitSentences(text: string): TextSentence[] {
  const dots = abbreviationDots(text)
  const sentences: TextSentence[] = []
  let from = 0
  for (const lineBreak of text.matchAll(LINE_BREAK)) {
    const at = lineBreak.index ?? 0
    splitLine(text, from, at, dots, sentences)
    from = at + lineBreak[0].length
  }
  splitLine(text, from, text.length, dots, sentences)
  return sentences
}
