import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { writeCompressedCopies } from '../../scripts/vite-precompress.js'
import { PERMISSIONS_POLICY } from '../../src/server/http/security-headers.js'
import { buildTestServer, makeStaticFixture, openMigratedPglite } from './helpers.js'

/** Writes raw bytes and reads until the server closes the connection (or 10 s pass). */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text))
    let received = ''
    const timer = setTimeout(() => socket.destroy(), 10_000)
    socket.on('data', (chunk) => (received += chunk.toString('latin1')))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(received)
    })
  })
}

type App = Awaited<ReturnType<typeof buildTestServer>>

describe('security and caching headers', () => {
  let database: Database
  let app: App
  let behindProxy: App

  beforeAll(async () => {
    database = await openMigratedPglite()
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
    expect(response.headers['permissions-policy']).toBe(PERMISSIONS_POLICY)
  })

  it('allows the camera and microphone for this origin only, and nothing else powerful', () => {
    const features = new Map(PERMISSIONS_POLICY.split(', ').map((entry) => entry.split('=') as [string, string]))
    expect(features.get('camera')).toBe('(self)')
    expect(features.get('microphone')).toBe('(self)')
    expect(features.get('geolocation')).toBe('()')
    expect([...features.values()].filter((v) => v !== '()')).toEqual(['(self)', '(self)'])
  })

  it('answers a URL it cannot decode with the security headers and without echoing it', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/councils/%E0%A4%A/calendar.ics' })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('bad_url')
    expect(response.body).not.toContain('%E0')
    expect(response.body).not.toContain('calendar')
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(response.headers['permissions-policy']).toBe(PERMISSIONS_POLICY)
  })

  it('answers headers too large with 431, the security headers and no echo, over a real socket', async () => {
    const server = await buildTestServer({ ...database, close: async () => {} })
    await server.listen({ port: 0, host: '127.0.0.1' })
    const { port } = server.server.address() as AddressInfo
    const marker = 'x'.repeat(20_000)
    const raw = await rawExchange(port, `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${marker}\r\n\r\n`)
    await server.close()
    expect(raw).toMatch(/^HTTP\/1\.1 431 /)
    expect(raw.toLowerCase()).toContain('content-security-policy:')
    expect(raw.toLowerCase()).toContain('permissions-policy:')
    expect(raw).not.toContain('xxxxxxxx')
  })

  it('closes a request that stops sending its body after a bounded time', async () => {
    const server = await buildTestServer({ ...database, close: async () => {} }, { connectionIdleMs: 300 })
    await server.listen({ port: 0, host: '127.0.0.1' })
    const { port } = server.server.address() as AddressInfo
    const started = Date.now()
    const raw = await rawExchange(
      port,
      'POST /api/auth/card HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"code":',
    )
    const took = Date.now() - started
    await server.close()
    expect(took).toBeLessThan(5000)
    expect(raw).not.toMatch(/^HTTP\/1\.1 200/)
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

  it("sends the build's compressed copies of a file as they are, and the file itself to a client that takes neither", async () => {
    const staticDir = makeStaticFixture()
    const file = path.join(staticDir, 'assets', 'route-Pre123.js')
    const content = Buffer.from('export const greeting = "Velkommen til mødet";\n'.repeat(400))
    writeFileSync(file, content)
    const tiny = path.join(staticDir, 'assets', 'tiny-Pre123.js')
    writeFileSync(tiny, 'export const x = 1\n')
    await Promise.all([writeCompressedCopies(file), writeCompressedCopies(tiny)])
    // Below the server's compression threshold a copy would save nothing worth a file.
    expect(existsSync(`${tiny}.br`) || existsSync(`${tiny}.gz`)).toBe(false)
    const precompressed = await buildTestServer({ ...database, close: async () => {} }, { staticDir })
    try {
      const get = (encoding?: string) =>
        precompressed.inject({ method: 'GET', url: '/assets/route-Pre123.js', headers: encoding ? { 'accept-encoding': encoding } : {} })
      const br = await get('gzip, deflate, br')
      expect(br.statusCode).toBe(200)
      expect(br.headers['content-encoding']).toBe('br')
      expect(br.headers['content-type']).toMatch(/javascript/)
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i)
      // The very bytes of the .br file (made once at quality 11), not a copy compressed again.
      expect(br.rawPayload.equals(readFileSync(`${file}.br`))).toBe(true)
      expect(brotliDecompressSync(br.rawPayload).equals(content)).toBe(true)
      const gz = await get('gzip')
      expect(gz.headers['content-encoding']).toBe('gzip')
      expect(gz.rawPayload.equals(readFileSync(`${file}.gz`))).toBe(true)
      expect(gunzipSync(gz.rawPayload).equals(content)).toBe(true)
      const plain = await get()
      expect(plain.headers['content-encoding'] ?? 'identity').toBe('identity')
      expect(plain.rawPayload.equals(content)).toBe(true)
    } finally {
      await precompressed.close()
    }
  })

  it('sends an asset or pictogram only by its exact name, finds one deployed after the start, and not one removed', async () => {
    const staticDir = makeStaticFixture()
    const served = await buildTestServer({ ...database, close: async () => {} }, { staticDir })
    try {
      const get = (name: string) => served.inject({ method: 'GET', url: `/assets/${name}` })
      expect((await get('index-AbC123.js')).statusCode).toBe(200)
      // Another spelling of the same name, and names that try to leave the folder.
      for (const name of ['INDEX-AbC123.js', 'index-abc123.js', '..%2Findex.html', '%2e%2e%2Findex.html']) {
        expect((await get(name)).statusCode, name).toBe(404)
      }
      // A NUL is refused before any route (src/server/http/hostile-input.ts).
      expect((await get('index-AbC123.js%00')).statusCode).toBe(400)
      expect((await get('..%2Findex.html')).body).not.toContain('<div id="app">')
      // A new build copied in place while the server runs: its new names are found at once.
      writeFileSync(path.join(staticDir, 'assets', 'route-New456.js'), 'export const later = true\n')
      const later = await get('route-New456.js')
      expect(later.statusCode).toBe(200)
      expect(later.body).toContain('later = true')
      expect(later.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      // A file removed since it was listed is not sent from the listing.
      rmSync(path.join(staticDir, 'assets', 'index-AbC123.js'))
      expect((await get('index-AbC123.js')).statusCode).toBe(404)
      // Deeper paths are still the static plugin's, with its own checks.
      expect((await served.inject({ method: 'GET', url: '/assets/nested/x.js' })).statusCode).toBe(404)
      // The pictograms the same way; they are not hashed, so they are never kept as immutable.
      expect((await served.inject({ method: 'GET', url: '/pictograms/kaffe.svg' })).statusCode).toBe(404)
      mkdirSync(path.join(staticDir, 'pictograms'))
      writeFileSync(path.join(staticDir, 'pictograms', 'kaffe.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
      const pictogram = await served.inject({ method: 'GET', url: '/pictograms/kaffe.svg' })
      expect(pictogram.statusCode).toBe(200)
      expect(pictogram.headers['content-type']).toMatch(/svg/)
      expect(pictogram.headers['cache-control']).toBe('no-cache')
      expect((await served.inject({ method: 'GET', url: '/pictograms/KAFFE.svg' })).statusCode).toBe(404)
    } finally {
      await served.close()
    }
  })
})
