const PERSIST_ASKED_KEY = 'brugerstemme.persist-asked'

/**
 * Asks the browser not to evict this site's data, once, after the person's first real input:
 * asking on first load would be a prompt without a reason (and some browsers refuse then).
 */
export async function askForPersistentStorage(): Promise<void> {
  try {
    if (localStorage.getItem(PERSIST_ASKED_KEY)) return
    localStorage.setItem(PERSIST_ASKED_KEY, '1')
    await navigator.storage?.persist?.()
  } catch {
    // Not granted or not supported: the outbox still protects unsent work for this session.
  }
}
