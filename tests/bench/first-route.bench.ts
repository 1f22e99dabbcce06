import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'
import { appBuild, eagerFiles, root, type ViteManifest } from './app-build.js'
import type { BenchFigure } from './figure.js'
import { fetchedBeforeTakeOver } from './first-route-browser.js'

/** The start page: "/" redirects to /moeder (src/app/routes.ts). */
const START_ROUTE = 'src/app/meetings/MeetingsPage.vue'
/** The app itself, which the small entry imports before any route can show (src/app/main.ts). */
const APP_START = 'src/app/start-app.ts'
const BUDGET = 1.15

/**
 * The framework floor (DESIGN.md): the least an app on this stack ships, built by the same Vite
 * with the same Vue and i18n plugins in the same run. Vue, vue-router, Pinia, vue-i18n (runtime
 * only, messages compiled at build time and the message compiler left out of the bundle, as the
 * app does), Dexie opened, and workbox-window loaded the way vite-plugin-pwa loads it in the app
 * (a dynamic import, so not eager there either); the start route is a lazy component, as in the app.
 */
const floorFiles: Record<string, string> = {
  'index.html': '<!doctype html><html lang="da"><head><title>Gulv</title></head><body><div id="app"></div><script type="module" src="/main.ts"></script></body></html>',
  'locales/da.json': '{ "title": "Møder", "hello": "Hej {name}" }',
  'App.vue': '<script setup lang="ts">\nimport { useI18n } from "vue-i18n"\nconst { t } = useI18n()\n</script>\n<template><header>{{ t("title") }}</header><RouterView /></template>\n<style>body { margin: 0; font-family: system-ui }</style>\n',
  'Start.vue': '<script setup lang="ts">\nimport { ref } from "vue"\nimport { useI18n } from "vue-i18n"\nimport { useThings } from "./store"\nconst { t } = useI18n()\nconst things = useThings()\nconst name = ref("Karen")\n</script>\n<template><main><h1>{{ t("hello", { name }) }}</h1><p>{{ things.count }}</p></main></template>\n<style scoped>h1 { font-size: 2rem }</style>\n',
  'store.ts': 'import { defineStore } from "pinia"\nexport const useThings = defineStore("things", { state: () => ({ count: 0 }) })\n',
  'main.ts': [
    'import { createApp } from "vue"',
    'import { createRouter, createWebHistory } from "vue-router"',
    'import { createPinia } from "pinia"',
    'import { createI18n } from "vue-i18n"',
    'import messages from "@intlify/unplugin-vue-i18n/messages"',
    'import { Dexie } from "dexie"',
    'import App from "./App.vue"',
    'const db = new Dexie("floor")',
    'db.version(1).stores({ things: "id" })',
    'void db.open()',
    'const router = createRouter({ history: createWebHistory(), routes: [{ path: "/", component: () => import("./Start.vue") }] })',
    'const i18n = createI18n({ legacy: false, locale: "da", messages })',
    'createApp(App).use(createPinia()).use(i18n).use(router).mount("#app")',
    'if ("serviceWorker" in navigator) void import("workbox-window").then(({ Workbox }) => new Workbox("/sw.js").register())',
    '',
  ].join('\n'),
}

async function buildFloor(): Promise<{ manifest: ViteManifest; dir: string }> {
  // Inside the project, so the floor resolves the very same packages from node_modules.
  const dir = path.join(root, '.tmp', `bench-floor-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  for (const [file, text] of Object.entries(floorFiles)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  await build({
    configFile: false,
    root: dir,
    logLevel: 'warn',
    plugins: [vue(), VueI18nPlugin({ include: [path.join(dir, 'locales/*.json')], runtimeOnly: true, dropMessageCompiler: true, compositionOnly: true, fullInstall: false, strictMessage: false })],
    build: { outDir: path.join(dir, 'dist'), emptyOutDir: true, manifest: true },
  })
  const manifest = JSON.parse(readFileSync(path.join(dir, 'dist/.vite/manifest.json'), 'utf8')) as ViteManifest
  return { manifest, dir: path.join(dir, 'dist') }
}

function weigh(dir: string, files: string[]) {
  let raw = 0
  let gzip = 0
  let brotli = 0
  for (const file of files) {
    const bytes = readFileSync(path.join(dir, file))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
    // What the server sends a browser: the build's quality-11 copy (scripts/vite-precompress.ts).
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length
  }
  return { raw: raw / 1024, gzip: gzip / 1024, brotli: brotli / 1024 }
}

/** Eager JS+CSS of the start page, from the build manifest, vs. the framework floor. */
export default async function benchFirstRoute(): Promise<BenchFigure[]> {
  const dist = await appBuild()
  const client = path.join(dist, 'client')
  const appManifest = JSON.parse(readFileSync(path.join(client, '.vite/manifest.json'), 'utf8')) as ViteManifest
  const eager = eagerFiles(appManifest, 'index.html', START_ROUTE, [APP_START])
  const app = weigh(client, eager)
  const fetched = await fetchedBeforeTakeOver(dist)
  const floor = await buildFloor()
  const base = weigh(floor.dir, eagerFiles(floor.manifest, 'index.html', 'Start.vue'))
  rmSync(path.dirname(floor.dir), { recursive: true, force: true })
  if (process.env.BENCH_VERBOSE) {
    for (const file of eagerFiles(appManifest, 'index.html', START_ROUTE, [APP_START])) console.log(`  eager: ${file} ${(readFileSync(path.join(client, file)).length / 1024).toFixed(1)} KiB`)
  }
  return [
    {
      measure: 'first route (start page) eager JS+CSS, gzip',
      value: app.gzip,
      unit: 'KiB',
      baseline: base.gzip,
      baselineLabel: 'framework floor (Vue, router, Pinia, vue-i18n, Dexie, workbox-window) by the same Vite',
      goal: `≤ ${BUDGET} × baseline`,
      met: app.gzip <= BUDGET * base.gzip,
    },
    {
      measure: 'first route (start page) eager JS+CSS, raw',
      value: app.raw,
      unit: 'KiB',
      baseline: base.raw,
      baselineLabel: 'framework floor, raw',
      goal: 'none (the budget is on gzip; shown for parse cost)',
      met: true,
    },
    {
      measure: 'first route (start page) eager JS+CSS, brotli 11 as the server sends it',
      value: app.brotli,
      unit: 'KiB',
      baseline: base.brotli,
      baselineLabel: 'framework floor, brotli 11',
      goal: 'none (the budget is on gzip; shown for what a phone downloads)',
      met: true,
    },
    ...(['new device', 'app has run'] as const).map((visit): BenchFigure => {
      // A rendered page also loads what prepares the app's start (src/app/start-on-use.ts) and the
      // worker that stores its data, after its first paint; nothing else beyond the eager files.
      const expected = visit === 'new device' ? [...eager, appManifest['src/app/start-on-use.ts']!.file, ...fetched[visit].filter((file) => /^assets\/first-pull-worker-[\w-]+\.js$/.test(file))] : eager
      const extra = fetched[visit].filter((file) => !expected.includes(file))
      const missing = expected.filter((file) => !fetched[visit].includes(file))
      return {
        measure: `first route in Chromium (${visit}): JS+CSS fetched before the app takes the page over, gzip`,
        value: weigh(client, fetched[visit]).gzip,
        unit: 'KiB',
        baseline: app.gzip,
        baselineLabel: `the manifest's eager files above (${eager.length} files)` + (visit === 'new device' ? ', the start-on-use chunk and the page-data worker' : ''),
        goal: 'the same files' + (extra.length + missing.length ? ` (more: ${extra.join(', ') || 'none'}; not fetched: ${missing.join(', ') || 'none'})` : ''),
        met: extra.length === 0 && missing.length === 0,
      }
    }),
    {
      measure: 'first route in Chromium (new device, read for 2 s, not touched): JS+CSS the page itself fetched, gzip',
      value: weigh(client, fetched.readOnly).gzip,
      unit: 'KiB',
      baseline: app.gzip,
      baselineLabel: `the manifest's eager files above (${fetched.readOnly.length} files fetched by the page before its first use; the service worker's precache fetches the app's own)`,
      goal: 'none (shown: a reader does not run the app, nor fetch it twice)',
      met: true,
    },
  ]
}
