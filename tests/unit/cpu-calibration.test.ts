import { describe, expect, it } from 'vitest'
import { calibratedSlowdown } from '../bench/cpu-calibration'

describe("the CPU slowdown that makes this host Lighthouse's preset phone", () => {
  it('is the preset’s 4× on the desktop the preset was made for, more on a faster host, less on a slower one', () => {
    expect(calibratedSlowdown(1533)).toBe(4)
    expect(calibratedSlowdown(2000)).toBe(6)
    expect(calibratedSlowdown(2500)).toBe(8.1)
    expect(calibratedSlowdown(1300)).toBe(3)
    expect(calibratedSlowdown(1050)).toBe(2.5)
    expect(calibratedSlowdown(800)).toBe(2)
    expect(calibratedSlowdown(475)).toBe(1.5)
  })

  it('has none for a host slower than the phone itself', () => {
    expect(calibratedSlowdown(149)).toBeNull()
    expect(calibratedSlowdown(Number.NaN)).toBeNull()
  })
})
