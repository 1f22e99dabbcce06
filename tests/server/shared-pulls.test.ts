import { describe, expect, it } from 'vitest'
import { sharedPulls } from '../../src/server/sync/shared-pulls.js'
import type { PullResponse } from '../../src/shared/sync/protocol.js'

describe('shared pulls', () => {
  it('identical pulls share one read; a pull after a poke never shares a read begun before it', async () => {
    const started: number[] = []
    let version = 1
    const releases: (() => void)[] = []
    const pulls = sharedPulls(async () => {
      started.push(version)
      const seen = version
      await new Promise<void>((resolve) => releases.push(resolve))
      return { changes: [], cursor: String(seen), hasMore: false } satisfies PullResponse
    })
    const a = pulls.read(['public'], 0, ['council:x'], 100)
    const b = pulls.read(['public'], 0, ['council:x'], 100)
    const otherPerson = pulls.read(['public', 'person:p'], 0, ['council:x'], 100)
    expect(started).toHaveLength(2)
    version = 2
    pulls.poked(2)
    const afterPoke = pulls.read(['public'], 0, ['council:x'], 100)
    expect(started).toEqual([1, 1, 2])
    for (const release of releases) release()
    expect((await a).cursor).toBe('1')
    expect(await b).toBe(await a)
    expect((await afterPoke).cursor).toBe('2')
    await otherPerson
    // Nothing is kept once answered.
    void pulls.read(['public'], 0, ['council:x'], 100)
    expect(started).toHaveLength(4)
    releases.at(-1)!()
  })
})
