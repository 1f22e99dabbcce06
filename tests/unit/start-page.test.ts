import { describe, expect, it } from 'vitest'
import { startPageMode } from '../../src/app/meetings/start-page'

describe('startPageMode', () => {
  it('shows meetings once the device follows a council or the person is in one', () => {
    expect(startPageMode(['a'], ['a', 'b'])).toEqual({ kind: 'meetings' })
    expect(startPageMode(['a'], null)).toEqual({ kind: 'meetings' })
  })

  it('on a first visit leads to the one council of an installation that has one', () => {
    expect(startPageMode([], ['only'])).toEqual({ kind: 'only-council', councilId: 'only' })
  })

  it('on a first visit offers the councils to choose from, even before any have arrived', () => {
    expect(startPageMode([], ['a', 'b'])).toEqual({ kind: 'choose' })
    expect(startPageMode([], [])).toEqual({ kind: 'choose' })
  })

  it('waits for the list of councils before deciding', () => {
    expect(startPageMode([], null)).toEqual({ kind: 'loading' })
  })
})
