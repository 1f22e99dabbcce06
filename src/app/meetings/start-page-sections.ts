import { computed } from 'vue'
import { useSessionStore } from '../accounts/session-store'
import { lazySection } from '../ui/lazy-section'

/** A signed-in person's own councils, at the top of the start page. */
export const myCouncilsSection = lazySection(() => import('./MyCouncils.vue'))
/** Staff start a meeting from the start page. */
export const staffToolsSection = lazySection(() => import('./StaffMeetingTools.vue'))

/** Which of the start page's sections the signed-in person sees, by the councils they are in. */
export function useStartPageSections() {
  const session = useSessionStore()
  const staffCouncilIds = computed(() => session.person?.staffCouncilIds ?? [])
  const ownCouncilIds = computed(() => {
    const person = session.person
    return person ? [...new Set([...person.councilIds, ...person.staffCouncilIds])] : []
  })
  return { staffCouncilIds, ownCouncilIds }
}

/**
 * The start page's route guard: the sections this person sees are fetched before the page shows,
 * so they are in its first render instead of pushing the meetings down a moment later (a tap
 * meant for a meeting would land on something else). A section that cannot be fetched (offline
 * before the service worker had it) does not hold the page back: it comes when it can.
 */
export async function loadStartPageSections({ staffCouncilIds, ownCouncilIds } = useStartPageSections()): Promise<void> {
  const needed = [...(ownCouncilIds.value.length > 0 ? [myCouncilsSection] : []), ...(staffCouncilIds.value.length > 0 ? [staffToolsSection] : [])]
  await Promise.all(needed.map((section) => section.load().catch((error: unknown) => console.error('a part of the start page could not be fetched yet', error))))
}
