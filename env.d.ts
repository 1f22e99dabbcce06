/// <reference types="vite/client" />

declare const __APP_VERSION__: string
declare const __APP_BUILD_ID__: string

declare module 'virtual:messages/loaders' {
  /** One dynamic import per namespace of locales/da.json (scripts/vite-split-messages.ts). */
  const loaders: Record<string, (() => Promise<unknown>) | undefined>
  export default loaders
}
