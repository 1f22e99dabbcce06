import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_ACCOUNTS } from '../../src/server/demo/accounts.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import type { Me } from '../../src/shared/accounts/model.js'
import { emptyAgendaItem } from '../../src/shared/meetings/entities.js'
import { APP_STARTED_COOKIE } from '../../src/shared/sync/first-pull.js'
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildTestServer, databasesUnderTest, makeStaticFixture, meetingData } from './helpers.js'

const origin = { origin: 'http://localhost' }

/**
 * A stand-in for dist/ssr/render-page.js (the real one is Vue's, and the browser suite checks
 * what it renders): it writes out what it was given, counts its renders, and fails on request,
 * so these tests see what the server does around it.
 */
const RENDERER = `
export const renderPage = async (url, first, origin) => {
  globalThis.__renders = (globalThis.__renders ?? 0) + 1
  const meetingId = url.split('/').pop()
  const items = first.pull.changes.filter((c) => c.entity === 'agenda-item' && c.data?.meetingId === meetingId).map((c) => c.data.easyTitle)
  if (items.includes('Gå i stykker')) throw new Error('the renderer failed')
  if (items.includes('Hænger')) return new Promise(() => {})
  return { html: '<main><h1>' + url + '</h1><p>' + items.join(', ') + '</p><p>' + origin + '</p></main>', title: 'Møde </title><script>x</script> & kaffe', path: url === '/' ? '/moeder' : url }
}
`
const renders = () => (globalThis as { __renders?: number }).__renders ?? 0

describe.each(databasesUnderTest())('public pages rendered by the server on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildTestServer>>
  let secretary: string
  let solbakken: string
  const meetingId = uuidv7()

  const page = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
  const push = async (mutations: object[]) => {
    const pushed = await app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...origin, cookie: secretary }, payload: { clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations } })
    expect(pushed.statusCode).toBe(200)
  }
  const putItem = (easyTitle: string, position: number) => ({
    id: uuidv7(),
    entity: 'agenda-item',
    entityId: uuidv7(),
    op: 'put',
    patch: { ...emptyAgendaItem(solbakken, meetingId, position), title: easyTitle, easyTitle },
    baseVersion: null,
  })

  beforeAll(async () => {
    database = await target.open()
    const registry = createSyncRegistry()
    await seedDemoIfEmpty(database.db, registry)
    // The build's layout: the app in client/, the renderer in ssr/ beside it.
    const build = mkdtempSync(path.join(os.tmpdir(), 'brugerstemme-build-'))
    cpSync(makeStaticFixture(), path.join(build, 'client'), { recursive: true })
    mkdirSync(path.join(build, 'ssr'))
    const renderModule = path.join(build, 'ssr', 'render-page.js')
    writeFileSync(renderModule, RENDERER)
    app = await buildTestServer(database, { syncRegistry: registry, staticDir: path.join(build, 'client'), renderModule })
    const signedIn = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: DEMO_ACCOUNTS.secretary, headers: origin })
    secretary = String(signedIn.headers['set-cookie']).split(';')[0]!
    const me = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: secretary } })).json<Me>()
    if (me.kind !== 'person') throw new Error('the secretary is not signed in')
    solbakken = me.staffCouncilIds[0]!
    await push([{ id: uuidv7(), entity: 'meeting', entityId: meetingId, op: 'put', patch: meetingData(solbakken, { title: 'Møde om haven', date: '2027-03-04', published: true }), baseVersion: null }, putItem('Haven', 1)])
  })

  afterAll(async () => {
    await app?.close()
  })

  it("puts the page into the app's element, marked for the app to take over, with its title escaped", async () => {
    const { statusCode, body } = await page(`/moeder/${meetingId}`)
    expect(statusCode).toBe(200)
    expect(body).toContain(`<div id="app" data-server-rendered="/moeder/${meetingId}"><main><h1>/moeder/${meetingId}</h1><p>Haven</p><p>http://localhost</p></main></div>`)
    expect(body).toContain('<title>Møde &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; kaffe</title>')
    // The first pull is still there: the device stores it before it takes the page over.
    expect(body).toContain('<script type="application/json" id="first-pull">')
    expect(body.match(/<script/g)).toHaveLength(1)
    // The start page's address in the app, which the page puts in the address bar (src/app/start-on-use.ts).
    const start = await page('/')
    expect(start.body).toContain('<div id="app" data-server-rendered="/moeder"><main><h1>/</h1>')
  })

  it('renders a page once for as long as its data stays the same, and again when it changes', async () => {
    const before = renders()
    await page(`/moeder/${meetingId}`)
    await page(`/moeder/${meetingId}`)
    expect(renders()).toBe(before)
    await push([putItem('Maden', 2)])
    const { body } = await page(`/moeder/${meetingId}`)
    expect(body).toContain('<p>Haven, Maden</p>')
    expect(renders()).toBe(before + 1)
  })

  it('renders nothing for a signed-in device, a device where the app has run, a draft, another page, or a Host it cannot trust to build links with', async () => {
    const draft = uuidv7()
    await push([{ id: uuidv7(), entity: 'meeting', entityId: draft, op: 'put', patch: meetingData(solbakken, { published: false }), baseVersion: null }])
    const unrendered = [
      await page(`/moeder/${meetingId}`, { cookie: secretary }),
      await page(`/moeder/${meetingId}`, { cookie: `${APP_STARTED_COOKIE}=1` }),
      await page('/', { cookie: `${APP_STARTED_COOKIE}=1` }),
      await page(`/moeder/${draft}`),
      await page('/raad'),
      await page(`/moeder/${meetingId}`, { host: 'evil.example' }),
    ]
    for (const response of unrendered) {
      expect(response.statusCode).toBe(200)
      expect(response.body).toContain('<div id="app"></div>')
      expect(response.body).not.toContain('data-server-rendered')
    }
  })

  it('sends the plain shell, with the first pull, when rendering fails or never ends, and renders the next page all the same', async () => {
    await push([putItem('Gå i stykker', 3)])
    const failed = await page(`/moeder/${meetingId}`)
    expect(failed.statusCode).toBe(200)
    expect(failed.body).toContain('<div id="app"></div>')
    expect(failed.body).toContain('<script type="application/json" id="first-pull">')

    const hanging = uuidv7()
    await push([{ id: uuidv7(), entity: 'meeting', entityId: hanging, op: 'put', patch: meetingData(solbakken, { published: true }), baseVersion: null }, { ...putItem('Hænger', 1), patch: { ...emptyAgendaItem(solbakken, hanging, 1), title: 'Hænger', easyTitle: 'Hænger' } }])
    const started = Date.now()
    const stuck = await page(`/moeder/${hanging}`)
    expect(stuck.statusCode).toBe(200)
    expect(stuck.body).toContain('<div id="app"></div>')
    expect(Date.now() - started).toBeLessThan(10_000)
    // The renderer is not held up by the page that never finished.
    expect((await page('/')).body).toContain('<div id="app" data-server-rendered="/moeder"><main><h1>/</h1>')
  })

  it('sends text that looks like a replacement pattern ($&, $`) as it is, in the page and in its first pull', async () => {
    const other = uuidv7()
    const item = { ...putItem('Kaffe $& kage $` te', 1), patch: { ...emptyAgendaItem(solbakken, other, 1), title: 'Kaffe $& kage $` te', easyTitle: 'Kaffe $& kage $` te' } }
    await push([{ id: uuidv7(), entity: 'meeting', entityId: other, op: 'put', patch: meetingData(solbakken, { title: 'Kaffe', date: '2027-03-05', published: true }), baseVersion: null }, item])
    const { body } = await page(`/moeder/${other}`)
    expect(body).toContain('<p>Kaffe $& kage $` te</p>')
    const first = /<script type="application\/json" id="first-pull">(.*?)<\/script>/s.exec(body)?.[1]
    expect(first).toContain('"easyTitle":"Kaffe $& kage $` te"')
  })
})
