import { describe, expect, it } from 'vitest'
import { StorageFullError, withRecovery } from '../../src/app/sync/db-recovery.js'
import type { LocalDb } from '../../src/app/sync/local-db.js'

function fakeDb() {
  const calls: string[] = []
  const db = { close: () => calls.push('close'), open: async () => void calls.push('open') } as unknown as LocalDb
  return { db, calls }
}

describe('withRecovery', () => {
  it('reopens the database and retries once when iOS dropped the connection', async () => {
    const { db, calls } = fakeDb()
    let attempts = 0
    const result = await withRecovery(db, async () => {
      attempts += 1
      if (attempts === 1) throw Object.assign(new Error('Connection to Indexed Database server lost. Refresh the page to try again'), { name: 'UnknownError' })
      return 'saved'
    })
    expect(result).toBe('saved')
    expect(calls).toEqual(['close', 'open'])
  })

  it('turns a full disk into StorageFullError, which the screen explains in plain Danish', async () => {
    const { db } = fakeDb()
    const quota = Object.assign(new Error('quota'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } })
    await expect(withRecovery(db, () => Promise.reject(quota))).rejects.toBeInstanceOf(StorageFullError)
  })

  it('passes other errors on untouched and does not retry them', async () => {
    const { db, calls } = fakeDb()
    await expect(withRecovery(db, () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug')
    expect(calls).toEqual([])
  })
})
