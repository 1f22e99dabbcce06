import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { api, ApiError } from '../api'
import { followedCouncils, viewCouncil } from '../councils/follows'

export type MeetingLookup = 'idle' | 'looking' | 'missing' | 'offline'

/**
 * A meeting's page opened on a device that does not have the meeting (a link shared by text
 * message, to the meeting or straight to its print view): ask the server which council it is, and
 * follow that council while the page is open. The meeting's council also stays in sync while the
 * page is open when the device does not follow it (the meeting may have come with the page's HTML,
 * first-pull.ts, rather than by a lookup). `meeting` is undefined while the device is still
 * reading, null when it does not have the meeting.
 */
export function useMeetingLookup(id: Ref<string>, meeting: Ref<{ data: { councilId: string } } | null | undefined>) {
  const lookup = ref<MeetingLookup>('idle')
  let release: (() => void) | null = null
  async function findCouncil(): Promise<void> {
    lookup.value = 'looking'
    try {
      const { councilId: found } = await api<{ councilId: string }>('GET', `/api/meetings/${id.value}/council`)
      release?.()
      release = viewCouncil(found)
    } catch (error) {
      lookup.value = error instanceof ApiError && error.offline ? 'offline' : 'missing'
    }
  }
  let viewing: (() => void) | null = null
  // Not while the server renders the page: it follows nothing, and nothing would end it there.
  if (!__SERVER_RENDER__) {
    // At once too: a first page mounted with its data read beforehand starts at null when the
    // device does not have the meeting (a relative who opened the app before, following another council).
    watch(
      meeting,
      (value) => {
        if (value === null && lookup.value === 'idle') void findCouncil()
      },
      { immediate: true },
    )
    watch(
      () => meeting.value?.data.councilId,
      (councilId) => {
        viewing?.()
        viewing = councilId && !followedCouncils.value.includes(councilId) ? viewCouncil(councilId) : null
      },
      { immediate: true },
    )
  }
  onScopeDispose(() => {
    release?.()
    viewing?.()
  })
  return { lookup, findCouncil }
}
