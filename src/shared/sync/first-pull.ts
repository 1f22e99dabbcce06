import type { PullResponse } from './protocol.js'

/** The id of the element in a page's HTML that carries its first pull (see src/server/http/first-pull.ts). */
export const FIRST_PULL_ELEMENT_ID = 'first-pull'

/**
 * Set (to "1") while this device's display settings differ from the defaults: the server then
 * sends the app's plain page rather than one rendered at the default text size, theme and
 * language, which would show in those until the app applied the person's own. Says nothing else.
 */
export const OWN_DISPLAY_COOKIE = 'brugerstemme-own-display'

/** Marks the app's element when the server rendered the page into it (the app then hydrates it). */
export const SERVER_RENDERED_ATTRIBUTE = 'data-server-rendered'

/** A signed-out device's first pull of `scopes`, sent with the HTML of the start page or a public meeting page. */
export interface FirstPull {
  scopes: string[]
  /** The council whose meeting the page shows; null on the start page (the list of councils only). */
  councilId: string | null
  pull: PullResponse
}

/** A public page as the server renders it (src/app/ssr/render-page.ts): the app's markup and the page's title. */
export interface RenderedPage {
  html: string
  title: string
}

/** What the server's rendering module exports as `renderPage` (built by `vite build --ssr`). */
export type RenderPage = (url: string, first: FirstPull, origin: string) => Promise<RenderedPage>
