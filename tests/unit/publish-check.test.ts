import { describe, expect, it } from 'vitest'
import { agendaReady, checkAgenda } from '../../src/shared/meetings/publish-check.js'
import type { ImageRef } from '../../src/shared/sync/media.js'

const PHOTO: ImageRef = { sha256: 'a'.repeat(64), type: 'image/jpeg', bytes: 1200 }
const item = (id: string, extra: Partial<{ title: string; easyTitle: string; easyText: string; pictogram: string | null; photo: ImageRef | null }> = {}) => ({
  id,
  data: { title: `Punkt ${id}`, easyTitle: '', easyText: 'Vi taler om maden.', pictogram: 'food', photo: null, ...extra },
})

describe('checkAgenda', () => {
  it('is ready when every item has an easy-read text and a picture', () => {
    const check = checkAgenda([item('1'), item('2', { pictogram: null, photo: PHOTO })])
    expect(check).toEqual({ empty: false, items: [] })
    expect(agendaReady(check)).toBe(true)
  })

  it('lists the items without easy-read text or picture, in agenda order, by the title residents see', () => {
    const check = checkAgenda([
      item('1', { easyText: '  ', easyTitle: 'Maden' }),
      item('2'),
      item('3', { pictogram: null }),
      item('4', { easyText: '', pictogram: null, title: 'Eventuelt' }),
    ])
    expect(check.items).toEqual([
      { id: '1', title: 'Maden', missing: ['easy-text'] },
      { id: '3', title: 'Punkt 3', missing: ['picture'] },
      { id: '4', title: 'Eventuelt', missing: ['easy-text', 'picture'] },
    ])
    expect(agendaReady(check)).toBe(false)
  })

  it('an agenda without items is not ready', () => {
    const check = checkAgenda([])
    expect(check).toEqual({ empty: true, items: [] })
    expect(agendaReady(check)).toBe(false)
  })
})
