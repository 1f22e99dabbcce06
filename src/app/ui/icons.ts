import { shallowRef } from 'vue'
import type { MORE_ICONS } from './more-icons'
import { SHELL_ICONS } from './shell-icons'

export type IconName = keyof typeof SHELL_ICONS | keyof typeof MORE_ICONS
type Paths = Partial<Record<IconName, readonly string[]>>

const shell: Paths = SHELL_ICONS
/** The pictograms beyond the shell's (more-icons.ts) once loaded. */
const more = shallowRef<Paths | null>(null)
let loading: Promise<void> | null = null

/** The app's later start (start-later.ts) fetches them, so later screens draw theirs at once. */
export function preloadIcons(): void {
  loading ??= import('./more-icons').then(
    ({ MORE_ICONS }) => {
      more.value = MORE_ICONS
    },
    (error: unknown) => {
      loading = null
      console.error('pictograms could not be loaded', error)
    },
  )
}

/**
 * The strokes of pictogram `name`. One of the shell's is there from the first render; another is
 * loaded the first time one is drawn (it shows empty for that moment; it is hidden from assistive
 * technology and always stands beside its text). Reactive: read it in a computed.
 */
export function iconPaths(name: IconName): readonly string[] {
  const own = shell[name]
  if (own) return own
  if (!__SERVER_RENDER__) preloadIcons()
  return more.value?.[name] ?? []
}
