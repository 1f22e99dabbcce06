import { Allocate, Contribute, React, WorkshopContribution, WorkshopProcess, WorkshopSession, WorkshopStatement, WorkshopTheme } from '../../shared/workshops/entities'
import { registerEntityView } from '../sync/entity-views'

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** How a refused workshop change is named on the refused-changes screen: by its own words. */
export function registerWorkshopViews(): void {
  registerEntityView(Contribute.name, { labelKey: 'workshops.entities.contribution', title: (d) => text(d.text) })
  registerEntityView(WorkshopContribution.name, { labelKey: 'workshops.entities.contribution', title: (d) => `${text(d.ref)} ${text(d.text)}`.trim() })
  registerEntityView(React.name, { labelKey: 'workshops.entities.answer', title: () => '' })
  registerEntityView(Allocate.name, { labelKey: 'workshops.entities.dots', title: () => '' })
  registerEntityView(WorkshopProcess.name, { labelKey: 'workshops.entities.process', title: (d) => text(d.title) })
  registerEntityView(WorkshopSession.name, { labelKey: 'workshops.entities.session', title: (d) => text(d.title) })
  registerEntityView(WorkshopTheme.name, { labelKey: 'workshops.entities.theme', title: (d) => text(d.title) })
  registerEntityView(WorkshopStatement.name, { labelKey: 'workshops.entities.statement', title: (d) => text(d.text) })
}
