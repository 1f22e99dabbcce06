import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { effectScope, nextTick, reactive } from 'vue'
import { useFormDraft } from '../../src/app/ui/use-form-draft.js'

class MemoryStorage {
  map = new Map<string, string>()
  getItem = (key: string) => this.map.get(key) ?? null
  setItem = (key: string, value: string) => void this.map.set(key, value)
  removeItem = (key: string) => void this.map.delete(key)
}

let storage: MemoryStorage
beforeEach(() => {
  storage = new MemoryStorage()
  Object.assign(globalThis, { localStorage: storage })
})
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage
})

const KEY = 'brugerstemme.draft.meeting.m1'

/** A meeting form as a screen has it: opened, filled from the stored record, then restored. */
function openForm(stored: { title: string; place: string }) {
  const scope = effectScope()
  const form = reactive({ title: '', place: '', photo: null as string | null })
  const draft = scope.run(() => useFormDraft(() => 'meeting.m1', form, ['title', 'place']))!
  Object.assign(form, stored)
  draft.restore()
  return { form, draft, close: () => scope.stop() }
}

describe('useFormDraft', () => {
  it('keeps what was typed and brings it back on the next visit', async () => {
    const first = openForm({ title: 'Brugerråd', place: '' })
    first.form.title = 'Brugerråd i maj'
    await nextTick()
    first.close()
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ title: 'Brugerråd i maj', place: '' })

    const again = openForm({ title: 'Brugerråd', place: '' })
    expect(again.form.title).toBe('Brugerråd i maj')
    expect(again.draft.restored.value).toBe(true)
  })

  it('keeps nothing for a form opened and left unchanged, so a newer synced version is not covered', async () => {
    const visit = openForm({ title: 'Brugerråd', place: 'Salen' })
    await nextTick()
    visit.close()
    expect(storage.getItem(KEY)).toBeNull()

    const later = openForm({ title: 'Brugerråd (flyttet)', place: 'Haven' })
    expect(later.form).toMatchObject({ title: 'Brugerråd (flyttet)', place: 'Haven' })
    expect(later.draft.restored.value).toBe(false)
  })

  it('drops the draft when the text is typed back to what is stored', async () => {
    const visit = openForm({ title: 'Brugerråd', place: '' })
    visit.form.place = 'Salen'
    await nextTick()
    expect(storage.getItem(KEY)).not.toBeNull()
    visit.form.place = ''
    await nextTick()
    expect(storage.getItem(KEY)).toBeNull()
  })

  it('after a save nothing is kept, and edits made after it are kept again', async () => {
    const visit = openForm({ title: 'Brugerråd', place: '' })
    visit.form.title = 'Brugerråd i juni'
    await nextTick()
    visit.draft.clear()
    expect(storage.getItem(KEY)).toBeNull()
    visit.form.place = 'Salen'
    await nextTick()
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual({ title: 'Brugerråd i juni', place: 'Salen' })
  })
})
