import type { AgendaItemData } from './entities.js'

/**
 * The decision as a handout prints it: in easy words when the secretary has written them, and
 * otherwise in the referat's own wording (an imported referat not rewritten yet), rather than
 * leaving a reader of the printed minutes with titles only.
 */
export function decisionText(item: Pick<AgendaItemData, 'easyDecision' | 'sections'>): string {
  return item.easyDecision || item.sections.find((section) => section.kind === 'decision')?.text || ''
}
