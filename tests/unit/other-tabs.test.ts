import { describe, expect, it, vi } from 'vitest'
import { listenToOtherTabs, onOtherTabChange } from '../../src/app/accounts/other-tabs'
import { SESSION_STORAGE_KEY } from '../../src/app/accounts/session-store'

/** A window that hands its storage listener to the test, as the browser calls it for another tab's write. */
function browserWindow() {
  let listener: ((event: StorageEvent) => void) | undefined
  const target = { addEventListener: (_type: string, handle: (event: StorageEvent) => void) => (listener = handle) } as unknown as Pick<Window, 'addEventListener'>
  return { target, otherTabWrites: (key: string | null) => listener!({ key } as StorageEvent) }
}

describe('another tab signing in or out', () => {
  it('is heard from the start and acted on once accounts have started, also when it came before (once)', () => {
    const { target, otherTabWrites } = browserWindow()
    listenToOtherTabs(target)
    otherTabWrites('brugerstemme.settings')
    otherTabWrites(SESSION_STORAGE_KEY)
    const act = vi.fn()
    onOtherTabChange(act)
    expect(act).toHaveBeenCalledTimes(1)
    // Cleared storage (key null) is a change of session too; another key is not.
    otherTabWrites(null)
    otherTabWrites('brugerstemme.settings')
    expect(act).toHaveBeenCalledTimes(2)
  })
})
