import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { privacyPreservingSerializers } from '../../src/server/app.js'
import type { Database } from '../../src/server/db/database.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'

type App = Awaited<ReturnType<typeof buildTestServer>>

describe.each(databasesUnderTest())('server foundation on $name', ({ name, open }) => {
  let database: Database
  let app: App

  beforeAll(async () => {
    database = await open()
    app = await buildTestServer(database)
    // A route like the ones later features add, to prove the global body handling on a real route.
    app.post(
      '/api/test/echo',
      {
        schema: {
          body: Type.Object({ text: Type.String({ maxLength: 50 }) }, { additionalProperties: false }),
          response: { 200: Type.Object({ text: Type.String() }) },
        },
      },
      async (request) => request.body as { text: string },
    )
    app.get('/api/test/boom', { schema: { querystring: Type.Object({}), response: { 200: Type.Object({}) } } }, async () => {
      throw new Error('secret detail: password=hunter2')
    })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it('refuses to register an /api route that lacks a schema', async () => {
    const fresh = await buildTestServer({ ...database, close: async () => {} })
    try {
      expect(() => fresh.get('/api/test/unchecked', async () => ({}))).toThrow(
        /GET \/api\/test\/unchecked must declare TypeBox schemas for: response, querystring/,
      )
      expect(() =>
        fresh.post('/api/test/:id', { schema: { response: { 200: Type.Object({}) } } }, async () => ({})),
      ).toThrow(/body, params/)
    } finally {
      await fresh.close()
    }
  })

  it('GET /api/health says ok and names the database', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', db: name })
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('GET /api/openapi.json documents the routes from their schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBe('Brugerstemme API')
    const health = doc.paths['/api/health'].get
    expect(health.responses['200'].content['application/json'].schema.properties.db.anyOf).toHaveLength(2)
    expect(doc.paths['/api/openapi.json']).toBeDefined()
  })

  it('malformed JSON is a 400 with a message, not a stack trace', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      payload: '{"text": "hej',
    })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body).toMatchObject({ statusCode: 400, code: 'invalid_json' })
    expect(body.message).toMatch(/not valid JSON/)
    expect(response.body).not.toMatch(/at .*\.(js|ts):\d+/)
  })

  it('a body that breaks the schema is a 400 naming the field', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/test/echo', headers: { origin: 'http://localhost' }, payload: { text: 42, extra: true } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'invalid_request' })
    expect(response.json().message).toMatch(/text|extra/)
  })

  it('a body over the limit is a 413 with a message', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      payload: JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ statusCode: 413, code: 'body_too_large' })
  })

  it('an unknown /api path is a 404 in JSON', async () => {
    for (const url of ['/api/nothing-here', '/api', '/api/health/extra']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(404)
      expect(response.headers['content-type']).toMatch(/application\/json/)
      expect(response.json()).toMatchObject({ statusCode: 404, code: 'not_found' })
    }
    const post = await app.inject({ method: 'POST', url: '/api/nothing-here', headers: { origin: 'http://localhost' }, payload: {} })
    expect(post.statusCode).toBe(404)
  })

  it('any other unknown path gets the app, so client-side routes work on reload', async () => {
    for (const url of ['/moeder', '/valg/noget/dybt', '/indstillinger?x=1']) {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      expect(response.headers['content-type']).toMatch(/text\/html/)
      expect(response.body).toContain('<div id="app">')
      expect(response.headers['cache-control']).toBe('no-cache')
    }
  })

  it('a missing file is a 404, never the app page in its place', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-Missing.js' })
    expect(response.statusCode).toBe(404)
  })

  it('a server error answers 500 with a generic message and no internals', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/boom' })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toMatchObject({ code: 'internal' })
    expect(response.body).not.toContain('hunter2')
    expect(response.body).not.toContain('secret detail')
  })
})

describe('request logs', () => {
  it('never contain the client address, user agent or query string', async () => {
    const [pglite] = databasesUnderTest()
    const database = await pglite!.open()
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await buildTestServer(database, {
      logger: { level: 'info', stream, serializers: privacyPreservingSerializers },
    })
    await app.inject({
      method: 'GET',
      url: '/api/health?invite=very-secret-token',
      remoteAddress: '192.0.2.77',
      headers: { 'user-agent': 'DistinctiveAgent/1.0', 'x-forwarded-for': '198.51.100.9' },
    })
    await app.close()
    const log = lines.join('\n')
    expect(log).toContain('/api/health')
    expect(log).not.toContain('192.0.2.77')
    expect(log).not.toContain('198.51.100.9')
    expect(log).not.toContain('DistinctiveAgent')
    expect(log).not.toContain('very-secret-token')
  })
})
