import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SyncScheduler } from '../../src/app/sync/scheduler.js'

/** The one EventSource the scheduler opens, so the test can send it pokes. */
class FakeEventSource extends EventTarget {
  static last: FakeEventSource | null = null
  constructor(readonly url: string) {
    super()
    FakeEventSource.last = this
  }
  poke(data: string) {
    this.dispatchEvent(new MessageEvent('poke', { data }))
  }
  close() {}
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await vi.advanceTimersByTimeAsync(10)
}

describe('SyncScheduler and pokes', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubGlobal('window', new EventTarget())
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }))
    vi.stubGlobal('navigator', { onLine: true })
    vi.stubGlobal('EventSource', FakeEventSource)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  async function started(applied: boolean) {
    const syncOnce = vi.fn(async () => {})
    const applyPoke = vi.fn(async (_data: string) => applied)
    const scheduler = new SyncScheduler({ syncOnce, onPhase: () => {}, eventsUrl: () => '/api/sync/events', applyPoke })
    scheduler.start()
    await settle()
    syncOnce.mockClear()
    return { scheduler, syncOnce, applyPoke }
  }

  it('opens the poke stream only after a sync got through (a sign-out made offline goes first)', async () => {
    FakeEventSource.last = null
    const syncOnce = vi.fn(async () => {})
    syncOnce.mockRejectedValueOnce(new Error('the sign-out could not reach the server yet'))
    const scheduler = new SyncScheduler({ syncOnce, onPhase: () => {}, eventsUrl: () => '/api/sync/events' })
    scheduler.start()
    await settle()
    expect(syncOnce).toHaveBeenCalledTimes(1)
    expect(FakeEventSource.last).toBeNull()
    await vi.advanceTimersByTimeAsync(2_000)
    await settle()
    expect(syncOnce).toHaveBeenCalledTimes(2)
    expect(FakeEventSource.last).not.toBeNull()
    scheduler.stop()
  })

  it('applies a poke that carries its changes without a sync', async () => {
    const { scheduler, syncOnce, applyPoke } = await started(true)
    FakeEventSource.last!.poke('{"version":5,"after":4,"changes":[]}')
    await settle()
    expect(applyPoke).toHaveBeenCalledWith('{"version":5,"after":4,"changes":[]}')
    expect(syncOnce).not.toHaveBeenCalled()
    scheduler.stop()
  })

  it('syncs when the poke cannot be applied as it is', async () => {
    const { scheduler, syncOnce, applyPoke } = await started(false)
    FakeEventSource.last!.poke('{"version":5}')
    await settle()
    expect(applyPoke).toHaveBeenCalledTimes(1)
    expect(syncOnce).toHaveBeenCalledTimes(1)
    scheduler.stop()
  })

  it('syncs when applying fails', async () => {
    const { scheduler, syncOnce, applyPoke } = await started(true)
    applyPoke.mockRejectedValueOnce(new Error('IndexedDB is gone'))
    FakeEventSource.last!.poke('{"version":5,"after":4,"changes":[]}')
    await settle()
    expect(syncOnce).toHaveBeenCalledTimes(1)
    scheduler.stop()
  })
})
