import { APP_CHUNKS_ID } from '../shared/sync/app-chunks'
import { SERVER_RENDERED_ATTRIBUTE } from '../shared/sync/first-pull'
import { storeFirstPullAside } from './meetings/first-pull-aside'

/**
 * What a person does first when they start to use a page rather than only look at it. Scrolling
 * counts: the phone scrolls on its own thread while the app starts, which is then ready when
 * the person, further down, taps.
 */
const USE_EVENTS = ['pointerdown', 'keydown', 'focusin', 'scroll'] as const

/** Elements whose tap the app answers; a tap on one before the app runs is held (see below). */
const CONTROLS = 'a[href], button, label, input, select, textarea'

/**
 * A page the server rendered (the start page, a published meeting) is read before the app runs,
 * and can be read and followed without it: its links are plain links, "Læs mere" opens by itself.
 * Taking the page over costs a slow phone about half a second of its main thread in one piece (the
 * app's code run, then Vue hydrating the page), when it answers no touch, so the app starts when
 * the person starts to use the page (a touch, a key, focus moving into it, scrolling), comes back
 * to it, changes a setting in another tab, or the connection drops (the app then reads the
 * device), not while they read. Until then the page is the server's of when it was opened: it
 * does not follow changes, as the app does.
 *
 * Loaded once the page is on the screen (main.ts), and run as it loads. The service worker is
 * registered (its precache fetches the app's code, which is not run; without a service worker the
 * page fetches it) and the page's data stored on the device in a worker: the first tap waits
 * only for the app to run, and the page opens offline later.
 *
 * A tap on a control or on a link within the app that comes before the app has taken the page
 * over is held, and done again on the same element once it has (hydration keeps the page's
 * elements; one the app drew anew is found again at the same place). If the app cannot be
 * loaded, a held link is followed as a plain link, and the next use tries again.
 */
function startOnUse(): void {
  const appElement = document.getElementById('app')
  let starting = false
  let held: { element: HTMLElement; path: number[] } | null = null

  // Coming back to the page after a while is a use too: the app then brings it up to date.
  const shown = () => document.visibilityState === 'visible' && start()
  const listen = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener'
    for (const type of USE_EVENTS) window[method](type, start, true)
    window[method]('offline', start)
    // Another tab changed the device's settings or who is signed in: the app shows this page so too.
    window[method]('storage', start)
    document[method]('visibilitychange', shown)
  }

  const hold = (event: MouseEvent) => {
    const control = event.target instanceof Element ? event.target.closest<HTMLElement>(CONTROLS) : null
    if (!control || !appElement?.contains(control) || (control instanceof HTMLAnchorElement && !inApp(control))) return
    event.preventDefault()
    event.stopImmediatePropagation()
    held ??= { element: control, path: pathOf(control, appElement) }
    // A click without a touch or key before it (a screen reader's, a switch's) starts the app too.
    start()
  }

  function start(): void {
    if (starting) return
    starting = true
    listen(false)
    document.documentElement.style.cursor = 'progress'
    import('./start-app').then(
      ({ startApp }) =>
        startApp().finally(() => {
          document.removeEventListener('click', hold, true)
          document.documentElement.style.cursor = ''
          replay()
        }),
      (error: unknown) => {
        console.error('the app could not be loaded; the page stays as the server sent it', error)
        document.documentElement.style.cursor = ''
        starting = false
        listen(true)
        const link = held?.element
        held = null
        if (link instanceof HTMLAnchorElement) location.assign(link.href)
      },
    )
  }

  function replay(): void {
    if (!held || !appElement) return
    const { element, path } = held
    held = null
    const again = element.isConnected ? element : elementAt(path, appElement, element.tagName)
    again?.click()
  }

  // The address the page has in the app (the server rendered "/moeder" for "/").
  const path = appElement?.getAttribute(SERVER_RENDERED_ATTRIBUTE)
  if (path?.startsWith('/') && path !== location.pathname) history.replaceState(history.state, '', `${path}${location.hash}`)
  document.addEventListener('click', hold, true)
  listen(true)
  const chunks = document.getElementById(APP_CHUNKS_ID)
  chunks?.remove()
  const fetchChunks = () => {
    if (chunks instanceof HTMLTemplateElement) document.head.append(document.importNode(chunks.content, true))
  }
  storeFirstPullAside()
  // The same worker and scope the app's update prompt registers (UpdatePrompt.vue) takes over.
  // Its precache fetches the app's chunks too (into the browser's cache as well, where the app's
  // start finds them): the page fetches them itself only where there is no service worker.
  const registering = navigator.serviceWorker?.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
  if (registering) registering.catch(fetchChunks)
  else fetchChunks()
}

/** A link the app's router answers: this site's page, not a file, a download or a new window. */
function inApp(link: HTMLAnchorElement): boolean {
  if (link.origin !== location.origin || link.target || link.hasAttribute('download')) return false
  // A link within the page (the skip link) is the app's too: it moves focus to the page's heading.
  return !(link.pathname === '/api' || link.pathname.startsWith('/api/') || /\.\w+$/.test(link.pathname))
}

/** The element's place under `root`: the index of each ancestor among its parent's children. */
function pathOf(element: Element, root: Element): number[] {
  const path: number[] = []
  for (let at: Element | null = element; at && at !== root; at = at.parentElement) path.unshift(at.parentElement ? [...at.parentElement.children].indexOf(at) : 0)
  return path
}

function elementAt(path: number[], root: Element, tagName: string): HTMLElement | null {
  let at: Element | undefined = root
  for (const index of path) at = at?.children[index]
  return at instanceof HTMLElement && at.tagName === tagName ? at : null
}

startOnUse()
