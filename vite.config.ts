import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { webManifest } from './src/app/pwa/manifest.config.js'
import { firstChunk } from './scripts/vite-first-chunks.js'
import { precompress } from './scripts/vite-precompress.js'
import { SPLIT_MESSAGES_DIR, splitMessages } from './scripts/vite-split-messages.js'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
// APP_BUILD_ID lets a second build differ from the first (the update test needs that) and
// lets operators tell builds apart on the help page.
const buildId = process.env.APP_BUILD_ID ?? new Date().toISOString().slice(0, 10)

// What the app's start and its start page need, in one chunk (scripts/vite-first-chunks.ts).
const first = firstChunk(fileURLToPath(new URL('.', import.meta.url)), 'src/app/main.ts', 'app', ['src/app/start-app.ts', 'src/app/meetings/MeetingsPage.vue'])

// `vite build` makes the app; `vite build --ssr` the module the server renders public pages
// with (src/app/ssr/render-page.ts), with its dependencies bundled in, into dist/ssr.
export default defineConfig(({ isSsrBuild }) => ({
  resolve: {
    alias: [
      { find: '@locales', replacement: fileURLToPath(new URL('./locales', import.meta.url)) },
      // The app builds the shared schemas but never validates with them: plain JSON Schema
      // builders instead of TypeBox's engine (src/app/typebox-lite.ts says why and how it is checked).
      { find: /^typebox$/, replacement: fileURLToPath(new URL('./src/app/typebox-lite.ts', import.meta.url)) },
    ],
  },
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __APP_BUILD_ID__: JSON.stringify(buildId),
    __SERVER_RENDER__: JSON.stringify(Boolean(isSsrBuild)),
    // Vue's Options API is not used by the app or its libraries (vue-i18n runs composition-only):
    // left out of Vue's runtime, about 1.5 KiB gzip less to download and parse.
    __VUE_OPTIONS_API__: 'false',
  },
  plugins: [
    {
      name: 'brugerstemme:no-typebox-engine',
      enforce: 'pre',
      resolveId(id, importer) {
        // typebox-lite only builds schemas; a validator on the device needs the real package back.
        if (/^typebox\//.test(id)) this.error(`${importer ?? 'the app'} imports ${id}, but the app's typebox is src/app/typebox-lite.ts (no validation): remove its alias in vite.config.ts first`)
      },
    },
    vue(),
    // Route tables name every screen's title: their units are loaded as a route resolves, not
    // imported (which would put every screen's titles into the first download).
    ...splitMessages({ root: fileURLToPath(new URL('.', import.meta.url)), indirect: /(\/routes|-routes)\.ts$/ }),
    VueI18nPlugin({
      include: [fileURLToPath(new URL('./locales/*.json', import.meta.url)), fileURLToPath(new URL(`./${SPLIT_MESSAGES_DIR}/*/*.json`, import.meta.url))],
      // Messages are compiled at build time, so the runtime needs no compiler and no eval; the
      // compiler is dropped from the bundle too (about 9 KiB gzip), which leaves the app unable
      // to show a message that was not compiled by this plugin (none is: see src/app/i18n.ts).
      runtimeOnly: true,
      dropMessageCompiler: true,
      compositionOnly: true,
      fullInstall: false,
      strictMessage: false,
    }),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: webManifest,
      includeAssets: ['favicon.ico', 'favicon.svg', 'apple-touch-icon-180x180.png'],
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
        navigateFallback: '/index.html',
        // The API is never answered from a cache: a stale answer about a vote or a meeting
        // would be worse than an honest "no connection".
        navigateFallbackDenylist: [/^\/api(\/|$)/],
        cleanupOutdatedCaches: true,
        // pdf.js (about 0.5 MB, and its 1.3 MB worker, an .mjs the globs above leave out) is for
        // staff importing an agenda: not in every phone's first download, but kept once fetched,
        // so a secretary who has read one PDF can read the next offline. Hashed names never go stale.
        // Pictograms (about 240, 1 MB) are cached as the agenda items on the device name them
        // (src/app/meetings/pictogram-cache.ts), not all of them on every first visit. The QR
        // reader (and its 950 KB decoder) is for signing in with a card, which needs the network.
        globIgnores: ['**/assets/pdf-text-*.js', '**/assets/zxing_reader-*.js', '**/pictograms/**'],
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/assets\/pdf(?:-text-|\.worker\.min-)[\w-]+\.m?js$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'pdf-reader', expiration: { maxEntries: 4 } },
          },
          {
            // The same cache name the app fills ahead of time for the items it holds.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/pictograms\/[a-z0-9-]+\.svg$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'pictograms' },
          },
        ],
      },
    }),
    ...(isSsrBuild ? [] : [first.plugin, precompress()]),
  ],
  build: isSsrBuild
    ? { outDir: 'dist/ssr', emptyOutDir: true, ssr: 'src/app/ssr/render-page.ts', copyPublicDir: false }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        // .vite/manifest.json: the bench reads the first route's eager files from it (not precached).
        manifest: true,
        // A lazy chunk's imports are not listed for preloading beside each dynamic import (its CSS
        // still is): those lists named about 200 files and were about 4 KiB gzip of the first
        // download. The service worker holds every chunk after the first visit, so only a first
        // visit's next screen waits one round trip per level of its imports. The server names
        // the app's first chunks itself (src/server/http/static-app.ts).
        modulePreload: false,
        rolldownOptions: {
          // typebox-lite's builders (the alias above) only build objects: a schema the app names
          // but never reads (most of src/shared/accounts/model.ts) is left out of its chunks.
          treeshake: { manualPureFunctions: ['Type'] },
          output: {
            codeSplitting: {
              // The framework in one file, as the floor the bench compares with builds it: split
              // by which screen uses what, it came in about a dozen files, each with import and
              // export lists of its own (about 3 KiB gzip more), and changes with no app release.
              groups: [{ name: 'framework', test: /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify|dexie)[\\/]/, priority: 1 }, first.group],
            },
          },
        },
      },
  ssr: { noExternal: true },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
}))
