import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { OFFLINE_GRACE_MS, useSteadyOnline } from '../../src/app/sync/use-online.js'

/** The browser's connection as the composable sees it: navigator.onLine and the window's events. */
function fakeBrowser(online: boolean) {
  const window = new EventTarget()
  const navigator = { onLine: online }
  vi.stubGlobal('window', window)
  vi.stubGlobal('navigator', navigator)
  return {
    set(value: boolean) {
      navigator.onLine = value
      window.dispatchEvent(new Event(value ? 'online' : 'offline'))
    },
  }
}

describe('useSteadyOnline', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('does not announce a blip shorter than the grace period', async () => {
    const browser = fakeBrowser(true)
    const scope = effectScope()
    const steady = scope.run(() => useSteadyOnline())!
    browser.set(false)
    await nextTick()
    vi.advanceTimersByTime(OFFLINE_GRACE_MS - 100)
    expect(steady.value).toBe(true)
    browser.set(true)
    await nextTick()
    vi.advanceTimersByTime(OFFLINE_GRACE_MS * 2)
    expect(steady.value).toBe(true)
    scope.stop()
  })

  it('says offline once the connection has been gone for the whole grace period, and online again at once', async () => {
    const browser = fakeBrowser(true)
    const scope = effectScope()
    const steady = scope.run(() => useSteadyOnline(1000))!
    browser.set(false)
    await nextTick()
    vi.advanceTimersByTime(999)
    expect(steady.value).toBe(true)
    vi.advanceTimersByTime(1)
    expect(steady.value).toBe(false)
    browser.set(true)
    await nextTick()
    expect(steady.value).toBe(true)
    scope.stop()
  })

  it('starts from what the browser says, and a pending "offline" dies with its scope', async () => {
    const browser = fakeBrowser(false)
    const scope = effectScope()
    const steady = scope.run(() => useSteadyOnline(1000))!
    expect(steady.value).toBe(false)
    browser.set(true)
    await nextTick()
    expect(steady.value).toBe(true)
    browser.set(false)
    await nextTick()
    scope.stop()
    vi.advanceTimersByTime(5000)
    expect(steady.value).toBe(true)
  })
})
