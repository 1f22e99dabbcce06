import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/database.js'
import { verifyBoard } from '../../shared/elections/board.js'
import { toBase64url, utf8 } from '../../shared/elections/bytes.js'
import { canonicalJson } from '../../shared/elections/canonical-json.js'
import { cardCode, cardNumber, deriveCardKey, formatCardCode } from '../../shared/elections/card.js'
import { openBallot, sealBallot } from '../../shared/elections/envelope.js'
import { ballotLength, manifestHash, MANIFEST_PROTOCOL, type Manifest } from '../../shared/elections/manifest.js'
import { countBoard } from '../../shared/elections/result.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { electionBoard, electionCandidates, electionCards, electionRoll, elections, people } from '../db/schema.js'
import { appendEntry } from '../elections/board-store.js'
import { sealElectionKey } from '../elections/key-store.js'
import { nodePrimitives as p } from '../elections/node-primitives.js'
import { writeServerRecords, type ServerWrite, type Tx } from '../sync/server-write.js'
import type { SyncRegistry } from '../sync/registry.js'
import { candidateWrite, manifestWrite } from '../elections/publish.js'
import type { DemoIds } from './accounts.js'

export const DEMO_OPEN_ELECTION_TITLE = 'Valg til Brugerrådet på Solbakken 2026'
const DEMO_CARDS = 6

/**
 * The demo's ballot cards. Their secrets are public like the demo passwords (derived from a fixed
 * text, so every demo database has the same codes and `npm start` can print them).
 */
export function demoCardSecrets(): Uint8Array[] {
  return Array.from({ length: DEMO_CARDS }, (_, i) => p.sha256(utf8(`brugerstemme demo ballot card ${i + 1}`)).subarray(0, 16))
}

export const demoCardCodes = () => demoCardSecrets().map((secret) => formatCardCode(cardCode(secret)))

const day = 86_400_000

interface DemoElection {
  title: string
  opensAt: Date
  closesAt: Date
  termStart: string
  termEnd: string
  candidates: { name: string; personId: string | null; presentation: string }[]
  secrets: Uint8Array[]
}

async function insertElection(tx: Tx, ids: DemoIds, electionSecret: Uint8Array, spec: DemoElection) {
  const id = uuidv7()
  const privateKey = p.randomBytes(32)
  const cards = spec.secrets.map((secret) => deriveCardKey(p, secret, id))
  const candidates = spec.candidates.map((c) => ({ id: uuidv7(), ...c }))
  const ordered = [...candidates].sort((a, b) => a.name.localeCompare(b.name, 'da'))
  const manifest: Manifest = {
    protocol: MANIFEST_PROTOCOL,
    electionId: id,
    councilId: ids.councilId,
    councilName: 'Brugerrådet på Solbakken',
    title: spec.title,
    seats: 3,
    substitutes: 2,
    maxChoices: 2,
    candidates: ordered.map((c) => ({ id: c.id, name: c.name })),
    opensAt: spec.opensAt.toISOString(),
    closesAt: spec.closesAt.toISOString(),
    electionKey: toBase64url(p.x25519PublicKey(privateKey)),
    cards: cards.map((c) => toBase64url(c.publicKey)).sort(),
    ballotLength: ballotLength(ordered.map((c) => c.id)),
  }
  const hash = manifestHash(p, manifest)
  await tx.insert(elections).values({
    id,
    councilId: ids.councilId,
    title: spec.title,
    status: 'open',
    seats: 3,
    substitutes: 2,
    maxChoices: 2,
    termStart: spec.termStart,
    termEnd: spec.termEnd,
    voters: 'users',
    relativesMayVoteForResident: true,
    candidateOrder: 'alphabetical',
    candidacyOpensAt: new Date(spec.opensAt.getTime() - 21 * day),
    candidacyClosesAt: new Date(spec.opensAt.getTime() - 2 * day),
    votingOpensAt: spec.opensAt,
    votingClosesAt: spec.closesAt,
    easyRead:
      'Brugerrådet taler med ledelsen om livet på Solbakken. Det kan være mad, ture og regler i huset. Nu skal vi vælge tre medlemmer og to suppleanter. Du kan stemme på op til to personer. Din stemme er hemmelig.',
    createdBy: ids.secretaryId,
    manifest: canonicalJson(manifest),
    manifestHash: hash,
    ...sealElectionKey(electionSecret, id, privateKey),
  })
  await tx.insert(electionCandidates).values(candidates.map((c) => ({ ...c, electionId: id, photo: null, status: 'approved', enteredBy: ids.secretaryId })))
  await tx.insert(electionCards).values(cards.map((c) => ({ electionId: id, publicKey: toBase64url(c.publicKey), cardNumber: cardNumber(p, c.publicKey), batchId: id })))
  const members = await tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.kind, 'member'))
  await tx.insert(electionRoll).values(members.map((m) => ({ id: uuidv7(), electionId: id, personId: m.id, name: m.name, received: 'self' })))
  const [row] = await tx.select().from(elections).where(eq(elections.id, id))
  return { row: row!, manifest, hash, cards, candidates, privateKey }
}

/**
 * An election of Brugerrådet på Solbakken open for voting now (its six card codes are printed at
 * start), and the previous election two years ago, counted and published, whose board anyone can
 * verify. Both are made with the real protocol, so the demo's result verifies like a real one.
 */
export async function seedDemoElections(tx: Tx, registry: SyncRegistry, ids: DemoIds, electionSecret: Uint8Array, now = new Date()): Promise<void> {
  const names = new Map((await tx.select({ id: people.id, name: people.name }).from(people)).map((x) => [x.name, x.id]))
  const person = (name: string) => names.get(name) ?? null

  const earlier = await insertElection(tx, ids, electionSecret, {
    title: 'Valg til Brugerrådet på Solbakken 2024',
    opensAt: new Date(now.getTime() - 740 * day),
    closesAt: new Date(now.getTime() - 733 * day),
    termStart: '2024-07-01',
    termEnd: '2026-06-30',
    candidates: [
      { name: 'Karen Holm', personId: person('Karen Holm'), presentation: 'Jeg bor på Solbakken. Jeg vil have flere ture ud af huset.' },
      { name: 'Ali Hassan', personId: person('Ali Hassan'), presentation: 'Jeg kan godt lide at lave mad. Jeg vil tale om maden.' },
      { name: 'Birthe Lund', personId: person('Birthe Lund'), presentation: 'Jeg vil lytte til alle. Jeg vil have mere musik.' },
      { name: 'Jonas Friis', personId: person('Jonas Friis'), presentation: 'Jeg er ny i huset. Jeg vil gerne lære rådet at kende.' },
      { name: 'Per Møller', personId: null, presentation: 'Jeg har boet her længe. Jeg vil passe på haven.' },
    ],
    secrets: Array.from({ length: 8 }, () => p.randomBytes(16)),
  })
  const idOf = (name: string) => earlier.candidates.find((c) => c.name === name)!.id
  const [karen, ali, birthe, jonas, per] = ['Karen Holm', 'Ali Hassan', 'Birthe Lund', 'Jonas Friis', 'Per Møller'].map(idOf) as [string, string, string, string, string]
  const votes = [[karen, ali], [karen], [ali, birthe], [karen, birthe], [jonas], [per, karen], [], [ali, jonas]]
  for (const [i, choices] of votes.entries()) {
    await appendEntry(tx, earlier.row, { type: 'ballot', envelope: sealBallot(p, earlier.manifest, earlier.hash, earlier.cards[i]!, choices) })
  }
  await appendEntry(tx, earlier.row, { type: 'closed' })
  const board = verifyBoard(
    p,
    earlier.manifest,
    earlier.hash,
    (await tx.select({ entry: electionBoard.entry }).from(electionBoard).where(eq(electionBoard.electionId, earlier.row.id)).orderBy(electionBoard.index)).map((r) => JSON.parse(r.entry)),
  )
  if (!board.ok) throw new Error(`the demo board does not verify: ${board.problem}`)
  const key = { privateKey: earlier.privateKey, publicKey: p.x25519PublicKey(earlier.privateKey) }
  const result = countBoard(earlier.manifest, earlier.hash, board, board.ballots.map((b) => openBallot(p, key, b.envelope)), 1)
  await tx
    .update(elections)
    .set({ status: 'published', result, publishedAt: new Date(now.getTime() - 732 * day), appliedAt: new Date(now.getTime() - 732 * day), sealedKey: null, sealedKeyId: null })
    .where(eq(elections.id, earlier.row.id))

  const open = await insertElection(tx, ids, electionSecret, {
    title: DEMO_OPEN_ELECTION_TITLE,
    opensAt: new Date(now.getTime() - day),
    closesAt: new Date(now.getTime() + 30 * day),
    termStart: '2026-07-01',
    termEnd: '2028-06-30',
    candidates: [
      { name: 'Karen Holm', personId: person('Karen Holm'), presentation: 'Jeg har været i rådet i to år. Jeg vil have flere ture ud af huset.' },
      { name: 'Ali Hassan', personId: person('Ali Hassan'), presentation: 'Jeg laver gerne mad med andre. Jeg vil have en madklub.' },
      { name: 'Birthe Lund', personId: person('Birthe Lund'), presentation: 'Jeg vil have mere musik og sang i huset.' },
      { name: 'Mads Berg', personId: null, presentation: 'Jeg flyttede ind i år. Jeg vil gerne hjælpe nye beboere.' },
    ],
    secrets: demoCardSecrets(),
  })
  // Devices that follow the council keep both manifests and the candidates, as after a real opening.
  const writes: ServerWrite[] = []
  for (const election of [earlier, open]) {
    const [row] = await tx.select().from(elections).where(eq(elections.id, election.row.id))
    writes.push(manifestWrite(row!))
    for (const c of await tx.select().from(electionCandidates).where(eq(electionCandidates.electionId, row!.id))) writes.push(await candidateWrite(tx, c, ids.councilId))
  }
  await writeServerRecords(tx, registry, writes)
}

/** The lines `npm start` prints about the demo election: where to vote and the unused card codes. */
export async function demoBallotCardHelp(db: Db): Promise<string[]> {
  const [open] = await db.select().from(elections).where(and(eq(elections.title, DEMO_OPEN_ELECTION_TITLE), eq(elections.status, 'open')))
  if (!open) return []
  const used = new Set((await db.select({ card: electionBoard.card }).from(electionBoard).where(and(eq(electionBoard.electionId, open.id), eq(electionBoard.type, 'ballot')))).map((r) => r.card))
  const codes = demoCardSecrets().map((secret) => ({ code: formatCardCode(cardCode(secret)), used: used.has(toBase64url(deriveCardKey(p, secret, open.id).publicKey)) }))
  return [
    `  Ballot cards for "${open.title}" (open until ${open.votingClosesAt.toISOString().slice(0, 10)}; vote at /valg/${open.id}/stem):`,
    ...codes.map(({ code, used: isUsed }) => `    ${code}${isUsed ? '   (used)' : ''}`),
  ]
}
