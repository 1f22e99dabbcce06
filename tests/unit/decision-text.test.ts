import { describe, expect, it } from 'vitest'
import { decisionText } from '../../src/shared/meetings/decision-text'

describe('the decision a printed referat shows', () => {
  const decision = { kind: 'decision' as const, heading: 'Beslutning', text: 'Taget til efterretning.' }
  const other = { kind: 'description' as const, heading: 'Sagsfremstilling', text: 'Centret får et nyt råd.' }

  it('is the easy words when the secretary wrote them', () => {
    expect(decisionText({ easyDecision: 'Vi har hørt om det nye råd.', sections: [other, decision] })).toBe('Vi har hørt om det nye råd.')
  })

  it("is the referat's own decision when there are no easy words yet, never another section", () => {
    expect(decisionText({ easyDecision: '', sections: [other, decision] })).toBe('Taget til efterretning.')
    expect(decisionText({ easyDecision: '', sections: [other] })).toBe('')
  })
})
