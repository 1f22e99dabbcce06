import { AgendaItemData, AgendaSection } from './entities.js'

/**
 * How long each text of an agenda item may be, checked by the item editor before anything is
 * saved. A text the server refuses is saved on the device and refused later, far from the field
 * it is about, so the editor must refuse exactly what the server refuses. Pure, so it runs in the
 * browser and in unit tests alike.
 */

// The limits are read from the schema the server validates with, not copied, so the editor
// follows when the schema changes.
const maxLengthOf = (schema: unknown): number => (schema as { maxLength: number }).maxLength
const item = AgendaItemData.properties
const section = AgendaSection.properties

export const ITEM_TEXT_LIMITS = {
  title: maxLengthOf(item.title),
  easyTitle: maxLengthOf(item.easyTitle),
  easyText: maxLengthOf(item.easyText),
  question: maxLengthOf(item.question),
  easyDecision: maxLengthOf(item.easyDecision),
  sectionHeading: maxLengthOf(section.heading),
  sectionText: maxLengthOf(section.text),
  attachment: maxLengthOf((item.attachments as unknown as { items: unknown }).items),
} as const

export type ItemTextField = keyof typeof ITEM_TEXT_LIMITS

export interface ItemTextProblem {
  field: ItemTextField
  /** Which section or attachment, counted from 0; only for those. */
  index?: number
  max: number
  length: number
}

/**
 * The length as the server's validator (ajv) counts it: in characters (code points), so an
 * emoji counts once, not as the two UTF-16 units JavaScript's .length sees.
 */
export function textLength(text: string): number {
  let length = 0
  for (const _ of text) length++
  return length
}

/** The texts of an item as they will be saved (already trimmed, as the editor saves them). */
export interface ItemTexts {
  title: string
  easyTitle: string
  easyText: string
  question: string
  easyDecision: string
  sections: readonly { heading: string; text: string }[]
  attachments: readonly string[]
}

/** Every text longer than the server accepts, in the order the editor shows the fields. */
export function itemTextProblems(texts: ItemTexts): ItemTextProblem[] {
  const problems: ItemTextProblem[] = []
  const check = (field: ItemTextField, text: string, index?: number) => {
    const max = ITEM_TEXT_LIMITS[field]
    const length = textLength(text)
    if (length > max) problems.push(index === undefined ? { field, max, length } : { field, index, max, length })
  }
  check('title', texts.title)
  check('easyTitle', texts.easyTitle)
  check('easyText', texts.easyText)
  check('question', texts.question)
  check('easyDecision', texts.easyDecision)
  texts.sections.forEach((s, index) => {
    check('sectionHeading', s.heading, index)
    check('sectionText', s.text, index)
  })
  texts.attachments.forEach((attachment, index) => check('attachment', attachment, index))
  return problems
}
