import { describe, expect, it } from 'vitest'
import { EMPTY_STATEMENT, missingParts, reviewOverdue, type StatementInput } from '../../src/shared/help/statement.js'

const filled: StatementInput = {
  authority: 'Egebo Kommune',
  compliance: 'partial',
  knownIssues: 'Optagne oplæsninger har ingen tekst.',
  burden: '',
  method: 'self',
  methodNote: '',
  preparedOn: '2026-09-01',
  reviewedOn: '2026-11-01',
  contactUnit: 'Socialforvaltningen',
  contactEmail: 'tilgaengelighed@egebo.dk',
  contactPhone: '70 10 20 30',
  wasUrl: '',
}

describe('missingParts', () => {
  it('lists every part while nothing is filled in, in the order of the statement', () => {
    expect(missingParts(EMPTY_STATEMENT)).toEqual(['authority', 'compliance', 'issues', 'method', 'review', 'contact'])
  })

  it('is empty for a filled statement', () => {
    expect(missingParts(filled)).toEqual([])
  })

  it('lets known issues stay empty only when the app complies fully', () => {
    expect(missingParts({ ...filled, knownIssues: ' ' })).toEqual(['issues'])
    expect(missingParts({ ...filled, knownIssues: '', compliance: 'full' })).toEqual([])
  })

  it('needs both a written and a telephone contact', () => {
    expect(missingParts({ ...filled, contactPhone: '' })).toEqual(['contact'])
    expect(missingParts({ ...filled, contactEmail: '' })).toEqual(['contact'])
  })
})

describe('reviewOverdue', () => {
  it('is overdue a year and a day after the last review, not before', () => {
    expect(reviewOverdue('2026-03-01', '2027-03-01')).toBe(false)
    expect(reviewOverdue('2026-03-01', '2027-03-02')).toBe(true)
    expect(reviewOverdue(null, '2030-01-01')).toBe(false)
  })
})
