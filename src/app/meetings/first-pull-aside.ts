import { FIRST_PULL_ELEMENT_ID, FIRST_PULL_STORED_ATTRIBUTE } from '../../shared/sync/first-pull'

/**
 * Where the device keeps the session it last knew of: SESSION_STORAGE_KEY of session-store.ts,
 * written out here because importing it would load the app's first chunk (and the framework with
 * it) while the page is being read. tests/unit/first-pull.test.ts checks the two are the same.
 */
export const CACHED_SESSION_KEY = 'brugerstemme.session.v1'

let started = false

/**
 * A page the server rendered waits for its person to use it before the app starts (start-on-use.ts),
 * but what it shows is stored on the device now, in a worker, so the page can be read again
 * offline (the service worker opens the app, which reads the device). Never with someone signed
 * in (their view differs; the app decides for them). Once stored, the element is marked so: the
 * app then takes the page over as it is instead of storing the same again (first-pull.ts). An app
 * that starts before the worker is done stores the pull itself (the same records, twice).
 */
export function storeFirstPullAside(): void {
  const element = document.getElementById(FIRST_PULL_ELEMENT_ID)
  if (started || !element || typeof Worker === 'undefined' || localStorage.getItem(CACHED_SESSION_KEY) !== null) return
  started = true
  const worker = new Worker(new URL('./first-pull-worker.ts', import.meta.url), { type: 'module' })
  const done = () => worker.terminate()
  worker.addEventListener('message', (event: MessageEvent<boolean>) => {
    if (event.data === true) element.setAttribute(FIRST_PULL_STORED_ATTRIBUTE, '')
    done()
  })
  worker.addEventListener('error', done)
  worker.postMessage(element.textContent)
}
