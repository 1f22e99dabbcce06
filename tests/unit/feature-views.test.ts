import { describe, expect, it } from 'vitest'
import { CastBallot } from '../../src/shared/elections/entities.js'
import { AgendaItem, Meeting } from '../../src/shared/meetings/entities.js'
import { LiveQuestionCommand } from '../../src/shared/live/entities.js'
import { WorkshopStatement } from '../../src/shared/workshops/entities.js'
import { registerFeatures } from '../../src/app/features.js'
import { entityView, entityViewsReady } from '../../src/app/sync/entity-views.js'
import { isUnownedWork } from '../../src/app/sync/unowned-work.js'

describe('feature registrations', () => {
  it('registers unowned work at once and the record names only when a screen asks for them', async () => {
    registerFeatures()
    // A sign-out can come before anything else loads: the ballot is nobody's work from the start.
    expect(isUnownedWork(CastBallot.name)).toBe(true)
    expect(isUnownedWork(Meeting.name)).toBe(false)
    // The names come in a chunk of their own, loaded on the first ask.
    expect(entityView(AgendaItem.name)).toBeUndefined()
    await entityViewsReady()
    expect(entityView(AgendaItem.name)?.labelKey).toBe('entities.agendaItem')
    expect(entityView(Meeting.name)?.title({ title: 'Møde om maden' })).toBe('Møde om maden')
    expect(entityView(CastBallot.name)?.labelKey).toBe('elections.ballot.refusedLabel')
    expect(entityView(LiveQuestionCommand.name)?.title({ text: 'Hvornår?' })).toBe('Hvornår?')
    expect(entityView(WorkshopStatement.name)?.title({ text: 'Mere frugt' })).toBe('Mere frugt')
    // Asked again, the same load answers.
    expect(entityViewsReady()).toBe(entityViewsReady())
  })
})
