import { describe, expect, it } from 'vitest'
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS, backoffDelay } from '../../src/app/sync/backoff.js'
import { syncStatusMessage } from '../../src/app/sync/status.js'

describe('syncStatusMessage', () => {
  it('says everything is sent when nothing waits', () => {
    expect(syncStatusMessage({ phase: 'idle', pending: 0, needsAttention: 0, signedIn: true })).toEqual({ key: 'sync.allSent', tone: 'ok' })
  })

  it('counts what waits to be sent', () => {
    expect(syncStatusMessage({ phase: 'syncing', pending: 2, needsAttention: 0, signedIn: true })).toEqual({ key: 'sync.waiting', count: 2, tone: 'waiting' })
    expect(syncStatusMessage({ phase: 'retrying', pending: 1, needsAttention: 0, signedIn: true }).key).toBe('sync.waiting')
  })

  it('tells offline people their work is safe on the device', () => {
    expect(syncStatusMessage({ phase: 'offline', pending: 3, needsAttention: 0, signedIn: true })).toEqual({ key: 'sync.offlineWaiting', count: 3, tone: 'offline' })
    expect(syncStatusMessage({ phase: 'offline', pending: 0, needsAttention: 0, signedIn: true }).key).toBe('sync.offline')
  })

  it('tells a signed-out person their work waits for them to sign in again', () => {
    expect(syncStatusMessage({ phase: 'idle', pending: 2, needsAttention: 0, signedIn: false })).toEqual({ key: 'sync.waitingForSignIn', count: 2, tone: 'waiting' })
    expect(syncStatusMessage({ phase: 'idle', pending: 0, needsAttention: 0, signedIn: false }).key).toBe('sync.allSent')
  })

  it('puts refused changes before anything else, because only the person can fix them', () => {
    expect(syncStatusMessage({ phase: 'offline', pending: 4, needsAttention: 1, signedIn: true })).toEqual({ key: 'sync.needsAttention', count: 1, tone: 'problem' })
  })

  it('asks for the update when the app is too old to sync', () => {
    expect(syncStatusMessage({ phase: 'outdated', pending: 4, needsAttention: 1, signedIn: true }).key).toBe('sync.outdated')
  })
})

describe('backoffDelay', () => {
  it('grows exponentially and never passes the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, () => 1)
    expect(top(0)).toBe(BACKOFF_BASE_MS)
    expect(top(1)).toBe(2 * BACKOFF_BASE_MS)
    expect(top(3)).toBe(8 * BACKOFF_BASE_MS)
    expect(top(50)).toBe(BACKOFF_MAX_MS)
  })

  it('spreads retries (jitter) but never retries at once', () => {
    const low = backoffDelay(5, () => 0)
    const high = backoffDelay(5, () => 0.999)
    expect(low).toBe(BACKOFF_BASE_MS / 2)
    expect(high).toBeGreaterThan(low * 10)
  })
})
