/// <reference types="vite/client" />

declare const __APP_VERSION__: string
declare const __APP_BUILD_ID__: string
/**
 * True in the module the server renders public pages with (`vite build --ssr`), false in the app
 * and in the unit tests (where Vitest's own import.meta.env.SSR is true for any Node test).
 */
declare const __SERVER_RENDER__: boolean

declare module 'virtual:messages/loaders' {
  /** For each key the route tables name, a dynamic import of the unit of locales/da.json that holds it (scripts/vite-split-messages.ts). */
  const loaders: Record<string, (() => Promise<unknown>) | undefined>
  export default loaders
}
