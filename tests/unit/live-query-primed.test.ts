// Dexie's live queries look for IndexedDB on the global object when Dexie loads: first.
import 'fake-indexeddb/auto'
import { effectScope, watch } from 'vue'
import { describe, expect, it, vi } from 'vitest'
import { createLocalDb, type LocalDb, type LocalRecord } from '../../src/app/sync/local-db.js'
import { useLiveQuery, withPrimedAnswer } from '../../src/app/sync/use-live-query.js'

const KEY = 'meeting-view:m1'
const meetingRecord = (title: string): LocalRecord => ({ entity: 'meeting', id: 'm1', scope: 'council:c1', data: { title }, base: null, version: 1, pending: 0 })
const titleOf = async (db: LocalDb) => ({ title: (await db.records.get(['meeting', 'm1']))?.data.title as string | undefined })
/** Lets IndexedDB and Dexie's timers run (a live query starts on a timer and answers after it). */
const idle = () => new Promise((resolve) => setTimeout(resolve, 200))

/** A screen with one live query, mounted inside withPrimedAnswer as main.ts mounts the first one. */
function mountScreen(db: LocalDb, primed: { key: string; answer: unknown } | null) {
  const scope = effectScope()
  let renders = 0
  let view!: ReturnType<typeof useLiveQuery<{ title: string | undefined } | undefined>>
  withPrimedAnswer(primed, () =>
    scope.run(() => {
      view = useLiveQuery(() => titleOf(db), undefined, [], KEY)
      watch(view, () => (renders += 1))
    }),
  )
  return { view, renders: () => renders, close: () => scope.stop() }
}

describe('the first screen starts from its data read before the mount (withPrimedAnswer)', () => {
  it('shows the primed answer in its first render, and does not render again when the query answers the same', async () => {
    const db = createLocalDb(`primed-${crypto.randomUUID()}`)
    await db.records.put(meetingRecord('Møde i brugerrådet'))
    const answer = await titleOf(db)
    const screen = mountScreen(db, { key: KEY, answer })
    expect(screen.view.value).toBe(answer)
    await idle()
    expect(screen.renders()).toBe(0)
    expect(screen.view.value).toBe(answer)
    // From then on it is an ordinary live query.
    await db.records.put(meetingRecord('Møde i brugerrådet, flyttet'))
    await vi.waitFor(() => expect(screen.view.value).toEqual({ title: 'Møde i brugerrådet, flyttet' }))
    screen.close()
    db.close()
  })

  it('takes the live answer when the data changed after it was primed', async () => {
    const db = createLocalDb(`primed-${crypto.randomUUID()}`)
    await db.records.put(meetingRecord('Møde i brugerrådet'))
    const answer = await titleOf(db)
    await db.records.put(meetingRecord('Nyt navn fra den første synkronisering'))
    const screen = mountScreen(db, { key: KEY, answer })
    expect(screen.view.value).toEqual({ title: 'Møde i brugerrådet' })
    await vi.waitFor(() => expect(screen.view.value).toEqual({ title: 'Nyt navn fra den første synkronisering' }))
    screen.close()
    db.close()
  })

  it('is not used by a query with another key, nor by a screen mounted afterwards', async () => {
    const db = createLocalDb(`primed-${crypto.randomUUID()}`)
    const other = mountScreen(db, { key: 'meeting-view:m2', answer: { title: 'Et andet møde' } })
    expect(other.view.value).toBeUndefined()
    // Read for a first screen that did not use it (the route went elsewhere): gone after that mount.
    withPrimedAnswer({ key: KEY, answer: { title: 'Gammelt svar' } }, () => {})
    // A screen opened later, by a link inside the app: no priming around its mount.
    const later = effectScope()
    const view = later.run(() => useLiveQuery(() => titleOf(db), undefined, [], KEY))!
    expect(view.value).toBeUndefined()
    await vi.waitFor(() => expect(view.value).toEqual({ title: undefined }))
    other.close()
    later.stop()
    db.close()
  })
})
