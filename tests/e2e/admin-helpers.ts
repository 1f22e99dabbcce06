import { deflateSync } from 'node:zlib'
import { expect, type Page } from '@playwright/test'

export const ADMIN = { email: 'admin@demo.brugerstemme.dk', password: 'demo-admin-kodeord' }
export const SECRETARY = { email: 'sekretaer@demo.brugerstemme.dk', password: 'demo-sekretaer-kodeord' }
export const MEMBER_CARD = 'KAFE-HAVE-TUR4'

interface Me {
  kind: string
  staffCouncilIds?: string[]
}

/**
 * Signs the browser in with the same API call the sign-in screen makes (that screen has its own
 * tests), and remembers the answer the way the app does, so the next screen knows who it is.
 * Made from a page of the server's, not of the app: an app running in the tab would see its
 * session change under it, as when another tab signs in, and load itself again.
 */
async function signIn(page: Page, path: string, body: unknown): Promise<Me> {
  await page.goto('/api/health')
  const me = await page.evaluate(
    async ({ path, body }) => {
      const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const me = (await response.json()) as Me
      if (response.ok) localStorage.setItem('brugerstemme.session.v1', JSON.stringify(me))
      return me
    },
    { path, body },
  )
  expect(me.kind, `sign-in at ${path}`).toBe('person')
  await page.goto('/hjaelp')
  return me
}

export const signInAsStaff = (page: Page, who: { email: string; password: string }) => signIn(page, '/api/auth/staff', who)
export const signInWithCard = (page: Page, code: string) => signIn(page, '/api/auth/card', { code })

/** The id of a council, found the way a visitor finds it: from the list of councils. */
export async function councilIdByName(page: Page, name: string): Promise<string> {
  await page.goto('/raad')
  await page.getByRole('link', { name }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  return new URL(page.url()).pathname.split('/').at(-1)!
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A plain RGB PNG of the given size (a two-colour gradient), made here so no test file is needed. */
export function pngOf(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) rows.set([Math.round((255 * x) / width), 90, Math.round((255 * y) / height)], row + 1 + x * 3)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
