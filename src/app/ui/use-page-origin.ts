import { inject, type InjectionKey } from 'vue'

/** The site's address when the server renders a page (it knows it from the request, not from `location`). */
export const SERVER_ORIGIN: InjectionKey<string> = Symbol('server origin')

/** Where this app is served from, e.g. https://brugerstemme.kommune.dk, for links that leave it (calendar apps). */
export function usePageOrigin(): string {
  return __SERVER_RENDER__ ? inject(SERVER_ORIGIN, '') : location.origin
}
