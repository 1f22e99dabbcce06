/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Devices create ids while
 * offline, so ids must never collide across devices, and time-ordered ids keep IndexedDB and
 * PostgreSQL indexes compact. Within one millisecond a counter keeps ids from one device ordered.
 */
let lastMs = -1
let sequence = 0

export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  if (now <= lastMs) {
    // Same millisecond, or the clock stepped back: keep counting so ids stay ordered.
    sequence += 1
    if (sequence > 0xfff) {
      lastMs += 1
      sequence = 0
    }
  } else {
    lastMs = now
    sequence = ((bytes[6]! & 0x07) << 8) | bytes[7]!
  }
  const ms = BigInt(lastMs)
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn)
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f)
  bytes[7] = sequence & 0xff
  bytes[8] = 0x80 | (bytes[8]! & 0x3f)
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'

export function isUuidV7(value: string): boolean {
  return new RegExp(UUID_PATTERN).test(value) && value[14] === '7'
}
