/** What the API accepts for a photo (see Photo in src/shared/accounts/model.ts). */
const MAX_DATA_URL = 400_000

/**
 * Scales a photo down on the device before it is sent: a phone picture of several megabytes
 * becomes a JPEG of at most `max` px on the longest side, so it travels and syncs cheaply and
 * the original never leaves the device.
 */
export async function downscaleToJpeg(file: Blob, max = 512): Promise<string> {
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
    for (const quality of [0.85, 0.7, 0.5]) {
      const url = canvas.toDataURL('image/jpeg', quality)
      if (url.length <= MAX_DATA_URL) return url
    }
    throw new Error('photo too large')
  } finally {
    bitmap.close()
  }
}
