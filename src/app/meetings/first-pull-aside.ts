import { FIRST_PULL_ELEMENT_ID } from '../../shared/sync/first-pull'
import { SESSION_STORAGE_KEY } from '../accounts/session-key'

let aside: Promise<boolean> | null = null

/**
 * A page the server rendered waits for its person to use it before the app starts (start-on-use.ts),
 * but what it shows is stored on the device now, in a worker, so the page can be read again
 * offline (the service worker opens the app, which reads the device). Never with someone signed
 * in (their view differs; the app decides for them). The app, when it starts, waits for this
 * (first-pull.ts) instead of storing the same again.
 */
export function storeFirstPullAside(): void {
  const element = document.getElementById(FIRST_PULL_ELEMENT_ID)
  if (aside || !element || typeof Worker === 'undefined' || localStorage.getItem(SESSION_STORAGE_KEY) !== null) return
  const worker = new Worker(new URL('./first-pull-worker.ts', import.meta.url), { type: 'module' })
  aside = new Promise<boolean>((resolve) => {
    worker.addEventListener('message', (event: MessageEvent<boolean>) => resolve(event.data === true))
    worker.addEventListener('error', () => resolve(false))
  }).finally(() => worker.terminate())
  worker.postMessage(element.textContent)
}

/** The worker's answer (stored or not), or null when no worker was started. */
export const firstPullAside = (): Promise<boolean> | null => aside
