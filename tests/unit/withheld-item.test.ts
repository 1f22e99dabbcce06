import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { AgendaItemData, emptyAgendaItem, isWithheld, withheldItem } from '../../src/shared/meetings/entities'

const council = '01900000-0000-7000-8000-000000000001'
const meeting = '01900000-0000-7000-8000-000000000002'

describe('a closed item as the public receives it', () => {
  const closed: AgendaItemData = {
    ...emptyAgendaItem(council, meeting, 5.5),
    title: 'Personsag',
    caseNumber: '27.12.00-G01-3-26',
    easyTitle: 'Fru Hansens hjælp',
    easyText: 'Vi taler om fru Hansen.',
    pictogram: 'confidentiality',
    photo: { sha256: 'a'.repeat(64), type: 'image/jpeg', bytes: 10 },
    expectedMinutes: 10,
    question: 'Hvem hjælper?',
    closed: true,
    sections: [{ kind: 'resume', heading: 'Resumé', text: 'Hemmeligt.' }],
    attachments: ['Bilag 1'],
    decision: 'decided',
    easyDecision: 'Hun får hjælp.',
  }

  it('keeps the council, meeting and place on the agenda, and nothing of what it is about', () => {
    expect(withheldItem(closed)).toEqual({ ...emptyAgendaItem(council, meeting, 5.5), closed: true })
    expect(JSON.stringify(withheldItem(closed))).not.toMatch(/Personsag|Hansen|Hemmeligt|Bilag|G01|confidentiality|aaaa|decided/)
  })

  it('is told apart from every real item, whose title the schema requires', () => {
    expect(isWithheld(withheldItem(closed))).toBe(true)
    expect(isWithheld(closed)).toBe(false)
    expect(isWithheld({ ...closed, closed: false })).toBe(false)
    expect(Value.Check(AgendaItemData, closed)).toBe(true)
    expect(Value.Check(AgendaItemData, { ...closed, title: '' })).toBe(false)
  })
})
