import { describe, expect, it } from 'vitest'
import { isUuidV7, uuidv7 } from '../../src/shared/sync/uuidv7.js'

describe('uuidv7', () => {
  it('makes RFC 9562 version 7 ids with the variant bits set', () => {
    const id = uuidv7()
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(isUuidV7(id)).toBe(true)
  })

  it('carries the creation time in its first 48 bits', () => {
    const at = Date.UTC(2027, 0, 14, 13, 30)
    const id = uuidv7(at)
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at)
  })

  it('sorts in creation order, also many within one millisecond', () => {
    const at = Date.now()
    const ids = Array.from({ length: 6000 }, () => uuidv7(at))
    expect([...ids].sort()).toEqual(ids)
    const later = uuidv7(at + 10)
    expect(later > ids[ids.length - 1]!).toBe(true)
  })

  it('stays ordered when the clock steps back', () => {
    const first = uuidv7(Date.now() + 60_000)
    expect(uuidv7(Date.now()) > first).toBe(true)
  })

  it('never repeats', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7()))
    expect(ids.size).toBe(10_000)
  })

  it('tells other UUID versions apart', () => {
    expect(isUuidV7('123e4567-e89b-42d3-a456-426614174000')).toBe(false)
    expect(isUuidV7('not-a-uuid')).toBe(false)
  })
})
