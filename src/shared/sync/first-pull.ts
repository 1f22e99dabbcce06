import type { PullResponse } from './protocol.js'

/** The id of the element in a page's HTML that carries its first pull (see src/server/http/first-pull.ts). */
export const FIRST_PULL_ELEMENT_ID = 'first-pull'

/**
 * Set (to "1") once the app has run on this device: the server then sends the app's plain page
 * instead of one rendered as a new device sees it. Such a device has data, settings or a council
 * of its own, and a rendered page would show the defaults until the app drew it again (and close
 * what the person had opened meanwhile). Says nothing else; most such devices are answered by
 * the service worker anyway.
 */
export const APP_STARTED_COOKIE = 'brugerstemme-started'

/**
 * Marks the app's element when the server rendered the page into it (the app then hydrates it).
 * Its value is the address the page has in the app ("/moeder" for "/"), put in the address bar
 * before the app runs (src/app/start-on-use.ts).
 */
export const SERVER_RENDERED_ATTRIBUTE = 'data-server-rendered'

/** Set on the first pull's element once a worker has stored it (src/app/meetings/first-pull-aside.ts). */
export const FIRST_PULL_STORED_ATTRIBUTE = 'data-stored'

/** A signed-out device's first pull of `scopes`, sent with the HTML of the start page or a public meeting page. */
export interface FirstPull {
  scopes: string[]
  /** The council whose meeting the page shows; null on the start page (the list of councils only). */
  councilId: string | null
  pull: PullResponse
}

/** A public page as the server renders it (src/app/ssr/render-page.ts): the app's markup, the page's title and its address in the app. */
export interface RenderedPage {
  html: string
  title: string
  path: string
}

/** What the server's rendering module exports as `renderPage` (built by `vite build --ssr`). */
export type RenderPage = (url: string, first: FirstPull, origin: string) => Promise<RenderedPage>
