/** The meeting records' names, apart from their schemas (entities.ts says why, for accounts/names.ts). */
export const MEETING_ENTITY = 'meeting'
export const AGENDA_ITEM_ENTITY = 'agenda-item'
