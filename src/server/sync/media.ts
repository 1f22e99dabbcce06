import { createHash } from 'node:crypto'
import { and, arrayOverlaps, eq, lt, notExists, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { isMediaType, maxBytesOf, mediaRefsIn, SHA256_PATTERN, type ImageRef, type MediaType } from '../../shared/sync/media.js'
import { ErrorResponse } from '../../shared/system/health.js'
import type { Db } from '../db/database.js'
import { media, mediaRefs, syncRecords } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { viewFor } from './pull.js'
import type { SyncRegistry } from './registry.js'
import type { Tx } from './server-write.js'
import { typed } from '../http/typed-app.js'

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** The first bytes each accepted type starts with, so nothing else is ever served as a picture or sound. */
function looksLike(type: MediaType, b: Buffer): boolean {
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1')
  switch (type) {
    case 'image/jpeg':
      return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff
    case 'image/png':
      return b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    case 'image/webp':
      return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP'
    case 'audio/webm':
      return b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))
    case 'audio/ogg':
      return ascii(0, 4) === 'OggS'
    case 'audio/mp4':
      return ascii(4, 8) === 'ftyp'
    case 'audio/mpeg':
      return ascii(0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)
    case 'audio/wav':
      return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE'
  }
}

export class MediaError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Checks and stores a medium once; storing the same bytes again changes nothing. */
export async function storeMedium(tx: Tx | Db, bytes: Buffer, rawType: string): Promise<{ sha256: string; type: MediaType; bytes: number; created: boolean }> {
  const type = rawType.split(';')[0]!.trim().toLowerCase()
  if (!isMediaType(type)) throw new MediaError(415, 'unsupported_media_type', 'Only JPEG, PNG or WebP photos and WebM, Ogg, MP4, MP3 or WAV recordings are taken.')
  if (bytes.length === 0) throw new MediaError(400, 'empty_media', 'The file is empty. Take the photo or recording again.')
  if (bytes.length > maxBytesOf(type)) throw new MediaError(413, 'media_too_large', `The file is larger than ${maxBytesOf(type)} bytes. Use a smaller photo or a shorter recording.`)
  if (!looksLike(type, bytes)) throw new MediaError(415, 'media_type_mismatch', `The file is not a ${type} file.`)
  const sha256 = sha256Hex(bytes)
  const inserted = await tx.insert(media).values({ sha256, type, bytes: bytes.length, data: bytes }).onConflictDoNothing().returning({ sha256: media.sha256 })
  return { sha256, type, bytes: bytes.length, created: inserted.length > 0 }
}

/** For photos that reach the server as a data: URL (the admin pages): stored as a medium, named by reference. */
export async function storeImageDataUrl(tx: Tx, dataUrl: string): Promise<ImageRef> {
  const match = /^data:([a-z/+.-]+)(?:;[^,]*)?;base64,(.*)$/s.exec(dataUrl)
  if (!match) throw new MediaError(400, 'invalid_photo', 'The photo is not a base64 data: URL.')
  const stored = await storeMedium(tx, Buffer.from(match[2]!, 'base64'), match[1]!)
  if (!stored.type.startsWith('image/')) throw new MediaError(415, 'unsupported_media_type', 'A photo must be a JPEG, PNG or WebP image.')
  return { sha256: stored.sha256, type: stored.type as ImageRef['type'], bytes: stored.bytes }
}

/** Media no record names any more, older than a day (an upload waits that long for its record). */
export async function removeUnusedMedia(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 86_400_000)
  const removed = await db
    .delete(media)
    .where(and(lt(media.createdAt, cutoff), notExists(db.select({ one: sql`1` }).from(mediaRefs).where(eq(mediaRefs.sha256, media.sha256)))))
    .returning({ sha256: media.sha256 })
  return removed.length
}

const Params = Type.Object({ sha256: Type.String({ pattern: SHA256_PATTERN }) })
const Stored = Type.Object(
  { sha256: Type.String(), type: Type.String(), bytes: Type.Integer(), created: Type.Boolean() },
  { additionalProperties: false, title: 'StoredMedium' },
)

export function registerMediaRoutes(parent: FastifyInstance, deps: { db: Db; registry: SyncRegistry }): void {
  const app = typed(parent)
  app.addContentTypeParser(/^(image|audio)\//, { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 + 1 }, (_request, body, done) => done(null, body))

  app.put(
    '/api/media/:sha256',
    {
      schema: {
        summary: 'Upload a photo or recording once, named by the SHA-256 of its bytes (idempotent)',
        tags: ['sync'],
        params: Params,
        body: Type.Unsafe<Buffer>({ description: 'The raw bytes, with the Content-Type of the medium.' }),
        response: { 200: Stored, 400: ErrorResponse, 401: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params
      if (request.actor.kind !== 'person') return sendError(reply, 401, 'not_signed_in', 'Sign in to upload photos or recordings.')
      if (!Buffer.isBuffer(request.body)) return sendError(reply, 415, 'unsupported_media_type', 'Send the raw bytes with an image/… or audio/… Content-Type.')
      if (sha256Hex(request.body) !== sha256) return sendError(reply, 400, 'hash_mismatch', 'The bytes do not match the SHA-256 in the address. Send the file again.')
      try {
        return await storeMedium(deps.db, request.body, request.headers['content-type'] ?? '')
      } catch (error) {
        if (error instanceof MediaError) return sendError(reply, error.status, error.code, error.message)
        throw error
      }
    },
  )

  app.get(
    '/api/media/:sha256',
    {
      schema: {
        summary: 'A photo or recording, for callers who may read a record that names it',
        tags: ['sync'],
        params: Params,
        querystring: Type.Object({}),
        response: { 200: Type.Unsafe<Buffer>({ description: 'The bytes' }), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params
      const principals = await deps.registry.principalsOf(deps.db, request.actor)
      const naming = await deps.db
        .select({ entity: syncRecords.entity, audience: syncRecords.audience, data: syncRecords.data })
        .from(mediaRefs)
        .innerJoin(syncRecords, and(eq(syncRecords.entity, mediaRefs.entity), eq(syncRecords.id, mediaRefs.recordId)))
        .where(and(eq(mediaRefs.sha256, sha256), arrayOverlaps(syncRecords.audience, principals)))
      // Only a record as this caller sees it counts: a closed item's public view names no photo.
      const seen = naming.some((record) => {
        const view = viewFor(record, principals, deps.registry.get(record.entity)?.policy.publicView)
        return view !== null && mediaRefsIn(view).some((ref) => ref.sha256 === sha256)
      })
      const [row] = seen ? await deps.db.select({ type: media.type, data: media.data }).from(media).where(eq(media.sha256, sha256)) : []
      // Missing and not yours look the same: the answer never tells that a private photo exists.
      if (!row) return sendError(reply, 404, 'no_such_media', 'There is no such photo or recording, or it is not yours to see.')
      // Not kept in the browser's HTTP cache (the /api default, no-store): on a shared tablet the
      // app keeps media in IndexedDB, which is wiped when the person leaves; that cache is not.
      return reply.header('content-type', row.type).header('content-security-policy', "default-src 'none'; sandbox").send(row.data)
    },
  )
}
