import type { PullResponse } from '../../shared/sync/protocol.js'

type ReadChanges = (principals: string[], since: number, scopes: string[], limit: number) => Promise<PullResponse>

/**
 * One poke makes every follower of a meeting pull at once, most with the same question (the
 * public's view of one council since the same version). Identical pulls that arrive while one is
 * being read share its answer instead of each asking the database; nothing is kept afterwards.
 * A pull asked after this process heard a poke never shares a read begun before it, so a device
 * poked about version N always gets an answer that includes N.
 */
export function sharedPulls(read: ReadChanges) {
  const running = new Map<string, Promise<PullResponse>>()
  let heard = 0
  return {
    poked(version: number): void {
      if (version > heard) heard = version
    },
    read(principals: string[], since: number, scopes: string[], limit: number): Promise<PullResponse> {
      const key = JSON.stringify([heard, [...principals].sort(), since, [...scopes].sort(), limit])
      let answer = running.get(key)
      if (!answer) {
        answer = read(principals, since, scopes, limit).finally(() => running.delete(key))
        running.set(key, answer)
      }
      return answer
    },
  }
}
