import { eq } from 'drizzle-orm'
import { toBase64url } from '../../src/shared/elections/bytes.js'
import { canonicalJson } from '../../src/shared/elections/canonical-json.js'
import { deriveCardKey } from '../../src/shared/elections/card.js'
import { entryHash, linkEntry, verifyBoard, type BoardEntry } from '../../src/shared/elections/board.js'
import { envelopeHash, openBallot, sealBallot, type Envelope } from '../../src/shared/elections/envelope.js'
import { ballotLength, manifestHash, MANIFEST_PROTOCOL, type Manifest } from '../../src/shared/elections/manifest.js'
import { countBoard } from '../../src/shared/elections/result.js'
import { tallyElection } from '../../src/shared/elections/tally.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { openDatabase, type Database } from '../../src/server/db/database.js'
import { electionBoard, electionCards, elections } from '../../src/server/db/schema.js'
import { sealElectionKey } from '../../src/server/elections/key-store.js'
import { openBallots } from '../../src/server/elections/open-ballots.js'
import { nodePrimitives as p } from '../../src/server/elections/node-primitives.js'
import { seedDemoAccounts } from '../../src/server/demo/accounts.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { buildTestServer, databasesUnderTest } from '../server/helpers.js'
import { bundleOpenWorker } from '../server/open-worker-bundle.js'
import type { BenchFigure, BenchSuite } from './figure.js'

const ACCEPT = 1000
const TALLY = 10_000
const CANDIDATES = 8


/** An opened election in the database with `cards` cards, and the ballots those cards cast. */
async function openedElection(cards: number, database?: Database) {
  database ??= await openDatabase({ kind: 'pglite', dataDir: null })
  const registry = createSyncRegistry()
  const { councilId } = await database.db.transaction((tx) => seedDemoAccounts(tx, registry))
  const electionId = uuidv7()
  const secret = p.randomBytes(32)
  const privateKey = p.randomBytes(32)
  const cardKeys = Array.from({ length: cards }, () => deriveCardKey(p, p.randomBytes(16), electionId))
  const candidates = Array.from({ length: CANDIDATES }, (_, i) => ({ id: uuidv7(), name: `Kandidat ${i + 1}` }))
  const opensAt = new Date('2026-06-04T08:00:00Z')
  const closesAt = new Date('2026-06-11T14:00:00Z')
  const manifest: Manifest = {
    protocol: MANIFEST_PROTOCOL,
    electionId,
    councilId,
    councilName: 'Brugerrådet på Solbakken',
    title: 'Bench',
    seats: 3,
    substitutes: 2,
    maxChoices: 2,
    candidates,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    electionKey: toBase64url(p.x25519PublicKey(privateKey)),
    cards: cardKeys.map((c) => toBase64url(c.publicKey)).sort(),
    ballotLength: ballotLength(candidates.map((c) => c.id)),
  }
  const hash = manifestHash(p, manifest)
  await database.db.insert(elections).values({
    id: electionId,
    councilId,
    title: 'Bench',
    status: 'open',
    seats: 3,
    substitutes: 2,
    maxChoices: 2,
    termStart: '2026-07-01',
    termEnd: '2028-06-30',
    voters: 'users',
    relativesMayVoteForResident: false,
    candidateOrder: 'alphabetical',
    votingOpensAt: opensAt,
    votingClosesAt: closesAt,
    easyRead: '',
    manifest: canonicalJson(manifest),
    manifestHash: hash,
    ...sealElectionKey(secret, electionId, privateKey),
  })
  for (let i = 0; i < cardKeys.length; i += 1000) {
    await database.db.insert(electionCards).values(cardKeys.slice(i, i + 1000).map((c, j) => ({ electionId, publicKey: toBase64url(c.publicKey), cardNumber: String(i + j), batchId: electionId })))
  }
  const envelopes = cardKeys.map((card, i) => sealBallot(p, manifest, hash, card, i % 9 === 0 ? [] : [candidates[i % CANDIDATES]!.id, candidates[(i * 3 + 1) % CANDIDATES]!.id]))
  return { database, electionId, secret, privateKey, manifest, hash, envelopes }
}

/**
 * Ballots accepted through the API, signature checks and all, vs. the same board rows inserted
 * raw: one at a time (every ballot waits for the one before), and ten at a time (voters at several
 * kiosks and phones at once; they wait in turn for the election's lock); on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL names one.
 */
async function benchBallotAcceptance(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = []
  for (const target of databasesUnderTest()) {
    // The server closes the database (and drops the scratch PostgreSQL one) as it closes.
    figures.push(...(await acceptOn(await target.open(), target.name === 'pglite' ? 'PGlite' : 'PostgreSQL')))
  }
  return figures
}

const AT_ONCE = [1, 10]

/** Runs `run` over `items` with `atOnce` of them in flight. */
async function inFlight<T>(items: T[], atOnce: number, run: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await run(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: atOnce }, worker))
}

async function acceptOn(db: Database, label: string): Promise<BenchFigure[]> {
  const { database, electionId, secret, envelopes } = await openedElection(ACCEPT * AT_ONCE.length, db)
  const app = await buildTestServer(database, { electionSecret: secret, now: () => new Date('2026-06-05T10:00:00Z'), logger: false })
  await app.ready()
  const rawId = uuidv7()
  const [original] = await database.db.select().from(elections).where(eq(elections.id, electionId))
  await database.db.insert(elections).values({ ...original!, id: rawId })
  const figures: BenchFigure[] = []
  for (const [round, atOnce] of AT_ONCE.entries()) {
    const batch = envelopes.slice(round * ACCEPT, (round + 1) * ACCEPT)
    let started = performance.now()
    await inFlight(batch, atOnce, async (envelope) => {
      const reply = await app.inject({ method: 'POST', url: `/api/elections/${electionId}/ballots`, headers: { origin: 'http://localhost' }, payload: envelope })
      if (reply.statusCode !== 200) throw new Error(`ballot refused: ${reply.body}`)
    })
    const apiRate = ACCEPT / ((performance.now() - started) / 1000)
    started = performance.now()
    await inFlight(batch, atOnce, async (envelope, i) => {
      const index = round * ACCEPT + i
      await database.db.insert(electionBoard).values({ electionId: rawId, index, hash: envelope.signature, type: 'ballot', entry: JSON.stringify(envelope), card: envelope.card, enc: envelope.enc, envelopeHash: envelope.signature })
    })
    const rawRate = ACCEPT / ((performance.now() - started) / 1000)
    figures.push({
      measure: `accept ${ACCEPT.toLocaleString('en')} ballots ${atOnce === 1 ? 'one at a time' : `${atOnce} at a time`}, signatures checked (${label})`,
      value: apiRate,
      unit: '/s',
      baseline: rawRate,
      baselineLabel: `the same board rows inserted raw, ${atOnce === 1 ? 'one by one' : `${atOnce} at a time`}`,
      goal: '≥ 500/s',
      met: apiRate >= 500,
    })
  }
  await app.close()
  return figures
}

/**
 * The tally of 10,000 ballots: opening each (HPKE, spread over the cores as the tally step does)
 * and counting, vs. counting the same choices already in the clear; and the whole staff step, which also reads the board and re-checks every
 * signature and link before it counts.
 */
async function benchTally(): Promise<BenchFigure[]> {
  const { database, electionId, secret, privateKey, manifest, hash, envelopes } = await openedElection(TALLY)
  const key = { privateKey, publicKey: p.x25519PublicKey(privateKey) }
  const entries: BoardEntry[] = []
  let prev = hash
  for (const envelope of envelopes) {
    const entry = linkEntry(entries.length, prev, { type: 'ballot', envelope })
    entries.push(entry)
    prev = entryHash(p, entry)
  }
  const closed = linkEntry(entries.length, prev, { type: 'closed' })
  entries.push(closed)
  const board = verifyBoard(p, manifest, hash, entries)
  if (!board.ok) throw new Error(board.problem)

  // The built server starts its workers from a file; from the sources they need their bundle first.
  await bundleOpenWorker()
  const clear = board.ballots.map((b) => openBallot(p, key, b.envelope))
  let started = performance.now()
  tallyElection({ candidates: manifest.candidates.map((c) => c.id), seats: 3, substitutes: 2, maxChoices: 2, ballots: clear.map((b) => b!), seed: board.headHash })
  const clearMs = performance.now() - started
  started = performance.now()
  // As the tally step opens them: openBallots, over worker threads for a board this big.
  const result = countBoard(manifest, hash, board, await openBallots(key, board.ballots.map((b) => b.envelope)), 0)
  const tallyMs = performance.now() - started
  if (result.ballots !== TALLY || result.undecryptable !== 0) throw new Error('the bench tally is wrong')

  for (let i = 0; i < entries.length; i += 500) {
    await database.db.insert(electionBoard).values(
      entries.slice(i, i + 500).map((entry) => ({
        electionId,
        index: entry.index,
        hash: entryHash(p, entry),
        type: entry.type,
        entry: canonicalJson(entry),
        card: entry.type === 'ballot' ? entry.envelope.card : null,
        enc: entry.type === 'ballot' ? entry.envelope.enc : null,
        envelopeHash: entry.type === 'ballot' ? envelopeHash(p, entry.envelope as Envelope) : null,
      })),
    )
  }
  await database.db.update(elections).set({ status: 'closed', boardHead: entryHash(p, closed), boardLength: entries.length }).where(eq(elections.id, electionId))
  const app = await buildTestServer(database, { electionSecret: secret, now: () => new Date('2026-06-12T10:00:00Z'), logger: false })
  const { sessionFor } = await staffSession(database.db)
  started = performance.now()
  const reply = await app.inject({ method: 'POST', url: `/api/admin/elections/${electionId}/tally`, headers: { origin: 'http://localhost', cookie: sessionFor }, payload: {} })
  const stepMs = performance.now() - started
  if (reply.statusCode !== 200) throw new Error(`tally step failed: ${reply.body}`)
  await app.close()
  return [
    {
      measure: `tally ${TALLY.toLocaleString('en')} ballots: open and count`,
      value: tallyMs,
      unit: 'ms',
      baseline: clearMs,
      baselineLabel: 'counting the same choices in the clear',
      goal: '≤ 1000 ms',
      met: tallyMs <= 1000,
    },
    {
      measure: `tally step via API (read, re-verify, open, count)`,
      value: stepMs,
      unit: 'ms',
      baseline: tallyMs,
      baselineLabel: 'open and count alone',
      goal: 'none: re-checking every signature is the price of not trusting the database',
      met: true,
    },
  ]
}

async function staffSession(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const { people, sessions } = await import('../../src/server/db/schema.js')
  const { newToken, sha256 } = await import('../../src/server/accounts/secrets.js')
  const { SESSION_COOKIE } = await import('../../src/server/accounts/sessions.js')
  const [admin] = await db.select().from(people).where(eq(people.staffRole, 'admin'))
  const token = newToken()
  const now = new Date('2026-06-12T09:59:00Z')
  await db.insert(sessions).values({ id: uuidv7(), tokenHash: sha256(token), kind: 'staff', personId: admin!.id, label: 'Bench', createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000) })
  return { sessionFor: `${SESSION_COOKIE}=${token}` }
}

const suite: BenchSuite = async () => [...(await benchBallotAcceptance()), ...(await benchTally())]
export default suite
