import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_ACCOUNTS } from '../../src/server/demo/accounts.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { COUNCILS_SCOPE, councilScope } from '../../src/shared/accounts/entities.js'
import type { Me } from '../../src/shared/accounts/model.js'
import { emptyAgendaItem, type AgendaItemData } from '../../src/shared/meetings/entities.js'
import type { FirstPull } from '../../src/shared/sync/first-pull.js'
import { SYNC_PROTOCOL_VERSION, type PullResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { buildTestServer, databasesUnderTest, makeStaticFixture, meetingData } from './helpers.js'

const origin = { origin: 'http://localhost' }
const DATA_BLOCK = /<script type="application\/json" id="first-pull">([^]*?)<\/script>/

/** Text no page may run or break out with, in an item the public reads. */
const HOSTILE = 'Kom </script><script>alert(1)</script> og <!-- hør -->'

describe.each(databasesUnderTest())('a public meeting page brings its first pull on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildTestServer>>
  let secretary: string
  let member: string
  let solbakken: string
  const published = uuidv7()
  const draft = uuidv7()

  const meeting = (published: boolean) => meetingData(solbakken, { title: 'Møde om haven', date: '2027-03-04', startTime: '10:00', endTime: '11:00', published })
  const item = (meetingId: string, extra: Partial<AgendaItemData>): AgendaItemData => ({
    ...emptyAgendaItem(solbakken, meetingId, 1),
    title: 'Haven',
    easyTitle: 'Haven',
    easyText: 'Vi taler om haven.',
    expectedMinutes: 10,
    ...extra,
  })
  const put = (entity: string, entityId: string, patch: object) => ({ id: uuidv7(), entity, entityId, op: 'put', patch, baseVersion: null })

  const page = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })
  const firstPullIn = (html: string): FirstPull | null => {
    const match = DATA_BLOCK.exec(html)
    return match ? (JSON.parse(match[1]!) as FirstPull) : null
  }

  beforeAll(async () => {
    database = await target.open()
    const registry = createSyncRegistry()
    await seedDemoIfEmpty(database.db, registry)
    // A build manifest as Vite writes it: the shell's entry, and the meeting screen's own chunks.
    const staticDir = makeStaticFixture()
    mkdirSync(path.join(staticDir, '.vite'))
    writeFileSync(
      path.join(staticDir, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index-AbC123.js', imports: ['_vue.js'], css: ['assets/index-AbC123.css'] },
        '_vue.js': { file: 'assets/vue-X1.js' },
        'src/app/meetings/MeetingPage.vue': { file: 'assets/MeetingPage-M1.js', imports: ['_vue.js', '_DateCard.js'], css: ['assets/MeetingPage-M1.css'] },
        '_DateCard.js': { file: 'assets/DateCard-D1.js', css: ['assets/DateCard-D1.css'] },
      }),
    )
    app = await buildTestServer(database, { syncRegistry: registry, staticDir })
    const signIn = async (url: string, payload: object) =>
      String((await app.inject({ method: 'POST', url, payload, headers: origin })).headers['set-cookie']).split(';')[0]!
    secretary = await signIn('/api/auth/staff', DEMO_ACCOUNTS.secretary)
    member = await signIn('/api/auth/card', { code: DEMO_ACCOUNTS.memberCard })
    const me = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: secretary } })).json<Me>()
    if (me.kind !== 'person') throw new Error('the secretary is not signed in')
    solbakken = me.staffCouncilIds[0]!
    const pushed = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { ...origin, cookie: secretary },
      payload: {
        clientId: uuidv7(),
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [
          put('meeting', published, meeting(true)),
          put('agenda-item', uuidv7(), item(published, { easyTitle: 'Haven om foråret', easyText: HOSTILE })),
          put('agenda-item', uuidv7(), item(published, { position: 2, closed: true, title: 'Lukket personsag', easyTitle: 'Fru Hansens hjælp', easyText: 'Kun for rådet.' })),
          put('meeting', draft, meeting(false)),
          put('agenda-item', uuidv7(), item(draft, { easyTitle: 'Udkast til punkt' })),
        ],
      },
    })
    expect(pushed.statusCode).toBe(200)
  })

  afterAll(async () => {
    await app?.close()
  })

  it('carries exactly what a signed-out first pull of the council and the council list answers, closed items as their place only', async () => {
    const response = await page(`/moeder/${published}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
    const first = firstPullIn(response.body)
    expect(first).not.toBeNull()
    const scopes = [COUNCILS_SCOPE, councilScope(solbakken)].sort()
    expect(first!.scopes).toEqual(scopes)
    expect(first!.councilId).toBe(solbakken)
    const pulled = await app.inject({ method: 'GET', url: `/api/sync/pull?since=0&scopes=${scopes.join(',')}&protocolVersion=${SYNC_PROTOCOL_VERSION}` })
    expect(pulled.statusCode).toBe(200)
    expect(first!.pull).toEqual(pulled.json<PullResponse>())
    // The public item is there, to the letter; of the closed one only its place, not even its title.
    const items = first!.pull.changes.filter((c) => c.entity === 'agenda-item' && (c.data as AgendaItemData | null)?.meetingId === published)
    expect(items.map((c) => (c.data as AgendaItemData).easyText)).toEqual([HOSTILE, ''])
    expect(items.map((c) => (c.data as AgendaItemData).closed && (c.data as AgendaItemData).title === '')).toEqual([false, true])
    for (const secret of ['Lukket personsag', 'Fru Hansens hjælp', 'Kun for rådet', 'Udkast til punkt']) expect(response.body).not.toContain(secret)
  })

  it('escapes the data so no text in it ends the element, opens a comment or runs', async () => {
    const { body, headers } = await page(`/moeder/${published}`)
    expect(body).not.toContain('</script><script>')
    expect(body).not.toContain('<!-- hør')
    expect(body.match(/<script/g)).toHaveLength(1)
    expect(body).toContain('\\u003c/script>')
    // Still served under the same policy: no inline script may run, and this block is data.
    expect(String(headers['content-security-policy'])).not.toContain('unsafe-inline')
    expect(headers['cache-control']).toBe('no-cache')
    expect(headers.vary).toContain('Cookie')
  })

  it("names the meeting screen's own chunks in the head, so they load beside the entry, for everyone", async () => {
    for (const cookie of [undefined, member]) {
      const { body } = await page(`/moeder/${published}`, cookie)
      const head = body.slice(0, body.indexOf('<div id="app">'))
      expect(head.match(/<link [^>]+>/g)).toEqual([
        '<link rel="modulepreload" crossorigin href="/assets/MeetingPage-M1.js">',
        '<link rel="stylesheet" crossorigin href="/assets/MeetingPage-M1.css">',
        '<link rel="modulepreload" crossorigin href="/assets/DateCard-D1.js">',
        '<link rel="stylesheet" crossorigin href="/assets/DateCard-D1.css">',
      ])
    }
    expect((await page('/moeder')).body).not.toContain('MeetingPage-M1')
  })

  it('brings nothing for a draft, an unknown meeting, another page, or a signed-in device (whose pull differs)', async () => {
    for (const url of [`/moeder/${draft}`, `/moeder/${uuidv7()}`, '/raad', `/moeder/${published}/udskriv`, '/index.html']) {
      const response = await page(url)
      expect(response.statusCode, url).toBe(200)
      expect(firstPullIn(response.body), url).toBeNull()
    }
    for (const cookie of [member, secretary]) {
      for (const url of [`/moeder/${published}`, '/', '/moeder']) {
        const response = await page(url, cookie)
        expect(response.statusCode, url).toBe(200)
        expect(firstPullIn(response.body), url).toBeNull()
      }
    }
  })

  it('the start page, "/" and /moeder, carries what a signed-out first pull of the council list answers, and nothing of any meeting', async () => {
    const pulled = await app.inject({ method: 'GET', url: `/api/sync/pull?since=0&scopes=${COUNCILS_SCOPE}&protocolVersion=${SYNC_PROTOCOL_VERSION}` })
    expect(pulled.statusCode).toBe(200)
    for (const url of ['/', '/moeder']) {
      const response = await page(url)
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type'], url).toContain('text/html')
      expect(response.headers['cache-control'], url).toBe('no-cache')
      expect(response.headers.vary, url).toContain('Cookie')
      const first = firstPullIn(response.body)
      expect(first, url).toEqual({ scopes: [COUNCILS_SCOPE], councilId: null, pull: pulled.json<PullResponse>() })
      expect(first!.pull.changes.some((c) => c.entity === 'council' && (c.data as { name?: string } | null)?.name === 'Brugerrådet på Solbakken'), url).toBe(true)
      expect(first!.pull.changes.filter((c) => c.entity === 'meeting' || c.entity === 'agenda-item'), url).toEqual([])
      // Not the meeting screen's chunks: on the start page they made the first paint later.
      expect(response.body, url).not.toContain('MeetingPage-M1')
    }
    // HEAD answers as GET does, without the data.
    const head = await app.inject({ method: 'HEAD', url: '/' })
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-type']).toContain('text/html')
  })
})
