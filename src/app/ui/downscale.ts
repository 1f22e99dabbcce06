/** What the admin API accepts for a member's photo (see Photo in src/shared/accounts/model.ts). */
const MAX_DATA_URL = 400_000
/** A synced photo is uploaded on its own (see src/shared/sync/media.ts); this keeps it small still. */
const MAX_BLOB_BYTES = 300_000

async function drawScaled(file: Blob, max: number): Promise<HTMLCanvasElement> {
  const bitmap = await createImageBitmap(file)
  try {
    const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(bitmap.width * scale))
    canvas.height = Math.max(1, Math.round(bitmap.height * scale))
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2d canvas')
    // JPEG has no transparency; a white ground keeps transparent PNGs from turning black.
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    return canvas
  } finally {
    bitmap.close()
  }
}

const QUALITIES = [0.85, 0.7, 0.5]

/**
 * Scales a photo down on the device before it is sent: a phone picture of several megabytes
 * becomes a JPEG of at most `max` px on the longest side, so it travels and syncs cheaply and
 * the original never leaves the device.
 */
export async function downscaleToJpeg(file: Blob, max = 512): Promise<string> {
  const canvas = await drawScaled(file, max)
  for (const quality of QUALITIES) {
    const url = canvas.toDataURL('image/jpeg', quality)
    if (url.length <= MAX_DATA_URL) return url
  }
  throw new Error('photo too large')
}

/** The same, as a Blob to keep on the device and upload once. */
export async function downscaleToJpegBlob(file: Blob, max = 800): Promise<Blob> {
  const canvas = await drawScaled(file, max)
  for (const quality of QUALITIES) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality))
    if (blob && blob.size <= MAX_BLOB_BYTES) return blob
  }
  throw new Error('photo too large')
}
