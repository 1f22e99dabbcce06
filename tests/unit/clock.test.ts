import { describe, expect, it } from 'vitest'
import { clockText, parseClock } from '../../src/shared/meetings/clock'

describe('a time of day as people type it', () => {
  it.each([
    ['13.30', '13:30'],
    ['13:30', '13:30'],
    ['1330', '13:30'],
    ['15', '15:00'],
    ['9', '09:00'],
    ['9.05', '09:05'],
    ['kl. 13.30', '13:30'],
    [' 08:00 ', '08:00'],
  ])('reads %s as %s', (typed, time) => {
    expect(parseClock(typed)).toBe(time)
  })

  it.each(['24', '12.60', '9.5', 'halv to', '', '13.300', '1.2.3'])('refuses %s', (typed) => {
    expect(parseClock(typed)).toBeNull()
  })

  it('shows a stored time the Danish way, and nothing for no time', () => {
    expect(clockText('13:30')).toBe('13.30')
    expect(clockText('09:05')).toBe('09.05')
    expect(clockText(null)).toBe('')
    expect(parseClock(clockText('13:30'))).toBe('13:30')
  })
})
