import type { RouteLocationRaw } from 'vue-router'

/**
 * How the app names a kind of synced record to a person, and where they can fix one. Features
 * register theirs beside their screens, so the refused-changes screen can say "Punkt på
 * dagsordenen: Maden i huset" and open the right form.
 */
export interface EntityView {
  /** Locale key of the kind's name, e.g. "entities.agendaItem". */
  labelKey: string
  /** May load what it needs first (the refused-changes screen awaits it). */
  title(data: Record<string, unknown>): string | Promise<string>
  /** The form that edits this record; `from` is the refused outbox entry to load and then drop. */
  editRoute?(entityId: string, data: Record<string, unknown>, from: number): RouteLocationRaw
}

const views = new Map<string, EntityView>()
const later: (() => Promise<void>)[] = []
let loading: Promise<void> | null = null

export function registerEntityView(entity: string, view: EntityView): void {
  views.set(entity, view)
}

/**
 * Views a feature registers once `load` has run (a dynamic import, so their entity definitions
 * stay out of the first download). Nothing is loaded until someone awaits entityViewsReady().
 */
export function registerEntityViewsLater(load: () => Promise<void>): void {
  later.push(load)
  loading = null
}

/** Every view registered, those registered later included; await before entityView(). */
export function entityViewsReady(): Promise<void> {
  loading ??= Promise.all(later.map((load) => load())).then(() => undefined)
  return loading
}

export function entityView(entity: string): EntityView | undefined {
  return views.get(entity)
}
