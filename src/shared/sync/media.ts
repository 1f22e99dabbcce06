import { Type, type Static } from 'typebox'

/**
 * Photos and recordings never travel inside a record: a record names a medium by the SHA-256 of
 * its bytes, and the medium itself is uploaded once (PUT /api/media/<sha256>) and fetched on its
 * own. Moving an agenda item or fixing a typo then resends a few hundred bytes, not a recording.
 */
export const SHA256_PATTERN = '^[0-9a-f]{64}$'

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4', 'audio/mpeg', 'audio/wav'] as const
export type MediaType = (typeof IMAGE_TYPES)[number] | (typeof AUDIO_TYPES)[number]

/** A photo is scaled down on the device first; this leaves room for a large PNG drawing. */
export const MAX_IMAGE_BYTES = 1024 * 1024
/** About eight minutes of speech at 32 kbit/s: a voice contribution, not only a short read-aloud. */
export const MAX_AUDIO_BYTES = 2 * 1024 * 1024

const ref = <T extends readonly string[]>(types: T, maxBytes: number, description: string) =>
  Type.Object(
    {
      sha256: Type.String({ pattern: SHA256_PATTERN }),
      type: Type.Enum(types),
      bytes: Type.Integer({ minimum: 1, maximum: maxBytes }),
    },
    { additionalProperties: false, description },
  )

export const ImageRef = ref(IMAGE_TYPES, MAX_IMAGE_BYTES, 'A photo, uploaded on its own and named by its SHA-256.')
export type ImageRef = Static<typeof ImageRef>
export const AudioRef = ref(AUDIO_TYPES, MAX_AUDIO_BYTES, 'A recording, uploaded on its own and named by its SHA-256.')
export type AudioRef = Static<typeof AudioRef>
export type MediaRef = ImageRef | AudioRef

export function isMediaType(type: string): type is MediaType {
  return (IMAGE_TYPES as readonly string[]).includes(type) || (AUDIO_TYPES as readonly string[]).includes(type)
}

export function maxBytesOf(type: MediaType): number {
  return type.startsWith('image/') ? MAX_IMAGE_BYTES : MAX_AUDIO_BYTES
}

const SHA256 = new RegExp(SHA256_PATTERN)

function isMediaRef(value: unknown): value is MediaRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return typeof v.sha256 === 'string' && SHA256.test(v.sha256) && typeof v.type === 'string' && isMediaType(v.type) && typeof v.bytes === 'number'
}

/**
 * Every medium a record or a patch names, wherever it sits (a field, a list of attachments).
 * Records are validated to a bounded depth before this runs, and it stops at that depth too.
 */
export function mediaRefsIn(value: unknown, depth = 0): MediaRef[] {
  if (depth > 32 || typeof value !== 'object' || value === null) return []
  if (isMediaRef(value)) return [value]
  const children = Array.isArray(value) ? value : Object.values(value)
  return children.flatMap((child) => mediaRefsIn(child, depth + 1))
}
