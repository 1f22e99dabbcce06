import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardCode, formatCardCode } from '../../src/shared/elections/card.js'
import type { Database } from '../../src/server/db/database.js'
import * as independent from '../protocol/independent.js'
import { openWorld, type World } from './accounts-fixture.js'
import { preparedElection } from './election-world.js'
import { databasesUnderTest } from './helpers.js'

/**
 * The program written from docs/election-protocol.md alone talks to a real listening server over
 * HTTP: it casts ballots with nothing but printed card codes, then verifies the published result
 * from the public routes. This is the document's promise, checked end to end.
 */
describe.each(databasesUnderTest())('an independent program against the server on $name', (target) => {
  let database: Database
  let w: World
  let base: string

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
    await w.app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(w.app.server.address() as { port: number }).port}`
  })
  afterAll(async () => {
    await w.app.close()
  })

  it('casts ballots from card codes, and verifies the published result and lot', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { candidates: 4, cards: 5, input: { seats: 1, substitutes: 2, maxChoices: 2 } })
    await run.open()
    const codes = run.cards.map((c) => formatCardCode(cardCode(c.secret)))
    const picks: ((m: { candidates: { id: string }[] }) => string[])[] = [
      (m) => [m.candidates[0]!.id, m.candidates[1]!.id],
      (m) => [m.candidates[1]!.id],
      (m) => [m.candidates[0]!.id],
      () => [],
    ]
    const receipts: string[] = []
    for (const [i, pick] of picks.entries()) {
      const cast = await independent.castOverHttp(base, run.id, codes[i]!, pick)
      expect(cast.status, JSON.stringify(cast.body)).toBe(200)
      expect(cast.body.receipt).toBe(cast.receipt)
      receipts.push(cast.receipt)
    }
    const again = await independent.castOverHttp(base, run.id, codes[0]!, picks[0]!)
    expect([again.status, again.body.code]).toEqual([409, 'card_used'])

    await run.closeAndPublish()
    const { problems, result, manifest } = await independent.verifyOverHttp(base, run.id)
    expect(problems).toEqual([])
    expect(result.receipts).toEqual([...receipts].sort())
    const [a, b] = manifest.candidates.map((c: { id: string }) => c.id)
    expect(result.totals).toMatchObject({ [a]: 2, [b]: 2 })
    // a and b tie for the one seat: the lot decides, and the program redrew it itself.
    expect(result.lots[0].tied).toEqual([a, b])
    expect(result.elected).toEqual([result.lots[0].order[0]])
  })
})
