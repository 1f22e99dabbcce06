import { ref } from 'vue'
import { COUNCILS_SCOPE, councilScope } from '../../shared/accounts/names'
import { registerScopes, scopesChanged } from '../sync/sync-service'

const FOLLOWS_KEY = 'brugerstemme.follows.v1'

function storedFollows(): string[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(FOLLOWS_KEY) ?? '[]')
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

/** Councils the person chose to keep on this device ("Gem til offline", kept across visits). */
export const followedCouncils = ref<string[]>(storedFollows())
/** Councils whose page is open right now; followed only while it is open. */
const viewedCouncils = ref<string[]>([])

function followsChanged(): void {
  localStorage.setItem(FOLLOWS_KEY, JSON.stringify(followedCouncils.value))
  scopesChanged()
}

export function followCouncil(id: string): void {
  if (followedCouncils.value.includes(id)) return
  followedCouncils.value = [...followedCouncils.value, id]
  followsChanged()
}

export function unfollowCouncil(id: string): void {
  followedCouncils.value = followedCouncils.value.filter((other) => other !== id)
  followsChanged()
}

/** Follows a council while its page is open; call the returned function when it closes. */
export function viewCouncil(id: string): () => void {
  viewedCouncils.value = [...viewedCouncils.value, id]
  scopesChanged()
  return () => {
    // Two open pages of the same council each hold their own place in the list.
    const at = viewedCouncils.value.indexOf(id)
    if (at >= 0) viewedCouncils.value = viewedCouncils.value.filter((_, i) => i !== at)
  }
}

/** Every device follows the list of councils (so a council page opens offline), and the ones kept or open. */
export function registerCouncilScopes(): void {
  registerScopes(() => [COUNCILS_SCOPE, ...new Set([...followedCouncils.value, ...viewedCouncils.value].map(councilScope))])
}
