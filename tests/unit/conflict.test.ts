import { describe, expect, it } from 'vitest'
import { mergePatch } from '../../src/shared/sync/conflict.js'

const base = {
  current: { title: 'Sommertur', text: 'Vi vil til stranden', votes: 2 },
  fieldVersions: { title: 1, text: 1, votes: 1 },
  protectedFields: ['text'],
  newVersion: 5,
}

describe('mergePatch', () => {
  it('applies a patch made on the latest version and stamps the fields it wrote', () => {
    const outcome = mergePatch({ ...base, patch: { text: 'Vi vil til skoven' }, baseVersion: 1 })
    expect(outcome).toEqual({
      kind: 'apply',
      data: { title: 'Sommertur', text: 'Vi vil til skoven', votes: 2 },
      fieldVersions: { title: 1, text: 5, votes: 1 },
      changed: ['text'],
    })
  })

  it('lets the later write win on ordinary fields, even from an old base', () => {
    const outcome = mergePatch({
      ...base,
      fieldVersions: { title: 4, text: 1, votes: 4 },
      patch: { votes: 3, title: 'Sommerturen' },
      baseVersion: 1,
    })
    expect(outcome.kind).toBe('apply')
    if (outcome.kind === 'apply') expect(outcome.data).toMatchObject({ votes: 3, title: 'Sommerturen' })
  })

  it('takes a text this device wrote itself in a change it had not heard back about', () => {
    const edit = { ...base, fieldVersions: { title: 1, text: 4, votes: 1 }, patch: { text: 'Min rettelse' }, baseVersion: null }
    expect(mergePatch({ ...edit, ownVersions: new Set([4]) })).toMatchObject({ kind: 'apply', data: { text: 'Min rettelse' }, fieldVersions: { text: 5 } })
    // Its own change in another version does not make someone else's text its own.
    expect(mergePatch({ ...edit, ownVersions: new Set([3]) })).toEqual({ kind: 'conflict', fields: ['text'] })
  })

  it('never overwrites a person\'s text that changed after the writer last saw it', () => {
    const outcome = mergePatch({
      ...base,
      fieldVersions: { title: 1, text: 4, votes: 1 },
      patch: { text: 'Noget helt andet', votes: 9 },
      baseVersion: 2,
    })
    expect(outcome).toEqual({ kind: 'conflict', fields: ['text'] })
  })

  it('is no conflict when both wrote the same text', () => {
    const outcome = mergePatch({
      ...base,
      fieldVersions: { title: 1, text: 4, votes: 1 },
      patch: { text: 'Vi vil til stranden' },
      baseVersion: 2,
    })
    expect(outcome.kind).toBe('apply')
  })

  it('treats a create (no base version) of a protected field on an edited record as a conflict', () => {
    const outcome = mergePatch({ ...base, patch: { text: 'Min egen tekst' }, baseVersion: null })
    expect(outcome).toEqual({ kind: 'conflict', fields: ['text'] })
  })

  it('creates a new record from nothing', () => {
    const outcome = mergePatch({
      current: {},
      fieldVersions: {},
      protectedFields: ['text'],
      newVersion: 1,
      patch: { text: 'Hej', title: 'Idé' },
      baseVersion: null,
    })
    expect(outcome).toEqual({
      kind: 'apply',
      data: { text: 'Hej', title: 'Idé' },
      fieldVersions: { text: 1, title: 1 },
      changed: ['text', 'title'],
    })
  })
})
