import type { AgendaSectionKind } from './types.js'

/**
 * The lines that give an item its structure: section headings, case numbers and the marks of a
 * closed item. Headings are matched on the whole line, in any case and with or without a colon
 * ("Resumé", "RESUMÉ", "Resume:"), so a sentence that merely starts with such a word is text.
 */

const HEADINGS: Record<string, AgendaSectionKind | 'attachments'> = {
  resume: 'resume',
  sammenfatning: 'resume',
  sammendrag: 'resume',
  indstilling: 'recommendation',
  indstillinger: 'recommendation',
  beslutning: 'decision',
  beslutninger: 'decision',
  afgørelse: 'decision',
  sagsfremstilling: 'description',
  sagsbeskrivelse: 'description',
  baggrund: 'description',
  økonomi: 'economy',
  'økonomiske konsekvenser': 'economy',
  'økonomi og finansiering': 'economy',
  proces: 'process',
  'videre proces': 'process',
  'den videre proces': 'process',
  tidsplan: 'process',
  lovgrundlag: 'other',
  retsgrundlag: 'other',
  kompetence: 'other',
  kompetenceregler: 'other',
  kommunikation: 'other',
  høring: 'other',
  vurdering: 'other',
  bemærkninger: 'other',
  'supplerende sagsfremstilling': 'other',
  'sagens tidligere behandling': 'other',
  historik: 'other',
  bilag: 'attachments',
  bilagsliste: 'attachments',
  bilagsoversigt: 'attachments',
}

// "Beslutning i Social- og Sundhedsudvalget den 3. november 2026" heads the decision in minutes.
const DECISION_IN = /^beslutning(?:er)? (?:i|den|på|fra) .{1,100}[^.!?]$/

export type Heading = { kind: AgendaSectionKind | 'attachments'; heading: string }

function key(line: string): string {
  // "é" → "e" so "Resumé" and "Resume" meet; æ, ø and å are their own letters and stay.
  return line
    .replace(/[\s:]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/[éèê]/g, 'e')
}

export function headingOf(line: string): Heading | undefined {
  const heading = line.replace(/[\s:]+$/, '').replace(/\s+/g, ' ')
  const name = key(line)
  const kind = HEADINGS[name]
  if (kind) return { kind, heading }
  if (DECISION_IN.test(name)) return { kind: 'decision', heading }
  return undefined
}

// KLE journal numbers ("27.00.00-G01-3-27"), alone or after a label; with a label any number goes.
const KLE_NUMBER = /^\d{2}\.\d{2}\.\d{2}(?:-[A-ZÆØÅ]\d{2})?(?:-\d+-\d{2,4})?$/
const CASE_LABEL = /^(?:sagsnr|sags nr|sagsnummer|sags-?id|j\.? ?nr|journalnr|journalnummer)\.?\s*[:.]?\s*(\S*\d\S*)$/i

export function caseNumberOf(line: string): string | undefined {
  if (KLE_NUMBER.test(line)) return line
  return CASE_LABEL.exec(line)?.[1]
}

const CLOSED_PREFIX = /^(?:[([]lukket(?:\s+(?:punkt|sag))?[)\]]|lukket(?:\s+(?:punkt|sag))?\s*(?:[:.–-]|$))\s*/i
const CLOSED_SUFFIX = /\s*[([]lukket(?:\s+(?:punkt|sag))?[)\]]$/i

/**
 * "Lukket punkt: Klagesag", "(Lukket) Klagesag" and "Klagesag (lukket punkt)" mark a closed item
 * ("Lukket køkken i weekenden" is a title). The mark is taken out of the title because `closed`
 * carries it and the app shows it in its own words; a title that is only the mark stays as written.
 */
export function closedTitle(title: string): { title: string; closed: boolean } {
  const prefix = CLOSED_PREFIX.exec(title)
  const rest = prefix ? title.slice(prefix[0].length) : CLOSED_SUFFIX.test(title) ? title.replace(CLOSED_SUFFIX, '') : null
  if (rest === null) return { title, closed: false }
  return { title: rest.trim() || title, closed: true }
}
