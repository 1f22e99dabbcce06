import { expect, type Page } from '@playwright/test'
import { toBase64url } from '../../src/shared/elections/bytes.js'
import { cardCode, deriveCardKey, formatCardCode } from '../../src/shared/elections/card.js'
import { noblePrimitives as p } from '../../src/shared/elections/noble-primitives.js'
import type { ElectionInput } from '../../src/shared/elections/model.js'
import { signInAsStaff } from './admin-helpers.js'
import { SECRETARY } from './accounts-helpers.js'

export interface TestElection {
  id: string
  title: string
  codes: string[]
  publicKeys: string[]
  candidates: { id: string; name: string }[]
  closesAt: number
}

/** Calls the staff API from a signed-in staff page, as the staff screens do. */
export async function staffCall<T>(staff: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await staff.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
      return { status: response.status, json: (await response.json()) as unknown }
    },
    { method, path, body },
  )
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.json)}`).toBe(200)
  return answer.json as T
}

/**
 * An election of the council, prepared as staff would (the cards made here, as in the staff
 * browser, so the test holds their codes): `open` opens voting at once, closing `closesInMs` later.
 */
export async function prepareElection(
  staff: Page,
  councilId: string,
  options: { candidates: string[]; cards: number; closesInMs: number; open: boolean; candidacyOpen?: boolean },
): Promise<TestElection> {
  const now = Date.now()
  const title = `Prøvevalg ${now}`
  const input: ElectionInput = {
    councilId,
    title,
    seats: 1,
    substitutes: 1,
    maxChoices: 2,
    termStart: '2027-01-01',
    termEnd: '2028-12-31',
    voters: 'users',
    relativesMayVoteForResident: false,
    candidateOrder: 'alphabetical',
    candidacyOpensAt: options.candidacyOpen ? new Date(now - 3_600_000).toISOString() : null,
    candidacyClosesAt: options.candidacyOpen ? new Date(now + options.closesInMs - 1000).toISOString() : null,
    votingOpensAt: new Date(options.candidacyOpen ? now + options.closesInMs : now - 60_000).toISOString(),
    votingClosesAt: new Date(now + options.closesInMs + (options.candidacyOpen ? 86_400_000 : 0)).toISOString(),
    easyRead: 'Vi vælger et medlem. Du kan stemme på op til to.',
  }
  const election = await staffCall<{ id: string }>(staff, 'POST', '/api/admin/elections', input)
  const candidates: { id: string; name: string }[] = []
  for (const name of options.candidates) {
    const entered = await staffCall<{ id: string }>(staff, 'POST', `/api/admin/elections/${election.id}/candidates`, {
      name,
      presentation: `Jeg hedder ${name}. Jeg vil gerne være med i rådet.`,
      photo: null,
      recording: null,
      personId: null,
      consentGivenAt: '2026-05-01',
      consentNote: 'Sagde ja',
    })
    candidates.push({ id: entered.id, name })
  }
  const secrets = Array.from({ length: options.cards }, () => p.randomBytes(16))
  const publicKeys = secrets.map((secret) => toBase64url(deriveCardKey(p, secret, election.id).publicKey))
  await staffCall(staff, 'POST', `/api/admin/elections/${election.id}/cards`, { cards: publicKeys })
  if (options.open) await staffCall(staff, 'POST', `/api/admin/elections/${election.id}/open`, {})
  return { id: election.id, title, codes: secrets.map((s) => formatCardCode(cardCode(s))), publicKeys, candidates, closesAt: Date.parse(input.votingClosesAt) }
}

/** A staff page of the secretary of Brugerrådet på Solbakken, and the council's id. */
export async function secretaryPage(staff: Page): Promise<string> {
  const me = await signInAsStaff(staff, { email: SECRETARY.email, password: SECRETARY.password })
  return me.staffCouncilIds![0]!
}

/** Closes (once the closing time has passed), counts and publishes, as staff would. */
export async function closeAndPublish(staff: Page, election: TestElection): Promise<void> {
  const wait = election.closesAt - Date.now() + 500
  if (wait > 0) await staff.waitForTimeout(wait)
  for (const step of ['close', 'tally', 'publish']) await staffCall(staff, 'POST', `/api/admin/elections/${election.id}/${step}`, {})
}

/** The ballots on the public board that a card cast. */
export async function ballotsOf(page: Page, electionId: string, publicKey: string): Promise<number> {
  const board = await page.evaluate(async (id) => (await fetch(`/api/elections/${id}/board`)).json(), electionId)
  return (board as { entries: { type: string; envelope?: { card: string } }[] }).entries.filter((e) => e.type === 'ballot' && e.envelope?.card === publicKey).length
}
