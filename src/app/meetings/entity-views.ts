import { AgendaItem, Meeting } from '../../shared/meetings/entities'
import { registerEntityView } from '../sync/entity-views'

const text = (value: unknown) => (typeof value === 'string' ? value : '')

export function registerMeetingViews(): void {
  registerEntityView(Meeting.name, {
    labelKey: 'entities.meeting',
    title: (data) => text(data.title),
    editRoute: (id, _data, from) => ({ name: 'meeting-edit', params: { id }, query: { fra: String(from) } }),
  })

  registerEntityView(AgendaItem.name, {
    labelKey: 'entities.agendaItem',
    title: (data) => text(data.easyTitle) || text(data.title),
    editRoute: (id, data, from) => ({ name: 'agenda-item-edit', params: { meetingId: text(data.meetingId), itemId: id }, query: { fra: String(from) } }),
  })
}
