import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { webManifest } from './src/app/pwa/manifest.config.js'
import { precompress } from './scripts/vite-precompress.js'
import { SPLIT_MESSAGES_DIR, splitMessages } from './scripts/vite-split-messages.js'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
// APP_BUILD_ID lets a second build differ from the first (the update test needs that) and
// lets operators tell builds apart on the help page.
const buildId = process.env.APP_BUILD_ID ?? new Date().toISOString().slice(0, 10)

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
    ...(isSsrBuild ? [] : [precompress()]),
  ],
  build: isSsrBuild
    ? { outDir: 'dist/ssr', emptyOutDir: true, ssr: 'src/app/ssr/render-page.ts', copyPublicDir: false }
    : {
        outDir: 'dist/client',
        emptyOutDir: true,
        // .vite/manifest.json: the bench reads the first route's eager files from it (not precached).
        manifest: true,
      },
  ssr: { noExternal: true },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
}))
