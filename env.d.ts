/// <reference types="vite/client" />

declare const __APP_VERSION__: string
declare const __APP_BUILD_ID__: string

declare module 'virtual:messages/loaders' {
  /** For each key the route tables name, a dynamic import of the unit of locales/da.json that holds it (scripts/vite-split-messages.ts). */
  const loaders: Record<string, (() => Promise<unknown>) | undefined>
  export default loaders
}
