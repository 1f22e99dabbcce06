import { createHash } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { entryHash, verifyBoard, type BoardEntry } from '../../src/shared/elections/board.js'
import { fromBase64url, toBase64url } from '../../src/shared/elections/bytes.js'
import { deriveCardKey } from '../../src/shared/elections/card.js'
import { envelopeHash, receiptCode, signedBytes, type Envelope } from '../../src/shared/elections/envelope.js'
import { verifyResult } from '../../src/shared/elections/result.js'
import { nodePrimitives as p } from '../../src/server/elections/node-primitives.js'
import { ballotBatches } from '../../src/server/elections/ballot-batches.js'
import { canonicalJson } from '../../src/shared/elections/canonical-json.js'
import { electionCandidates, elections, memberships } from '../../src/server/db/schema.js'
import type { Database } from '../../src/server/db/database.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import { openWorld, type World } from './accounts-fixture.js'
import { CLOSES, OPENS, preparedElection } from './election-world.js'
import { databasesUnderTest } from './helpers.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/sync/protocol.js'

describe.each(databasesUnderTest())('elections on $name', (target) => {
  let database: Database
  let w: World

  beforeAll(async () => {
    database = await target.open()
    w = await openWorld(database)
  })
  afterAll(async () => {
    await w.app.close()
  })

  it('runs a whole election: cards, voting, close, tally, publish, verify, apply', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { candidates: 3, cards: 5 })
    const [a, b, c] = run.candidateIds as [string, string, string]
    const check = async (card: number) => (await w.call('POST', `/api/elections/${run.id}/card-check`, { payload: { card: toBase64url(run.cards[card]!.key.publicKey) } })).json()
    // "Kan jeg stemme?" before voting opens.
    expect(await check(0)).toEqual({ card: 'ready', status: 'draft', opensAt: new Date(OPENS).toISOString(), closesAt: new Date(CLOSES).toISOString() })

    const { manifest, manifestHash } = await run.open()
    expect(manifest.cards).toHaveLength(5)
    expect(manifest.candidates.map((x) => x.name)).toEqual(['Kandidat A', 'Kandidat B', 'Kandidat C'])

    const votes = [[a, b], [a], [c], []]
    const receipts: string[] = []
    for (const [i, choices] of votes.entries()) {
      const reply = await run.cast(await run.seal(i, choices))
      expect(reply.statusCode, reply.body).toBe(200)
      receipts.push(reply.json().receipt)
    }
    expect(await check(0)).toMatchObject({ card: 'used', status: 'open' })
    expect(await check(4)).toMatchObject({ card: 'ready' })
    const turnout = (await w.call('GET', `/api/admin/elections/${run.id}/turnout`, { cookie: await run.staff() })).json()
    expect(turnout).toMatchObject({ ballots: 4, validCards: 5, late: 0, status: 'open' })

    const result = await run.closeAndPublish()
    expect(result).toMatchObject({ ballots: 4, blank: 1, invalid: 0, totals: { [a]: 2, [b]: 1, [c]: 1 } })
    expect(result.elected[0]).toBe(a)
    expect([...result.receipts].sort()).toEqual([...receipts].sort())
    expect((await w.call('GET', `/api/elections/${run.id}/receipts`)).json()).toEqual({ receipts: result.receipts })
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(verifyResult(p, manifest, manifestHash, board.entries, result)).toEqual([])

    // Publishing erased the election key: no later break-in can open the board.
    const [row] = await w.db.select().from(elections).where(eq(elections.id, run.id))
    expect(row).toMatchObject({ sealedKey: null, sealedKeyId: null, status: 'published' })
  })

  it('turns an applied result into memberships for the term, substitutes in order', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { candidates: 0, cards: 3, input: { seats: 1, substitutes: 1, maxChoices: 1 } })
    const member = await w.sessionFor({ personId: w.ids.memberId })
    w.clock.set(Date.parse('2026-05-25T10:00:00Z'))
    const stood = await w.call('PUT', `/api/elections/${run.id}/candidacy`, { cookie: member, payload: { name: 'Karen Holm', presentation: 'Jeg vil have flere ture.', photo: null, recording: null } })
    expect(stood.statusCode, stood.body).toBe(200)
    expect(stood.json()).toMatchObject({ status: 'proposed', personId: w.ids.memberId })
    expect((await w.call('GET', `/api/elections/${run.id}/candidates`)).json()).toEqual([])
    expect((await w.call('POST', `/api/admin/candidates/${stood.json().id}/approve`, { cookie: await run.staff(), payload: {} })).json()).toMatchObject({ status: 'approved' })
    const other = await w.newPerson('member', w.ids.councilId)
    const entered = await w.call('POST', `/api/admin/elections/${run.id}/candidates`, {
      cookie: await run.staff(),
      payload: { name: 'Prøve Beboer', presentation: 'Jeg bor her.', photo: null, recording: null, personId: other.personId, consentGivenAt: '2026-05-25', consentNote: 'Sagde ja til mig' },
    })
    expect(entered.json()).toMatchObject({ status: 'approved', enteredByStaff: true })
    expect((await w.call('GET', `/api/elections/${run.id}/candidates`)).json().map((x: { name: string }) => x.name)).toEqual(['Karen Holm', 'Prøve Beboer'])

    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    await run.open()
    for (const [card, choice] of [[0, stood.json().id], [1, stood.json().id], [2, entered.json().id]] as const) expect((await run.cast(await run.seal(card, [choice]))).statusCode).toBe(200)
    const result = await run.closeAndPublish()
    expect(result).toMatchObject({ elected: [stood.json().id], substitutes: [entered.json().id], lots: [] })

    const applied = await run.step('apply')
    expect(applied.json()).toMatchObject({ memberships: 2, notLinked: [] })
    const rows = await w.db.select().from(memberships).where(eq(memberships.termStart, '2026-07-01'))
    expect(rows.map((m) => [m.personId, m.role, m.substituteRank]).sort()).toEqual(
      [
        [w.ids.memberId, 'member', null],
        [other.personId, 'substitute', 1],
      ].sort(),
    )
    // Karen's earlier open-ended or overlapping membership now ends the day before the new term.
    const karen = await w.db.select().from(memberships).where(eq(memberships.personId, w.ids.memberId))
    expect(karen.find((m) => m.termStart === '2026-01-01')?.termEnd).toBe('2026-06-30')
    expect((await run.step('apply')).json()).toMatchObject({ code: 'already_applied' })
  })

  it('gives a candidate their candidacy and roll entry in their export; erasure leaves only the name the ballot printed', async () => {
    w.clock.set(Date.parse('2026-05-25T10:00:00Z'))
    const run = await preparedElection(w, { candidates: 1, cards: 2 })
    const person = await w.newPerson('member', w.ids.councilId)
    const cookie = await w.sessionFor({ personId: person.personId })
    const voice = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])
    const sha256 = createHash('sha256').update(voice).digest('hex')
    const uploaded = await w.call('PUT', `/api/media/${sha256}`, { cookie, payload: voice, headers: { 'content-type': 'audio/webm' } })
    expect(uploaded.statusCode, uploaded.body).toBeLessThan(300)
    const recording = { sha256, type: 'audio/webm', bytes: voice.length }
    const photo = 'data:image/png;base64,iVBORw0KGgo='
    const stood = await w.call('PUT', `/api/elections/${run.id}/candidacy`, { cookie, payload: { name: 'Bent Sommer', presentation: 'Jeg vil have en grøn have.', photo, recording } })
    expect(stood.statusCode, stood.body).toBe(200)
    const staff = await run.staff()
    expect((await w.call('POST', `/api/admin/candidates/${stood.json().id}/approve`, { cookie: staff, payload: {} })).statusCode).toBe(200)
    const onRoll = await w.call('POST', `/api/admin/elections/${run.id}/roll`, { cookie: staff, payload: { name: 'Bent Sommer', personId: person.personId } })
    expect((await w.call('PUT', `/api/admin/roll/${onRoll.json().id}`, { cookie: staff, payload: { received: 'self' } })).statusCode).toBe(200)

    const exported = (await w.call('GET', '/api/me/export', { cookie })).json()
    expect(exported.candidacies).toEqual([
      expect.objectContaining({ electionId: run.id, name: 'Bent Sommer', presentation: 'Jeg vil have en grøn have.', recording, status: 'approved' }),
    ])
    expect(exported.candidacies[0].photo).toEqual(expect.any(String))
    expect(exported.electionRoll).toEqual([{ electionId: run.id, electionTitle: expect.any(String), received: 'self' }])

    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    await run.open()
    const admin = await w.sessionFor({ personId: w.ids.adminId })
    expect((await w.call('POST', `/api/admin/people/${person.personId}/erase`, { cookie: admin, payload: {} })).json()).toEqual({ erased: true })
    const [kept] = await w.db.select().from(electionCandidates).where(eq(electionCandidates.id, stood.json().id))
    // The name is on the published, hash-chained manifest, as on a printed ballot; the rest goes.
    expect(kept).toMatchObject({ name: 'Bent Sommer', personId: null, presentation: '', photo: null, recording: null, consentNote: null })
    const candidates = (await w.call('GET', `/api/elections/${run.id}/candidates`)).json() as { name: string; presentation: string; recording: unknown }[]
    expect(candidates.find((c) => c.name === 'Bent Sommer')).toMatchObject({ presentation: '', recording: null })
  })

  it('accepts 50 parallel copies of one envelope once, with the same receipt for each', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w)
    await run.open()
    const envelope = await run.seal(0, [run.candidateIds[1]!])
    const replies = await Promise.all(Array.from({ length: 50 }, () => run.cast(envelope)))
    expect(replies.map((r) => r.statusCode)).toEqual(Array(50).fill(200))
    expect(new Set(replies.map((r) => r.json().receipt))).toEqual(new Set([receiptCode(envelopeHash(p, envelope))]))
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(board.entries.filter((e: BoardEntry) => e.type === 'ballot')).toHaveLength(1)
  })

  it('accepts 30 ballots from different cards cast at once, each once, on a chain that verifies', async () => {
    // They race for the same board head: the losers of each round try again on the new head or
    // go through the election's lock, and none may be lost or appended twice.
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { cards: 30 })
    await run.open()
    const envelopes = await Promise.all(run.cards.map((_, i) => run.seal(i, [run.candidateIds[i % run.candidateIds.length]!])))
    const replies = await Promise.all(envelopes.map((envelope) => run.cast(envelope)))
    expect(replies.map((r) => r.statusCode)).toEqual(Array(30).fill(200))
    const indexes = replies.map((r) => r.json().index as number)
    expect(new Set(indexes).size).toBe(30)
    const { manifest, manifestHash } = await run.manifest()
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(verifyBoard(p, manifest, manifestHash, board.entries)).toMatchObject({ ok: true })
    expect(board.entries.filter((e: BoardEntry) => e.type === 'ballot').map((e: BoardEntry & { index: number }) => e.index).sort((a: number, b: number) => a - b)).toEqual(
      [...indexes].sort((a, b) => a - b),
    )
  })

  it('ballots cast at once get the answers they would get one after another', async () => {
    // On PostgreSQL, ballots that arrive while the database is busy go to it in one statement
    // (ballot-batches.ts): each call there must see what the calls before it wrote. PGlite runs
    // one request's statement at a time; the next test drives a batch on it directly.
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { cards: 6 })
    const revoked = await w.call('POST', `/api/admin/elections/${run.id}/cards/revoke`, {
      cookie: await run.staff(),
      payload: { card: toBase64url(run.cards[5]!.key.publicKey), cardNumber: null, replacement: null },
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    await run.open()
    const [a, b] = run.candidateIds as [string, string]
    const first = await run.seal(0, [a])
    const other = await run.seal(0, [b])
    const repeat = await run.seal(1, [b])
    const sent = [first, other, repeat, repeat, await run.seal(2, []), await run.seal(5, [a]), await run.seal(3, [a, b]), await run.seal(4, [b])]
    const replies = await Promise.all(sent.map((envelope) => run.cast(envelope)))
    const answers = replies.map((r) => (r.statusCode === 200 ? 'accepted' : r.json().code))
    // Card 0's two envelopes: whichever the database took first is on the board, the other refused.
    expect([...answers.slice(0, 2)].sort()).toEqual(['accepted', 'card_used'])
    expect(answers.slice(2)).toEqual(['accepted', 'accepted', 'accepted', 'card_revoked', 'accepted', 'accepted'])
    expect(replies[2]!.json()).toEqual(replies[3]!.json())
    const { manifest, manifestHash } = await run.manifest()
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(verifyBoard(p, manifest, manifestHash, board.entries)).toMatchObject({ ok: true })
    const ballots = board.entries.filter((e: BoardEntry) => e.type === 'ballot')
    expect(ballots).toHaveLength(5)
    const accepted = replies.filter((r) => r.statusCode === 200).map((r) => r.json().index as number)
    expect(new Set(accepted)).toEqual(new Set(ballots.map((e: BoardEntry & { index: number }) => e.index)))
  })

  it('a batch decided in one statement answers each ballot as it would alone, in the order they came', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { cards: 3 })
    await run.open()
    const [a, b] = run.candidateIds as [string, string]
    const envelopes = [await run.seal(0, [a]), await run.seal(0, [b]), await run.seal(1, []), await run.seal(2, [a, b]), await run.seal(1, [])]
    const statements = vi.spyOn(w.db, 'execute')
    const batches = ballotBatches(w.db)
    const at = w.clock.now()
    const answers = await Promise.all(
      envelopes.map((e) => batches.decide({ electionId: run.id, card: e.card, enc: e.enc, digest: envelopeHash(p, e), entry: canonicalJson(e), at })),
    )
    // The first went alone; the four that came while it was decided went in one statement.
    expect(statements).toHaveBeenCalledTimes(2)
    statements.mockRestore()
    expect(answers.map((x) => x.outcome)).toEqual(['accepted', 'card_used', 'accepted', 'accepted', 'card_used'])
    expect(answers.map((x) => x.entryIndex)).toEqual([0, 0, 1, 2, 1])
    const { manifest, manifestHash } = await run.manifest()
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(verifyBoard(p, manifest, manifestHash, board.entries)).toMatchObject({ ok: true })
  })

  it('a batch whose statement fails is decided again one by one, so only the ballot that fails alone fails', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { cards: 4 })
    await run.open()
    const failures: unknown[] = []
    const batches = ballotBatches(w.db, (error) => failures.push(error))
    const at = w.clock.now()
    // A time the database cannot read fails the statement after the ballot before it was written.
    const unreadable = new Date(Date.UTC(-5000, 0, 1))
    const call = (e: Envelope, when: Date) => batches.decide({ electionId: run.id, card: e.card, enc: e.enc, digest: envelopeHash(p, e), entry: canonicalJson(e), at: when })
    const sealed = await Promise.all([0, 1, 2, 3].map((i) => run.seal(i, [])))
    const statements = vi.spyOn(w.db, 'execute')
    const answers = await Promise.allSettled([call(sealed[3]!, at), call(sealed[0]!, at), call(sealed[1]!, unreadable), call(sealed[2]!, at)])
    // The first alone, the three after it together (failed), then each of them alone.
    expect(statements).toHaveBeenCalledTimes(5)
    statements.mockRestore()
    expect(failures).toHaveLength(1)
    expect(answers.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect(answers.flatMap((x) => (x.status === 'fulfilled' ? [x.value] : []))).toEqual([
      { outcome: 'accepted', entryIndex: 0 },
      { outcome: 'accepted', entryIndex: 1 },
      { outcome: 'accepted', entryIndex: 2 },
    ])
    // The failed statement left nothing behind: the chain has the three ballots and verifies.
    const { manifest, manifestHash } = await run.manifest()
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(board.entries.filter((e: BoardEntry) => e.type === 'ballot')).toHaveLength(3)
    expect(verifyBoard(p, manifest, manifestHash, board.entries)).toMatchObject({ ok: true })
  })

  it('refuses a second envelope from a used card, and a card revoked or of another election, each with its reason', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w)
    const otherRun = await preparedElection(w)
    const revoked = await w.call('POST', `/api/admin/elections/${run.id}/cards/revoke`, {
      cookie: await run.staff(),
      payload: { card: toBase64url(run.cards[3]!.key.publicKey), cardNumber: null, replacement: null },
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    await run.open()
    await otherRun.open()
    expect((await run.cast(await run.seal(0, []))).statusCode).toBe(200)
    const second = await run.cast(await run.seal(0, [run.candidateIds[0]!]))
    expect([second.statusCode, second.json().code]).toEqual([409, 'card_used'])
    const cancelled = await run.cast(await run.seal(3, []))
    expect([cancelled.statusCode, cancelled.json().code]).toEqual([403, 'card_revoked'])

    // A card of the other election, its key derived for this election, is no card here.
    const { manifest, manifestHash } = await run.manifest()
    const { sealBallot } = await import('../../src/shared/elections/envelope.js')
    const stranger = sealBallot(p, manifest, manifestHash, deriveCardKey(p, otherRun.cards[0]!.secret, run.id), [])
    const strangerReply = await run.cast(stranger)
    expect([strangerReply.statusCode, strangerReply.json().code]).toEqual([403, 'unknown_card'])
    // The other election's own envelope sent here is for another election.
    const misdirected = await run.cast(await otherRun.seal(0, []))
    expect([misdirected.statusCode, misdirected.json().code]).toEqual([400, 'wrong_election'])
  })

  it('refuses a forged signature, a reused sealing key and malformed envelopes with a reason, never a 5xx', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w)
    await run.open()
    const good = await run.seal(0, [run.candidateIds[0]!])
    const { signature: _, ...body } = good
    const forged = { ...good, signature: toBase64url(p.ed25519Sign(run.cards[1]!.key.seed, signedBytes(body))) }
    const forgedReply = await run.cast(forged)
    expect([forgedReply.statusCode, forgedReply.json().code]).toEqual([400, 'bad_signature'])

    expect((await run.cast(good)).statusCode).toBe(200)
    // Card 1 signs a copy of card 0's sealed ballot: it verifies, but repeats the sealing key.
    const copyBody = { ...body, card: toBase64url(run.cards[1]!.key.publicKey) }
    const copy = { ...copyBody, signature: toBase64url(p.ed25519Sign(run.cards[1]!.key.seed, signedBytes(copyBody))) }
    const copyReply = await run.cast(copy)
    expect([copyReply.statusCode, copyReply.json().code]).toEqual([409, 'enc_reused'])

    const lastSymbol = good.enc.at(-1) === 'A' ? 'E' : 'A'
    // The sealed ballot is 134 bytes: its last base64url symbol has two unused bits, here set.
    const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const unusedBitsSet = good.ciphertext.slice(0, -1) + B64U[B64U.indexOf(good.ciphertext.at(-1)!) | 1]
    const malformed: [unknown, string][] = [
      [{ ...good, enc: `${good.enc.slice(0, -1)}B` }, 'invalid_request'],
      [{ ...good, extra: 1 }, 'invalid_request'],
      [{ ...good, protocol: 'brugerstemme-ballot/2' }, 'invalid_request'],
      [{ ...good, ciphertext: unusedBitsSet }, 'malformed'],
      [{ ...good, ciphertext: toBase64url(fromBase64url(good.ciphertext).subarray(3)) }, 'wrong_length'],
      [{ ...good, manifestHash: '0'.repeat(64) }, 'wrong_manifest'],
      [{ ...good, enc: `${good.enc.slice(0, -1)}${lastSymbol}`, card: toBase64url(run.cards[2]!.key.publicKey) }, 'bad_signature'],
      [[], 'invalid_request'],
      ['{"protocol":', 'invalid_json'],
    ]
    for (const [payload, code] of malformed) {
      const reply =
        typeof payload === 'string'
          ? await w.app.inject({ method: 'POST', url: `/api/elections/${run.id}/ballots`, headers: { origin: 'http://localhost', 'content-type': 'application/json' }, payload })
          : await run.cast(payload)
      expect(reply.statusCode, reply.body).toBeLessThan(500)
      expect(reply.statusCode, reply.body).toBeGreaterThanOrEqual(400)
      expect(reply.json().code, JSON.stringify(payload).slice(0, 80)).toBe(code)
      expect(reply.json().message.length).toBeGreaterThan(10)
    }
    const unknownElection = await w.call('POST', `/api/elections/${'0190f1e2-0000-7000-8000-000000000000'}/ballots`, { payload: good })
    expect([unknownElection.statusCode, unknownElection.json().code]).toEqual([404, 'no_such_election'])
  })

  it('refuses an envelope before opening time and after closing, counting each late card once', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w)
    const draftReply = await run.cast({ protocol: 'brugerstemme-ballot/1', electionId: run.id, manifestHash: '0'.repeat(64), card: 'A'.repeat(43), enc: 'A'.repeat(43), ciphertext: 'AAAA', signature: 'A'.repeat(86) })
    expect([draftReply.statusCode, draftReply.json().code]).toEqual([409, 'voting_not_open'])
    await run.open()
    w.clock.set(OPENS - 1000)
    const early = await run.cast(await run.seal(0, []))
    expect([early.statusCode, early.json().code]).toEqual([409, 'voting_not_open'])

    w.clock.set(OPENS + 1000)
    const onTime = await run.seal(1, [])
    expect((await run.cast(onTime)).statusCode).toBe(200)
    w.clock.set(CLOSES)
    const late = await run.seal(0, [run.candidateIds[0]!])
    for (let i = 0; i < 2; i++) {
      const reply = await run.cast(late)
      expect([reply.statusCode, reply.json().code]).toEqual([409, 'voting_closed'])
    }
    // The ballot accepted in time still gets its answer when its device asks again after closing.
    expect((await run.cast(onTime)).json().receipt).toBe(receiptCode(envelopeHash(p, onTime)))
    const turnout = (await w.call('GET', `/api/admin/elections/${run.id}/turnout`, { cookie: await run.staff() })).json()
    expect(turnout).toMatchObject({ ballots: 1, late: 1 })
    const result = await run.closeAndPublish()
    expect(result).toMatchObject({ ballots: 1, late: 1, blank: 1 })
  })

  it('lets nobody close before the closing time, and counts only after closing', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w)
    await run.open()
    expect((await run.step('tally')).json()).toMatchObject({ code: 'wrong_status' })
    expect((await run.step('close')).json()).toMatchObject({ code: 'still_open' })
    expect((await run.step('publish')).json()).toMatchObject({ code: 'wrong_status' })
  })

  it('returns no choice and no per-candidate count from any route before closing', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { candidates: 3 })
    await run.open()
    for (let i = 0; i < 3; i++) expect((await run.cast(await run.seal(i, [run.candidateIds[i % 2]!]))).statusCode).toBe(200)
    const admin = await w.sessionFor({ personId: w.ids.adminId })
    const routes = ['manifest', 'board', 'result', 'receipts', 'candidates', 'candidacy']
      .map((r) => `/api/elections/:id/${r}`)
      .concat(['', '/candidates', '/roll', '/turnout', '/result'].map((r) => `/api/admin/elections/:id${r}`), '/api/admin/elections')
    for (const route of routes) {
      expect(w.app.hasRoute({ method: 'GET', url: route }), route).toBe(true)
      for (const cookie of [null, admin, await run.staff()]) {
        const reply = await w.call('GET', route.replace(':id', run.id), { cookie })
        expect(reply.statusCode, `${route}: ${reply.body}`).toBeLessThan(500)
        const text = reply.body
        for (const word of ['"totals"', '"counted"', '"elected"', '"substitutes":[']) expect(text, `${route} says ${word}`).not.toContain(word)
        for (const id of run.candidateIds) {
          expect(text, `${route} lists a choice`).not.toContain(`["${id}`)
          expect(text, `${route} counts a candidate`).not.toContain(`"${id}":`)
        }
      }
    }
    expect((await w.call('GET', `/api/elections/${run.id}/result`)).json().code).toBe('not_published')
  })

  it('publishes a board whose hash chain verifies, which no one can change, and which does not verify when changed', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { cards: 4 })
    await run.open()
    for (let i = 0; i < 3; i++) await run.cast(await run.seal(i, [run.candidateIds[0]!]))
    const replacement = deriveCardKey(p, p.randomBytes(16), run.id)
    await w.call('POST', `/api/admin/elections/${run.id}/cards/revoke`, {
      cookie: await run.staff(),
      payload: { card: null, cardNumber: (await import('../../src/shared/elections/card.js')).cardNumber(p, run.cards[3]!.key.publicKey), replacement: toBase64url(replacement.publicKey) },
    })
    w.clock.set(CLOSES)
    await run.step('close')
    const { manifest, manifestHash } = await run.manifest()
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json() as { manifestHash: string; entries: BoardEntry[] }
    expect(board.entries.map((e) => e.type)).toEqual(['ballot', 'ballot', 'ballot', 'card-revoked', 'card-added', 'closed'])
    const checked = verifyBoard(p, manifest, manifestHash, board.entries)
    expect(checked).toMatchObject({ ok: true, closed: true, headHash: entryHash(p, board.entries.at(-1)!) })

    // Two ballots swapped between entries: each entry is valid alone, but the chain breaks.
    const changed = structuredClone(board.entries) as Extract<BoardEntry, { type: 'ballot' }>[]
    ;[changed[1]!.envelope, changed[2]!.envelope] = [changed[2]!.envelope, changed[1]!.envelope as Envelope]
    expect(verifyBoard(p, manifest, manifestHash, changed)).toMatchObject({ ok: false, index: 2, problem: 'broken_chain' })
    expect(verifyBoard(p, manifest, manifestHash, board.entries.slice(1))).toMatchObject({ ok: false, index: 0, problem: 'broken_chain' })

    for (const statement of [sql`update election_board set entry = '{}' where election_id = ${run.id}`, sql`delete from election_board where election_id = ${run.id}`]) {
      await expect(w.db.execute(statement)).rejects.toThrow()
    }
  })

  it('refuses to count with another election secret than the one that sealed the key, and says why', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w)
    await run.open()
    await run.cast(await run.seal(0, []))
    w.clock.set(CLOSES)
    await run.step('close')
    const { buildTestServer } = await import('./helpers.js')
    const stranger = await buildTestServer(database, { now: w.clock.now, electionSecret: p.randomBytes(32), syncRegistry: w.registry })
    const staff = await run.staff()
    const reply = await stranger.inject({ method: 'POST', url: `/api/admin/elections/${run.id}/tally`, headers: { origin: 'http://localhost', cookie: `${SESSION_COOKIE}=${staff}` }, payload: {} })
    expect([reply.statusCode, reply.json().code]).toEqual([409, 'wrong_election_secret'])
    expect((await run.step('tally')).statusCode).toBe(200)
  })

  it('checks settings and refuses changes once voting has opened', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w)
    const detail = (await w.call('GET', `/api/admin/elections/${run.id}`, { cookie: await run.staff() })).json()
    expect(detail).toMatchObject({ status: 'draft', cards: { valid: 4, revoked: 0 }, candidates: { approved: 3, waiting: 0 } })
    const { id: _, status: _s, councilName: _c, cards: _k, roll: _r, candidates: _a, manifestHash: _m, publishedAt: _p, appliedAt: _ap, ...settings } = detail
    const bad = await w.call('PUT', `/api/admin/elections/${run.id}`, { cookie: await run.staff(), payload: { ...settings, votingClosesAt: settings.votingOpensAt } })
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'voting_closes_before_opens'])
    await run.open()
    const late = await w.call('PUT', `/api/admin/elections/${run.id}`, { cookie: await run.staff(), payload: { ...settings, title: 'Nyt navn' } })
    expect([late.statusCode, late.json().code]).toEqual([409, 'election_opened'])
  })

  it('keeps a draft to staff until candidacy begins, then lists it for everyone', async () => {
    w.clock.set(Date.parse('2026-05-01T10:00:00Z'))
    const run = await preparedElection(w)
    const listed = async () => (await w.call('GET', `/api/elections?councilId=${w.ids.councilId}`)).json().map((e: { id: string }) => e.id)
    expect(await listed()).not.toContain(run.id)
    expect((await w.call('GET', `/api/elections/${run.id}`)).statusCode).toBe(404)
    w.clock.set(Date.parse('2026-05-20T08:00:00Z'))
    expect(await listed()).toContain(run.id)
    expect((await w.call('GET', `/api/elections/${run.id}`)).json()).toMatchObject({ status: 'draft', councilName: 'Brugerrådet på Solbakken', maxChoices: 2 })
  })

  it('keeps the board valid when cards are revoked while they vote', async () => {
    w.clock.set(Date.parse('2026-06-01T10:00:00Z'))
    const run = await preparedElection(w, { cards: 12 })
    await run.open()
    const envelopes = await Promise.all(run.cards.map((_, i) => run.seal(i, [])))
    const staff = await run.staff()
    const revoke = (i: number) =>
      w.call('POST', `/api/admin/elections/${run.id}/cards/revoke`, { cookie: staff, payload: { card: toBase64url(run.cards[i]!.key.publicKey), cardNumber: null, replacement: null } })
    const replies = await Promise.all(envelopes.flatMap((envelope, i) => [run.cast(envelope), revoke(i)]))
    expect(replies.every((r) => r.statusCode < 500)).toBe(true)
    const { manifest, manifestHash } = await run.manifest()
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(verifyBoard(p, manifest, manifestHash, board.entries)).toMatchObject({ ok: true })
    const accepted = replies.filter((_, i) => i % 2 === 0 && replies[i]!.statusCode === 200).length
    expect(board.entries.filter((e: BoardEntry) => e.type === 'ballot')).toHaveLength(accepted)
  })

  it('takes a sealed ballot from a device outbox as a sync command, once, and gives devices following the council the manifest', async () => {
    // The sync push runs on the real clock, so this election is open now.
    const now = Date.now()
    w.clock.set(now - 2 * 3_600_000)
    const iso = (ms: number) => new Date(ms).toISOString()
    const run = await preparedElection(w, { input: { candidacyOpensAt: null, candidacyClosesAt: null, votingOpensAt: iso(now - 3_600_000), votingClosesAt: iso(now + 86_400_000) } })
    await w.call('POST', `/api/admin/elections/${run.id}/open`, { cookie: await run.staff(), payload: {} })
    w.clock.set(now)
    const { manifestHash } = await run.manifest()
    const pulled = (await w.pull(`council:${w.ids.councilId}`)).json()
    const records = pulled.changes.filter((c: { entity: string }) => c.entity.startsWith('election-'))
    expect(records.find((c: { entity: string; entityId: string }) => c.entity === 'election-manifest' && c.entityId === run.id)?.data).toMatchObject({ manifestHash })
    expect(records.filter((c: { entity: string; data: { electionId: string } | null }) => c.entity === 'election-candidate' && c.data?.electionId === run.id)).toHaveLength(3)

    const envelope = await run.seal(0, [run.candidateIds[0]!])
    const push = (mutationId: string) =>
      w.call('POST', '/api/sync/push', {
        payload: { clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations: [{ id: mutationId, entity: 'election-ballot', entityId: uuidv7(), op: 'put', patch: { electionId: run.id, envelope }, baseVersion: null }] },
      })
    const first = (await push(uuidv7())).json().results[0]
    expect(first).toMatchObject({ status: 'applied', data: { receipt: receiptCode(envelopeHash(p, envelope)) } })
    // The same envelope again (a lost answer): the same receipt, still one ballot.
    expect((await push(uuidv7())).json().results[0]).toMatchObject({ status: 'applied', data: { receipt: first.data.receipt } })
    const second = (await push(uuidv7())).json()
    expect(second.results[0].status).toBe('applied')
    const again = await run.seal(0, [])
    const refused = (
      await w.call('POST', '/api/sync/push', {
        payload: { clientId: uuidv7(), protocolVersion: SYNC_PROTOCOL_VERSION, mutations: [{ id: uuidv7(), entity: 'election-ballot', entityId: uuidv7(), op: 'put', patch: { electionId: run.id, envelope: again }, baseVersion: null }] },
      })
    ).json().results[0]
    expect(refused).toMatchObject({ status: 'rejected', code: 'card_used' })
    const board = (await w.call('GET', `/api/elections/${run.id}/board`)).json()
    expect(board.entries.filter((e: BoardEntry) => e.type === 'ballot')).toHaveLength(1)
  })

  it('keeps a candidate’s own recording with the presentation: private until approved, then everyone can hear it', async () => {
    w.clock.set(Date.parse('2026-05-25T10:00:00Z'))
    const run = await preparedElection(w, { candidates: 0 })
    const member = await w.sessionFor({ personId: w.ids.memberId })
    const audio = Buffer.concat([Buffer.from('1a45dfa3', 'hex'), p.randomBytes(400)])
    const sha256 = createHash('sha256').update(audio).digest('hex')
    const recording = { sha256, type: 'audio/webm', bytes: audio.length }
    const stand = () => w.call('PUT', `/api/elections/${run.id}/candidacy`, { cookie: member, payload: { name: 'Karen Holm', presentation: 'Hør mig selv sige det.', photo: null, recording } })
    expect((await stand()).json()).toMatchObject({ code: 'recording_missing' })

    const uploaded = await w.app.inject({ method: 'PUT', url: `/api/media/${sha256}`, headers: { origin: 'http://localhost', cookie: `${SESSION_COOKIE}=${member}`, 'content-type': 'audio/webm' }, payload: audio })
    expect(uploaded.statusCode, uploaded.body).toBe(200)
    const stood = await stand()
    expect(stood.json()).toMatchObject({ status: 'proposed', recording })
    const hear = (cookie: string | null) => w.call('GET', `/api/media/${sha256}`, { cookie })
    expect((await hear(null)).statusCode).toBe(404)
    expect((await hear(await run.staff())).statusCode).toBe(200)
    expect((await hear(member)).statusCode).toBe(200)

    await w.call('POST', `/api/admin/candidates/${stood.json().id}/approve`, { cookie: await run.staff(), payload: {} })
    expect((await w.call('GET', `/api/elections/${run.id}/candidates`)).json()).toEqual([expect.objectContaining({ name: 'Karen Holm', recording })])
    expect((await hear(null)).statusCode).toBe(200)
    const pulled = (await w.pull(`council:${w.ids.councilId}`)).json().changes.find((c: { entityId: string }) => c.entityId === stood.json().id)
    expect(pulled.data).toMatchObject({ status: 'approved', personId: null, recording })
  })
})
