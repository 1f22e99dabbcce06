import type { PullResponse } from './protocol.js'

/** The id of the element in a page's HTML that carries its first pull (see src/server/http/first-pull.ts). */
export const FIRST_PULL_ELEMENT_ID = 'first-pull'

/** A signed-out device's first pull of `scopes`, sent with the HTML of the start page or a public meeting page. */
export interface FirstPull {
  scopes: string[]
  /** The council whose meeting the page shows; null on the start page (the list of councils only). */
  councilId: string | null
  pull: PullResponse
}
