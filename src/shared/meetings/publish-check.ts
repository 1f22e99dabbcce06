import type { AgendaItemData } from './entities.js'

/** What an item lacks before residents can read it the easy way. */
export type AgendaGap = 'easy-text' | 'picture'

export interface ItemGaps {
  id: string
  /** The title residents would see: the easy title when there is one. */
  title: string
  missing: AgendaGap[]
}

export interface AgendaCheck {
  /** The agenda has no items at all. */
  empty: boolean
  /** Items without an easy-read text or without a picture, in agenda order. */
  items: ItemGaps[]
}

type Item = { id: string; data: Pick<AgendaItemData, 'title' | 'easyTitle' | 'easyText' | 'pictogram' | 'photo'> }

/**
 * Before an agenda goes out: every item should have an easy-read text and a picture (a pictogram
 * or a photo), because that is how residents read it (ACCESSIBILITY.md). The secretary sees
 * what is missing and decides; nothing is blocked, as with the minutes check.
 */
export function checkAgenda(items: readonly Item[]): AgendaCheck {
  return {
    empty: items.length === 0,
    items: items.flatMap((item) => {
      const missing: AgendaGap[] = []
      if (item.data.easyText.trim() === '') missing.push('easy-text')
      if (!item.data.pictogram && !item.data.photo) missing.push('picture')
      return missing.length === 0 ? [] : [{ id: item.id, title: item.data.easyTitle.trim() || item.data.title, missing }]
    }),
  }
}

export function agendaReady(check: AgendaCheck): boolean {
  return !check.empty && check.items.length === 0
}
