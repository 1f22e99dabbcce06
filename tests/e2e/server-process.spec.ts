import { existsSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { startOwnServer, tempDir } from './own-server.js'

test.describe('the server process', () => {
  test('prints its address, seeds an empty database once, and stops cleanly on SIGTERM and SIGINT', async ({ request }) => {
    const dataDir = tempDir('process-data')
    const first = await startOwnServer({ DATA_DIR: dataDir })
    expect(first.output()).toContain('demo data loaded')
    expect(first.output()).toContain(`PGlite in ${dataDir}`)
    const health = await request.get(`${first.url}/api/health`)
    expect(await health.json()).toEqual({ status: 'ok', db: 'pglite' })
    expect(existsSync(path.join(dataDir, 'server.pid'))).toBe(true)
    expect(await first.stop('SIGTERM')).toBe(0)
    expect(existsSync(path.join(dataDir, 'server.pid'))).toBe(false)

    // The same folder opens again: the database was closed cleanly, and the demo is not re-seeded.
    const second = await startOwnServer({ DATA_DIR: dataDir })
    expect(second.output()).not.toContain('demo data loaded')
    expect((await request.get(`${second.url}/api/health`)).ok()).toBe(true)
    expect(await second.stop('SIGINT')).toBe(0)
  })

  test('a socket that never sends a request (a browser preconnect) does not hold up shutdown', async () => {
    const server = await startOwnServer({ DATA_DIR: tempDir('preconnect-data') })
    const { port } = new URL(server.url)
    const socket = net.connect(Number(port), 'localhost')
    await new Promise((resolve) => socket.once('connect', resolve))
    // Without closing such sockets the server waits for them and then gives up with exit code 1.
    expect(await server.stop('SIGTERM')).toBe(0)
    socket.destroy()
  })

  test('refuses to start a second server on the same PGlite folder, with a message', async () => {
    const dataDir = tempDir('locked-data')
    const first = await startOwnServer({ DATA_DIR: dataDir })
    try {
      const second = startOwnServer({ DATA_DIR: dataDir })
      await expect(second).rejects.toThrow(/Another Brugerstemme server .* is using/)
      expect((await fetch(`${first.url}/api/health`)).ok).toBe(true)
    } finally {
      await first.stop()
    }
  })

  test('refuses a PORT that is not a port, with a message naming it', async () => {
    const failing = startOwnServer({ PORT: 'eighty', DATA_DIR: tempDir('bad-port') })
    await expect(failing).rejects.toThrow(/PORT must be a whole number/)
  })
})
