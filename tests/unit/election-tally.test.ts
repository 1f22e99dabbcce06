import { describe, expect, it } from 'vitest'
import { drawLot, tallyElection, type TallyInput } from '../../src/shared/elections/tally.js'

const SEED = 'c0ffee'

/** Ballots that give each candidate exactly the wanted total, one cross per ballot. */
function ballotsFor(totals: Record<string, number>): string[][] {
  return Object.entries(totals).flatMap(([id, n]) => Array.from({ length: n }, () => [id]))
}

function tally(totals: Record<string, number>, places: { seats: number; substitutes: number }, extra: Partial<TallyInput> = {}) {
  return tallyElection({ candidates: Object.keys(totals), maxChoices: 1, ballots: ballotsFor(totals), seed: SEED, ...places, ...extra })
}

/** A seed under which the lot puts `first` before the other candidates of `tied`. */
function seedWhere(tied: string[], first: string): string {
  for (let i = 0; i < 500; i++) if (drawLot(`seed-${i}`, tied)[0] === first) return `seed-${i}`
  throw new Error('no such seed in 500 tries')
}

describe('tallyElection: counting', () => {
  it('lists every candidate in totals, with 0 where nobody voted for them', () => {
    const result = tallyElection({ candidates: ['anna', 'bo', 'carl'], seats: 1, substitutes: 0, maxChoices: 2, ballots: [['anna', 'bo'], ['anna']], seed: SEED })
    expect(result.totals).toEqual({ anna: 2, bo: 1, carl: 0 })
    expect(result).toMatchObject({ blank: 0, invalid: 0, elected: ['anna'], substitutes: [] })
  })

  it('counts an empty ballot as blank, for no one and not as invalid', () => {
    const result = tallyElection({ candidates: ['anna', 'bo'], seats: 1, substitutes: 0, maxChoices: 1, ballots: [[], [], ['bo']], seed: SEED })
    expect(result).toMatchObject({ blank: 2, invalid: 0, totals: { anna: 0, bo: 1 } })
  })

  it('counts a ballot with an unknown candidate, a candidate twice or too many candidates as invalid, for no one', () => {
    const result = tallyElection({
      candidates: ['anna', 'bo', 'carl'],
      seats: 1,
      substitutes: 0,
      maxChoices: 2,
      ballots: [['anna', 'ghost'], ['bo', 'bo'], ['anna', 'bo', 'carl'], ['carl']],
      seed: SEED,
    })
    expect(result).toMatchObject({ invalid: 3, blank: 0, totals: { anna: 0, bo: 0, carl: 1 }, elected: ['carl'] })
  })

  it('accepts a ballot with exactly maxChoices candidates', () => {
    const result = tallyElection({ candidates: ['anna', 'bo'], seats: 1, substitutes: 1, maxChoices: 2, ballots: [['bo', 'anna'], ['bo']], seed: SEED })
    expect(result).toMatchObject({ invalid: 0, totals: { anna: 1, bo: 2 }, elected: ['bo'], substitutes: ['anna'] })
  })

  it('ranks by totals: the top seats are elected, the next places are substitutes in order, without any lot', () => {
    const result = tally({ dan: 1, anna: 9, carl: 4, bo: 6, eva: 0 }, { seats: 2, substitutes: 2 })
    expect(result.elected).toEqual(['anna', 'bo'])
    expect(result.substitutes).toEqual(['carl', 'dan'])
    expect(result.lots).toEqual([])
  })

  it('elects every candidate when there are no more candidates than seats, also one without votes', () => {
    const result = tally({ anna: 2, bo: 0 }, { seats: 3, substitutes: 2 })
    expect(result.elected).toEqual(['anna', 'bo'])
    expect(result.substitutes).toEqual([])
    expect(result.lots).toEqual([])
  })

  it('refuses a candidate list that names someone twice, and negative or fractional numbers', () => {
    const base = { candidates: ['anna', 'bo'], seats: 1, substitutes: 0, maxChoices: 1, ballots: [], seed: SEED }
    expect(() => tallyElection({ ...base, candidates: ['anna', 'anna'] })).toThrow(RangeError)
    expect(() => tallyElection({ ...base, seats: -1 })).toThrow(RangeError)
    expect(() => tallyElection({ ...base, maxChoices: 1.5 })).toThrow(RangeError)
  })
})

describe('tallyElection: ties that matter are drawn by lot', () => {
  it('draws a tie on the line between elected and substitute, and follows the drawn order', () => {
    for (const first of ['bo', 'carl']) {
      const seed = seedWhere(['bo', 'carl'], first)
      const result = tally({ anna: 5, bo: 3, carl: 3, dan: 1 }, { seats: 2, substitutes: 1 }, { seed })
      const second = first === 'bo' ? 'carl' : 'bo'
      expect(result.lots).toEqual([{ tied: ['bo', 'carl'], order: [first, second] }])
      expect(result.elected).toEqual(['anna', first])
      expect(result.substitutes).toEqual([second])
    }
  })

  it('draws the order of substitutes with equal totals', () => {
    for (const first of ['bo', 'carl']) {
      const seed = seedWhere(['bo', 'carl'], first)
      const result = tally({ anna: 5, bo: 3, carl: 3, dan: 1 }, { seats: 1, substitutes: 3 }, { seed })
      expect(result.lots).toEqual([{ tied: ['bo', 'carl'], order: [first, first === 'bo' ? 'carl' : 'bo'] }])
      expect(result.substitutes).toEqual([first, first === 'bo' ? 'carl' : 'bo', 'dan'])
    }
  })

  it('draws a tie on the line between the last substitute and out', () => {
    for (const first of ['bo', 'carl']) {
      const seed = seedWhere(['bo', 'carl'], first)
      const result = tally({ anna: 5, bo: 3, carl: 3 }, { seats: 1, substitutes: 1 }, { seed })
      expect(result.lots).toEqual([{ tied: ['bo', 'carl'], order: [first, first === 'bo' ? 'carl' : 'bo'] }])
      expect(result.substitutes).toEqual([first])
    }
  })

  it('draws a tie between elected and out when there are no substitutes, also among candidates without votes', () => {
    const result = tally({ anna: 2, bo: 0, carl: 0 }, { seats: 2, substitutes: 0 })
    expect(result.lots).toEqual([{ tied: ['bo', 'carl'], order: drawLot(SEED, ['bo', 'carl']) }])
    expect(result.elected).toEqual(['anna', drawLot(SEED, ['bo', 'carl'])[0]])
  })

  it('draws one lot for a three-way tie across elected, substitute and out', () => {
    const result = tally({ anna: 2, bo: 2, carl: 2 }, { seats: 1, substitutes: 1 })
    const order = drawLot(SEED, ['anna', 'bo', 'carl'])
    expect(result.lots).toEqual([{ tied: ['anna', 'bo', 'carl'], order }])
    expect(result.elected).toEqual([order[0]])
    expect(result.substitutes).toEqual([order[1]])
  })

  it('lists each deciding tie as its own lot, highest totals first', () => {
    const result = tally({ anna: 4, bo: 4, carl: 2, dan: 2, eva: 1 }, { seats: 1, substitutes: 2 })
    expect(result.lots.map((lot) => lot.tied)).toEqual([
      ['anna', 'bo'],
      ['carl', 'dan'],
    ])
    expect(result.elected).toEqual([drawLot(SEED, ['anna', 'bo'])[0]])
    expect(result.substitutes).toEqual([drawLot(SEED, ['anna', 'bo'])[1], drawLot(SEED, ['carl', 'dan'])[0]])
  })
})

describe('tallyElection: ties that decide nothing are not drawn', () => {
  it('does not draw a tie among candidates who are all elected', () => {
    const result = tally({ anna: 3, bo: 3, carl: 1 }, { seats: 2, substitutes: 1 })
    expect(result.lots).toEqual([])
    expect(result.elected).toEqual(['anna', 'bo'])
    expect(result.substitutes).toEqual(['carl'])
  })

  it('does not draw a tie among candidates who are all out', () => {
    const result = tally({ anna: 5, bo: 3, carl: 1, dan: 1 }, { seats: 1, substitutes: 1 })
    expect(result.lots).toEqual([])
    expect(result).toMatchObject({ elected: ['anna'], substitutes: ['bo'] })
  })

  it('keeps the ballot order inside a tie that decides nothing, whatever the seed', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      expect(tally({ carl: 3, anna: 3, bo: 0 }, { seats: 2, substitutes: 0 }, { seed }).elected).toEqual(['carl', 'anna'])
    }
  })
})

describe('the lot', () => {
  it('is a pure function of the seed and the tied set: the same seed always draws the same order', () => {
    const tied = ['anna', 'bo', 'carl', 'dan']
    const first = drawLot('seed-x', tied)
    expect(drawLot('seed-x', [...tied].reverse())).toEqual(first)
    expect(drawLot('seed-x', ['dan', 'anna', 'carl', 'bo'])).toEqual(first)
    expect([...first].sort()).toEqual([...tied].sort())
  })

  it('draws the same in a tally whatever the candidates’ ballot order', () => {
    const a = tally({ anna: 5, bo: 3, carl: 3 }, { seats: 2, substitutes: 0 })
    const b = tally({ carl: 3, bo: 3, anna: 5 }, { seats: 2, substitutes: 0 })
    expect(a.lots[0]!.order).toEqual(b.lots[0]!.order)
    expect(a.elected).toEqual(b.elected)
  })

  it('can draw differently under different seeds', () => {
    const tied = ['anna', 'bo', 'carl']
    const orders = new Set(Array.from({ length: 40 }, (_, i) => drawLot(`board-hash-${i}`, tied).join(',')))
    // 3! = 6 possible orders; 40 independent draws that all agree would mean the seed is ignored.
    expect(orders.size).toBeGreaterThan(1)
  })
})
