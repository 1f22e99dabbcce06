import { liveQuery, type Subscription } from 'dexie'
import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue'
import type { MediaRef } from '../../shared/sync/media'
import { useSync } from '../sync/sync-service'

/**
 * An object URL for a photo or recording a record names, from the device's own copy. When the
 * device does not have it yet it is fetched once and shows up by itself; the URL is revoked
 * when the medium changes or the component goes, so no bytes stay behind in memory.
 */
export function useMediaUrl(source: () => MediaRef | null | undefined): ShallowRef<string | null> {
  const url = shallowRef<string | null>(null)
  // Photos and recordings are read from the device's own copy; a page the server renders shows
  // them once the app runs, as the device's first render does.
  if (__SERVER_RENDER__) return url
  const { db, runner } = useSync()
  let subscription: Subscription | undefined

  const show = (blob: Blob | null) => {
    if (url.value) URL.revokeObjectURL(url.value)
    url.value = blob ? URL.createObjectURL(blob) : null
  }

  watch(
    () => source()?.sha256,
    (sha256) => {
      subscription?.unsubscribe()
      show(null)
      const ref = source()
      if (!sha256 || !ref) return
      subscription = liveQuery(() => db.media.get(sha256)).subscribe({
        next: (medium) => {
          if (medium) show(medium.blob)
          else void runner.then(({ engine }) => engine.fetchMedium(ref))
        },
        error: (error: unknown) => console.error('medium could not be read', error),
      })
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    subscription?.unsubscribe()
    show(null)
  })
  return url
}
