import { liveQuery } from 'dexie'
import { AgendaItem } from '../../shared/meetings/entities'
import type { LocalDb } from '../sync/local-db'

/**
 * The service worker answers /pictograms/ from this cache (see vite.config.ts). The whole set is
 * about 240 pictures, 1 MB: a first visit no longer downloads all of them, only those the agenda
 * items on this device use, so a followed council's meetings read offline with their pictures.
 */
export const PICTOGRAM_CACHE = 'pictograms'

const urlOf = (id: string) => `/pictograms/${id}.svg`

async function cacheMissing(ids: string[]): Promise<void> {
  const cache = await caches.open(PICTOGRAM_CACHE)
  for (const id of ids) {
    if (await cache.match(urlOf(id))) continue
    // Offline or a picture that is gone: tried again the next time the items change.
    await cache.add(urlOf(id)).catch(() => undefined)
  }
}

/** Keeps the pictures of every agenda item on the device in the cache; returns the stop function. */
export function keepPictogramsOnDevice(db: LocalDb): () => void {
  if (typeof caches === 'undefined') return () => undefined
  const subscription = liveQuery(async () => {
    const ids = new Set<string>()
    await db.records
      .where('entity')
      .equals(AgendaItem.name)
      .each((record) => {
        // The schema allows only [a-z0-9-] ids, so an id is always a safe file name.
        const id = record.data.pictogram
        if (typeof id === 'string') ids.add(id)
      })
    return [...ids].sort()
  }).subscribe({
    next: (ids) => void cacheMissing(ids),
    error: (error: unknown) => console.error('pictograms could not be kept on the device', error),
  })
  return () => subscription.unsubscribe()
}
