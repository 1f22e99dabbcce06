import { computed, onScopeDispose, provide, watch, type Ref } from 'vue'
import { api } from '../api'
import { viewCouncil } from '../councils/follows'
import { READ_ALOUD } from '../meetings/read-aloud-key'
import { useMeetingView } from '../meetings/use-meetings'
import { useReadAloud } from '../ui/use-read-aloud'
import { useLiveState } from './use-live'

/**
 * A live screen's meeting, its items and its live state. The device follows the meeting's council
 * while the screen is open (pokes and pulls for it), also when it was opened from a shared link.
 */
export function useFollowMeeting(id: Ref<string>) {
  provide(READ_ALOUD, useReadAloud())
  const view = useMeetingView(id)
  const state = useLiveState(id, view.councilId)
  let release: (() => void) | null = null
  watch(
    view.councilId,
    (councilId) => {
      release?.()
      release = councilId ? viewCouncil(councilId) : null
    },
    { immediate: true },
  )
  watch(view.meeting, async (meeting) => {
    if (meeting !== null || release) return
    try {
      const { councilId } = await api<{ councilId: string }>('GET', `/api/meetings/${id.value}/council`)
      release = viewCouncil(councilId)
    } catch {
      // Offline or unknown: the page says the meeting is not on this device.
    }
  })
  onScopeDispose(() => release?.())
  const itemIds = computed(() => view.items.value.map((i) => i.id))
  return { ...view, state, itemIds }
}
