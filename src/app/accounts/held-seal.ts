import { fromBase64url } from '../../shared/elections/bytes'
import type { LocalMedium, LocalRecord, OutboxEntry } from '../sync/local-db'

/**
 * A person's unsent work as it waits on a device they signed out of: the changes, the records as
 * the device showed them, and the photos and recordings the changes name.
 */
export interface HeldWork {
  entries: { entry: OutboxEntry; record?: LocalRecord }[]
  media: LocalMedium[]
}

/** AES-GCM ciphertext and its nonce, as IndexedDB stores them. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>
  data: ArrayBuffer
}

type MediumHead = Omit<LocalMedium, 'blob'> & { size: number }

const importKey = (holdKey: string, use: KeyUsage) => crypto.subtle.importKey('raw', new Uint8Array(fromBase64url(holdKey)), 'AES-GCM', false, [use])

/** Binds a sealed row to its owner and this format: moved under another owner, it does not open. */
const boundTo = (owner: string) => new TextEncoder().encode(`brugerstemme-held-v1:${owner}`)

/**
 * Seals `work` with the person's hold key (Me.holdKey, which only the server keeps once they have
 * signed out): whoever picks up a shared tablet next finds ciphertext, not what they wrote.
 * Layout before encryption: the header's length (4 bytes), the header as JSON, each medium's bytes.
 */
export async function seal(holdKey: string, owner: string, work: HeldWork): Promise<Sealed> {
  const media: MediumHead[] = work.media.map(({ blob, ...medium }) => ({ ...medium, size: blob.size }))
  const header = new TextEncoder().encode(JSON.stringify({ entries: work.entries, media }))
  const length = new Uint8Array(4)
  new DataView(length.buffer).setUint32(0, header.byteLength)
  const plain = await new Blob([length, header, ...work.media.map((m) => m.blob)]).arrayBuffer()
  const iv = crypto.getRandomValues(new Uint8Array(12))
  return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: boundTo(owner) }, await importKey(holdKey, 'encrypt'), plain) }
}

/** Opens what `seal` made; rejects when the key or the owner is not the one it was sealed with. */
export async function unseal(holdKey: string, owner: string, sealed: Sealed): Promise<HeldWork> {
  const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: boundTo(owner) }, await importKey(holdKey, 'decrypt'), sealed.data))
  const length = new DataView(plain.buffer).getUint32(0)
  // AES-GCM has authenticated it: this is what `seal` wrote, on this device, for this person.
  const header = JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + length))) as { entries: HeldWork['entries']; media: MediumHead[] }
  let offset = 4 + length
  const media = header.media.map(({ size, ...medium }) => {
    const blob = new Blob([plain.slice(offset, offset + size)], { type: medium.type })
    offset += size
    return { ...medium, blob }
  })
  return { entries: header.entries, media }
}
