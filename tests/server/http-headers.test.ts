import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/server/db/database.js'
import { buildTestServer } from './helpers.js'

type App = Awaited<ReturnType<typeof buildTestServer>>

describe('security and caching headers', () => {
  let database: Database
  let app: App
  let behindProxy: App

  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite', dataDir: null })
    app = await buildTestServer(database)
    // Closing either app closes the shared database, so only the last one is closed.
    behindProxy = await buildTestServer({ ...database, close: async () => {} }, { trustProxy: true })
  })
  afterAll(async () => {
    await behindProxy.close()
    await app.close()
  })

  const everyKindOfResponse = ['/moeder', '/api/health', '/api/nope', '/assets/index-AbC123.js', '/sw.js']

  it.each(everyKindOfResponse)('%s carries the security headers', async (url) => {
    const response = await app.inject({ method: 'GET', url })
    const csp = String(response.headers['content-security-policy'])
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    // WebAssembly may be compiled (the QR decoder); JavaScript eval may not.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-inline')
    expect(csp.replace("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval')
    // No third-party origin anywhere: everything is 'self' or a device-local scheme.
    for (const [, values] of directives) {
      for (const value of values) expect(["'self'", "'none'", "'wasm-unsafe-eval'", 'data:', 'blob:']).toContain(value)
    }
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(response.headers['strict-transport-security']).toBeUndefined()
  })

  it('adds HSTS when the client used HTTPS through a trusted proxy', async () => {
    const response = await behindProxy.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/)
  })

  it('does not trust a forwarded protocol from an untrusted client', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })
    expect(response.headers['strict-transport-security']).toBeUndefined()
  })

  it('keeps hashed assets for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it.each(['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/moeder', '/pwa-192x192.png'])(
    'never lets %s go stale in a cache',
    async (url) => {
      const response = await app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(200)
      expect(response.headers['cache-control']).toBe('no-cache')
    },
  )

  it('compresses what it sends', async () => {
    for (const encoding of ['gzip', 'br']) {
      const response = await app.inject({
        method: 'GET',
        url: '/assets/index-AbC123.js',
        headers: { 'accept-encoding': encoding },
      })
      expect(response.headers['content-encoding']).toBe(encoding)
      expect(response.rawPayload.length).toBeLessThan(40_000 / 10)
    }
  })
})
