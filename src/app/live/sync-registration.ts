import { LiveAnswerCommand, LiveMove, LivePresence, LiveQuestionCommand, LiveSignalCommand } from '../../shared/live/entities'
import { registerEntityView } from '../sync/entity-views'

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** How the refused-changes screen names a live change the server did not take. */
export function registerLiveViews(): void {
  registerEntityView(LiveMove.name, { labelKey: 'live.entities.move', title: () => '' })
  registerEntityView(LiveSignalCommand.name, { labelKey: 'live.entities.signal', title: () => '' })
  registerEntityView(LiveQuestionCommand.name, { labelKey: 'live.entities.question', title: (data) => text(data.text) })
  registerEntityView(LiveAnswerCommand.name, { labelKey: 'live.entities.answer', title: () => '' })
  registerEntityView(LivePresence.name, { labelKey: 'live.entities.presence', title: () => '' })
}
