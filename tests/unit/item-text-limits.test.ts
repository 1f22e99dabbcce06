import { Ajv } from 'ajv'
import addFormatsImport from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { emptyAgendaItem, AgendaItemData } from '../../src/shared/meetings/entities.js'
import { ITEM_TEXT_LIMITS, itemTextProblems, textLength, type ItemTexts } from '../../src/shared/meetings/item-text-limits.js'

// The server checks every pushed item with ajv and AgendaItemData; the editor's rule must refuse
// exactly the texts it refuses, or an item saved on the device is refused on the way.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv
const validItem = addFormats(new Ajv({ strict: false })).compile(AgendaItemData)
const COUNCIL = '0190a5c4-0000-7000-8000-000000000001'
const MEETING = '0190a5c4-0000-7000-8000-000000000002'

const texts = (changes: Partial<ItemTexts> = {}): ItemTexts => ({
  title: 'Maden',
  easyTitle: '',
  easyText: '',
  question: '',
  easyDecision: '',
  sections: [],
  attachments: [],
  ...changes,
})
const asItem = (t: ItemTexts) => ({
  ...emptyAgendaItem(COUNCIL, MEETING, 1),
  ...t,
  sections: t.sections.map((s) => ({ kind: 'other', ...s })),
  attachments: [...t.attachments],
  decision: t.easyDecision ? 'decided' : null,
})

describe('itemTextProblems', () => {
  it('reads its limits from the schema the server checks with', () => {
    expect(ITEM_TEXT_LIMITS).toEqual({
      title: 300,
      easyTitle: 120,
      easyText: 1000,
      question: 300,
      easyDecision: 1000,
      sectionHeading: 200,
      sectionText: 50_000,
      attachment: 300,
    })
  })

  it('accepts exactly the texts the server accepts, at, below and above each limit', () => {
    const fields = ['title', 'easyTitle', 'easyText', 'question', 'easyDecision'] as const
    const cases: ItemTexts[] = []
    for (const field of fields) {
      const max = ITEM_TEXT_LIMITS[field]
      for (const length of [max - 1, max, max + 1]) cases.push(texts({ [field]: 'a'.repeat(length) }))
      // An emoji is one character to the server, two UTF-16 units to JavaScript.
      cases.push(texts({ [field]: '😀'.repeat(max) }), texts({ [field]: '😀'.repeat(max) + 'a' }))
    }
    for (const length of [199, 200, 201]) cases.push(texts({ sections: [{ heading: 'h'.repeat(length), text: '' }] }))
    for (const length of [50_000, 50_001]) cases.push(texts({ sections: [{ heading: '', text: 't'.repeat(length) }] }))
    for (const length of [300, 301]) cases.push(texts({ attachments: ['Bilag 1', 'b'.repeat(length)] }))
    for (const typed of cases) expect(itemTextProblems(typed).length === 0, JSON.stringify(typed).slice(0, 80)).toBe(validItem(asItem(typed)))
  })

  it('names each too-long text, its limit and its length, in the order the editor shows them', () => {
    expect(
      itemTextProblems(
        texts({
          title: 'x'.repeat(900),
          easyText: 'y'.repeat(9200),
          sections: [{ heading: 'ok', text: 'ok' }, { heading: 'h'.repeat(201), text: '' }],
          attachments: ['ok', 'b'.repeat(301)],
        }),
      ),
    ).toEqual([
      { field: 'title', max: 300, length: 900 },
      { field: 'easyText', max: 1000, length: 9200 },
      { field: 'sectionHeading', index: 1, max: 200, length: 201 },
      { field: 'attachment', index: 1, max: 300, length: 301 },
    ])
    expect(itemTextProblems(texts())).toEqual([])
  })
})

describe('textLength', () => {
  it('counts characters as the server does, not UTF-16 units', () => {
    expect(textLength('')).toBe(0)
    expect(textLength('æøå')).toBe(3)
    expect(textLength('😀a')).toBe(2)
  })
})
