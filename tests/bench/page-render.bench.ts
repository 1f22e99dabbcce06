import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { openDatabase } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { FIRST_PULL_ELEMENT_ID, type FirstPull, type RenderPage } from '../../src/shared/sync/first-pull.js'
import { buildTestServer } from '../server/helpers.js'
import { appBuild } from './app-build.js'
import type { BenchFigure } from './figure.js'

const RUNS = 200
const WARM_UP = 20

/** Mean milliseconds of `work` over RUNS calls, after WARM_UP calls that are not timed. */
async function meanMs(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await work()
  const started = performance.now()
  for (let i = 0; i < RUNS; i++) await work()
  return (performance.now() - started) / RUNS
}

/**
 * What rendering a public meeting page costs the server (src/app/ssr/render-page.ts, as built into
 * dist/ssr): one render of the demo's next meeting from its first pull, beside the whole request
 * for the same page unrendered (its first pull read and put into the app's shell). A render is
 * made once per page and data version and then kept (src/server/http/render-page.ts).
 */
export default async function benchPageRender(): Promise<BenchFigure[]> {
  const dist = await appBuild()
  const { renderPage } = (await import(pathToFileURL(path.join(dist, 'ssr', 'render-page.js')).href)) as { renderPage: RenderPage }
  const database = await openDatabase({ kind: 'pglite', dataDir: null })
  const registry = createSyncRegistry()
  await seedDemoIfEmpty(database.db, registry)
  const app = await buildTestServer(database, { syncRegistry: registry, logger: false })
  try {
    const firstPullOf = (html: string): FirstPull => JSON.parse(new RegExp(`<script type="application/json" id="${FIRST_PULL_ELEMENT_ID}">(.*?)</script>`, 's').exec(html)![1]!) as FirstPull
    const start = firstPullOf((await app.inject({ method: 'GET', url: '/moeder' })).body)
    const today = new Date().toISOString().slice(0, 10)
    const meeting = start.pull.changes.length > 0 ? await nextMeeting(app, start, today) : null
    if (!meeting) throw new Error('the demo has no coming meeting')
    const url = `/moeder/${meeting}`
    const first = firstPullOf((await app.inject({ method: 'GET', url })).body)
    const render = await meanMs(() => renderPage(url, first, 'http://localhost'))
    const unrendered = await meanMs(() => app.inject({ method: 'GET', url }))
    return [
      {
        measure: 'render a meeting page on the server (Vue SSR), per render',
        value: render,
        unit: 'ms',
        baseline: unrendered,
        baselineLabel: 'the same page unrendered: its first pull read and put into the shell, the whole request',
        goal: 'none in DESIGN.md; shown so a regression shows (a render is kept per page and data version)',
        met: true,
      },
    ]
  } finally {
    await app.close()
  }
}

/** The demo's next meeting, from the first pull of one of its councils. */
async function nextMeeting(app: Awaited<ReturnType<typeof buildTestServer>>, start: FirstPull, today: string): Promise<string | null> {
  for (const council of start.pull.changes.filter((c) => c.entity === 'council')) {
    const feed = (await app.inject({ method: 'GET', url: `/api/councils/${council.entityId}/calendar.ics` })).body
    for (const match of feed.matchAll(/DTSTART[^:]*:(\d{4})(\d{2})(\d{2})[\s\S]*?\/moeder\/([0-9a-f-]{36})/g)) {
      if (`${match[1]}-${match[2]}-${match[3]}` >= today) return match[4]!
    }
  }
  return null
}
