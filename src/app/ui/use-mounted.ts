import { onMounted, ref, type Ref } from 'vue'

/**
 * False while the server renders a page and in the app's first render (which takes that page
 * over), true once mounted. A control that does nothing without the app (read-aloud, copying a
 * link) is disabled until then: in a page the server rendered, a tap before the app has arrived
 * would otherwise be lost without a sign.
 */
export function useMounted(): Ref<boolean> {
  const mounted = ref(false)
  onMounted(() => (mounted.value = true))
  return mounted
}
