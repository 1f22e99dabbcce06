import { toBase64url } from '../../src/shared/elections/bytes.js'
import { deriveCardKey, newCardSecret, type CardKey } from '../../src/shared/elections/card.js'
import { sealBallot, type Envelope } from '../../src/shared/elections/envelope.js'
import type { PublishedManifest } from '../../src/shared/elections/manifest.js'
import type { ElectionInput } from '../../src/shared/elections/model.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { nodePrimitives as p } from '../../src/server/elections/node-primitives.js'
import { settingsColumns } from '../../src/server/elections/store.js'
import { electionCandidates, elections } from '../../src/server/db/schema.js'
import type { Db } from '../../src/server/db/database.js'
import type { Reply, World } from './accounts-fixture.js'

export const OPENS = Date.parse('2026-06-04T08:00:00.000Z')
export const CLOSES = Date.parse('2026-06-11T14:00:00.000Z')

export function electionInput(councilId: string, overrides: Partial<ElectionInput> = {}): ElectionInput {
  return {
    councilId,
    title: 'Valg til Brugerrådet på Solbakken 2026',
    seats: 2,
    substitutes: 1,
    maxChoices: 2,
    termStart: '2026-07-01',
    termEnd: '2028-06-30',
    voters: 'users',
    relativesMayVoteForResident: true,
    candidateOrder: 'alphabetical',
    candidacyOpensAt: '2026-05-20T08:00:00.000Z',
    candidacyClosesAt: '2026-06-03T20:00:00.000Z',
    votingOpensAt: new Date(OPENS).toISOString(),
    votingClosesAt: new Date(CLOSES).toISOString(),
    easyRead: 'Vi vælger to medlemmer til brugerrådet. Du kan stemme på op til to.',
    ...overrides,
  }
}

/** A draft election written straight to the database, for tests that need one to exist. */
export async function insertElection(db: Db, councilId: string, overrides: Partial<ElectionInput> = {}): Promise<string> {
  const id = uuidv7()
  await db.insert(elections).values({ id, ...settingsColumns(electionInput(councilId, overrides)), status: 'draft' })
  return id
}

export async function insertCandidate(db: Db, electionId: string, name: string, status = 'approved', personId: string | null = null): Promise<string> {
  const id = uuidv7()
  await db.insert(electionCandidates).values({ id, electionId, personId, name, presentation: `Jeg hedder ${name}.`, status, enteredBy: uuidv7() })
  return id
}

function ok(reply: Reply, what: string) {
  if (reply.statusCode !== 200) throw new Error(`${what} failed: ${reply.statusCode} ${reply.body}`)
  return reply.json()
}

/**
 * An election run through the API as staff would: created, with approved candidates and
 * registered cards (their secrets kept here, as on the printed sheet), ready to open.
 */
export async function preparedElection(w: World, options: { candidates?: number; cards?: number; input?: Partial<ElectionInput> } = {}) {
  // Staff sessions end after an hour without use, and tests move the clock by days.
  const staff = () => w.sessionFor({ personId: w.ids.secretaryId })
  const election = ok(await w.call('POST', '/api/admin/elections', { cookie: await staff(), payload: electionInput(w.ids.councilId, options.input) }), 'create')
  const id: string = election.id
  const candidateIds: string[] = []
  for (let i = 0; i < (options.candidates ?? 3); i++) {
    const payload = { name: `Kandidat ${String.fromCharCode(65 + i)}`, presentation: 'Jeg vil gerne være med.', photo: null, recording: null, personId: null, consentGivenAt: '2026-05-21', consentNote: 'Sagde ja' }
    candidateIds.push(ok(await w.call('POST', `/api/admin/elections/${id}/candidates`, { cookie: await staff(), payload }), 'candidate').id)
  }
  const cards: { secret: Uint8Array; key: CardKey }[] = Array.from({ length: options.cards ?? 4 }, () => {
    const secret = newCardSecret(p)
    return { secret, key: deriveCardKey(p, secret, id) }
  })
  ok(await w.call('POST', `/api/admin/elections/${id}/cards`, { cookie: await staff(), payload: { cards: cards.map((c) => toBase64url(c.key.publicKey)) } }), 'cards')

  const run = {
    id,
    staff,
    cards,
    candidateIds,
    async open() {
      ok(await w.call('POST', `/api/admin/elections/${id}/open`, { cookie: await staff(), payload: {} }), 'open')
      w.clock.set(OPENS + 60_000)
      return (await w.call('GET', `/api/elections/${id}/manifest`)).json() as PublishedManifest
    },
    async manifest() {
      return (await w.call('GET', `/api/elections/${id}/manifest`)).json() as PublishedManifest
    },
    async seal(card: number, choices: string[]): Promise<Envelope> {
      const { manifest, manifestHash } = await run.manifest()
      return sealBallot(p, manifest, manifestHash, cards[card]!.key, choices)
    },
    cast: (envelope: unknown) => w.call('POST', `/api/elections/${id}/ballots`, { payload: envelope }),
    step: async (name: string) => w.call('POST', `/api/admin/elections/${id}/${name}`, { cookie: await staff(), payload: {} }),
    async closeAndPublish() {
      w.clock.set(CLOSES)
      for (const name of ['close', 'tally', 'publish']) ok(await run.step(name), name)
      return (await w.call('GET', `/api/elections/${id}/result`)).json()
    },
  }
  return run
}
