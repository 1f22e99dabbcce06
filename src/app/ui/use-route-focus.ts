import { nextTick, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'

/**
 * After a client-side navigation a screen reader would otherwise stay on the link that was
 * pressed. Moving focus to the new page's h1 announces the page, as a full page load would.
 * The first page (resolved before mount) is left alone so the skip link stays the first thing a
 * keyboard reaches.
 */
export function useRouteFocusAndTitle(): void {
  if (__SERVER_RENDER__) return
  const route = useRoute()
  const { t } = useI18n()

  watch(
    () => [route.meta.titleKey, t('app.titleSuffix')] as const,
    ([titleKey, suffix]) => {
      document.title = titleKey ? `${t(titleKey)} – ${suffix}` : suffix
    },
    { immediate: true },
  )

  watch(
    () => route.fullPath,
    async () => {
      await nextTick()
      // Lazy pages render after the route resolves; wait a frame for their h1.
      await new Promise((resolve) => requestAnimationFrame(resolve))
      document.querySelector<HTMLElement>('main h1')?.focus()
    },
  )
}
