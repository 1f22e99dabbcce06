import { SESSION_STORAGE_KEY } from './session-store'

let act: (() => void) | null = null
let missed = false

/**
 * Another tab of this browser signed in or out (its storage event). Heard from the app's start,
 * before the first render, and acted on by accounts (identity.ts), which starts after the first
 * paint: a change in between is not lost.
 */
export function listenToOtherTabs(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('storage', (event) => {
    if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return
    if (act) act()
    else missed = true
  })
}

export function onOtherTabChange(listener: () => void): void {
  act = listener
  if (!missed) return
  missed = false
  listener()
}
