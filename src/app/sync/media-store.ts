import { isMediaType, mediaRefsIn, type MediaRef } from '../../shared/sync/media.js'
import type { LocalDb, LocalRecord, OutboxEntry } from './local-db.js'

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The media type without parameters ("audio/webm;codecs=opus" is stored as "audio/webm"). */
export function baseType(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase()
}

/**
 * Keeps a photo or recording on the device and returns the reference a record carries. Stored
 * before the record that names it, so the outbox can upload it first, also after a restart.
 */
export async function storeMedium(db: LocalDb, blob: Blob): Promise<MediaRef> {
  const type = baseType(blob.type)
  if (!isMediaType(type)) throw new Error(`Not a photo or recording this app keeps: ${blob.type || 'no type'}.`)
  const sha256 = await sha256Hex(blob)
  const existing = await db.media.get(sha256)
  if (!existing) await db.media.put({ sha256, type, bytes: blob.size, blob: new Blob([blob], { type }), uploaded: 0 })
  return { sha256, type, bytes: blob.size } as MediaRef
}

/** The media a list of outbox entries names that the server does not have from this device yet. */
export async function mediaToUpload(db: LocalDb, entries: OutboxEntry[]): Promise<{ sha256: string; type: string; blob: Blob }[]> {
  const shas = [...new Set(entries.flatMap((e) => mediaRefsIn(e.patch).map((r) => r.sha256)))]
  const local = await db.media.bulkGet(shas)
  return local.filter((m): m is NonNullable<typeof m> => m !== undefined && m.uploaded === 0)
}

/** Media named by records of followed scopes that this device does not have yet. */
export async function missingMedia(db: LocalDb, limit: number): Promise<MediaRef[]> {
  const refs = new Map<string, MediaRef>()
  await db.records.each((record: LocalRecord) => {
    for (const ref of mediaRefsIn(record.data)) refs.set(ref.sha256, ref)
  })
  const shas = [...refs.keys()]
  const have = await db.media.bulkGet(shas)
  return shas.filter((_, i) => have[i] === undefined).slice(0, limit).map((sha) => refs.get(sha)!)
}

/**
 * Media no record, unsent change or held change names any more. Run inside a transaction over
 * records, outbox, held and media; returns how many were removed.
 */
export async function removeUnusedMedia(db: LocalDb): Promise<number> {
  const used = new Set<string>()
  await db.records.each((r) => mediaRefsIn(r.data).forEach((ref) => used.add(ref.sha256)))
  await db.outbox.each((e) => mediaRefsIn(e.patch).forEach((ref) => used.add(ref.sha256)))
  // Sealed work carries its own media (accounts/held-seal.ts).
  await db.held.each((h) => 'entry' in h && mediaRefsIn(h.entry.patch).forEach((ref) => used.add(ref.sha256)))
  const unused = (await db.media.toCollection().primaryKeys()).filter((sha) => !used.has(sha))
  await db.media.bulkDelete(unused)
  return unused.length
}

const LEGACY_MEDIA = /^data:(image|audio)\/[a-z0-9.+-]+(;[^,]*)?;base64,/

/**
 * Unsent changes written by an app from before media left the records still carry photos and
 * recordings as data: URLs. They become media on the device and references in the change, so
 * they are sent as the server now takes them instead of being refused. Returns how many changed.
 */
export async function convertLegacyMedia(db: LocalDb): Promise<number> {
  const convert = async (patch: Record<string, unknown>): Promise<Record<string, unknown> | null> => {
    let changed = false
    const next = { ...patch }
    for (const [field, value] of Object.entries(patch)) {
      if (typeof value !== 'string' || !LEGACY_MEDIA.test(value)) continue
      next[field] = await storeMedium(db, await (await fetch(value)).blob())
      changed = true
    }
    return changed ? next : null
  }
  let count = 0
  for (const entry of await db.outbox.toArray()) {
    const patch = await convert(entry.patch)
    if (patch) {
      await db.outbox.update(entry.seq!, { patch })
      count++
    }
  }
  for (const held of await db.held.toArray()) {
    // Sealed work was written by an app that already had media, never with data: URLs.
    if (!('entry' in held)) continue
    const patch = await convert(held.entry.patch)
    if (patch) {
      await db.held.update(held.seq!, (row) => {
        if ('entry' in row) row.entry = { ...row.entry, patch }
      })
      count++
    }
  }
  return count
}
