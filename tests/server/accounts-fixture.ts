import type { InjectOptions } from 'fastify'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { createSignInLimits } from '../../src/server/accounts/rate-limit.js'
import { newToken, sha256 } from '../../src/server/accounts/secrets.js'
import { SESSION_COOKIE } from '../../src/server/accounts/sessions.js'
import { hashPassword } from '../../src/server/accounts/passwords.js'
import type { Database } from '../../src/server/db/database.js'
import { memberships, people, sessions, staffCouncils } from '../../src/server/db/schema.js'
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../../src/server/demo/accounts.js'
import type { SyncRegistry } from '../../src/server/sync/registry.js'
import { buildTestServer } from './helpers.js'
import { personalTestRegistry } from './sync-fixture.js'

export { DEMO_ACCOUNTS }
export const ORIGIN = { origin: 'http://localhost' }
export const OTHER_SECRETARY = { email: 'anden@test.brugerstemme.dk', password: 'anden-sekretaer-kodeord' }
/** Inside the demo members' terms (2026–2027). */
export const START = Date.parse('2026-06-01T10:00:00Z')

export interface Reply {
  statusCode: number
  headers: Record<string, unknown>
  body: string
  rawPayload: Buffer
  json: () => any // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read many shapes
  cookies: { name: string; value: string; [k: string]: unknown }[]
}

/**
 * The demo seed (two councils, an admin, a secretary of the first council, members, a relative
 * with consent) plus a secretary of the second council, on a server whose clock the test moves.
 */
export async function openWorld(database: Database, options: { registry?: SyncRegistry } = {}) {
  let nowMs = START
  const clock = { now: () => new Date(nowMs), advance: (ms: number) => void (nowMs += ms), set: (ms: number) => void (nowMs = ms) }
  const registry = options.registry ?? personalTestRegistry()
  const ids = await database.db.transaction((tx) => seedDemoAccounts(tx, registry))
  const otherSecretaryId = uuidv7()
  await database.db.insert(people).values({
    id: otherSecretaryId,
    kind: 'staff',
    name: 'Olga Andenråd',
    email: OTHER_SECRETARY.email,
    passwordHash: await hashPassword(OTHER_SECRETARY.password),
    staffRole: 'secretary',
  })
  await database.db.insert(staffCouncils).values({ personId: otherSecretaryId, councilId: ids.otherCouncilId })
  const limits = createSignInLimits(database.db, crypto.getRandomValues(new Uint8Array(32)), { now: () => nowMs })
  const app = await buildTestServer(database, { syncRegistry: registry, now: clock.now, signInLimits: limits })

  const call = async (method: InjectOptions['method'], url: string, options: { cookie?: string | null; payload?: unknown; headers?: Record<string, string>; remoteAddress?: string } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...ORIGIN, ...options.headers }
    if (options.cookie) headers.cookie = `${SESSION_COOKIE}=${options.cookie}`
    const response = await app.inject({ method, url, headers, remoteAddress: options.remoteAddress, ...(options.payload !== undefined ? { payload: options.payload as object } : {}) })
    return response as unknown as Reply
  }
  const sessionCookie = (reply: Reply) => reply.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? null

  return {
    app,
    db: database.db,
    registry,
    clock,
    limits,
    ids: { ...ids, otherSecretaryId },
    call,
    sessionCookie,
    /** Pulls one scope from the start, as a device with this cookie would. */
    async pull(scope: string, cookie: string | null = null) {
      const reply = await call('GET', `/api/sync/pull?since=0&scopes=${encodeURIComponent(scope)}&protocolVersion=1`, { cookie })
      return reply
    },
    async signIn(email: string, password: string): Promise<string> {
      const reply = await call('POST', '/api/auth/staff', { payload: { email, password } })
      if (reply.statusCode !== 200) throw new Error(`sign-in failed: ${reply.body}`)
      return sessionCookie(reply)!
    },
    async cardSignIn(code: string): Promise<string> {
      const reply = await call('POST', '/api/auth/card', { payload: { code } })
      if (reply.statusCode !== 200) throw new Error(`card sign-in failed: ${reply.body}`)
      return sessionCookie(reply)!
    },
    /** A live session written straight to the database: a signed-in device without the sign-in cost. */
    async sessionFor(who: { personId: string } | { kioskCouncilId: string }): Promise<string> {
      const token = newToken()
      const now = clock.now()
      await database.db.insert(sessions).values({
        id: uuidv7(),
        tokenHash: sha256(token),
        kind: 'personId' in who ? 'card' : 'kiosk',
        personId: 'personId' in who ? who.personId : null,
        kioskCouncilId: 'kioskCouncilId' in who ? who.kioskCouncilId : null,
        kioskMode: 'kioskCouncilId' in who ? 'shared-screen' : null,
        label: 'Test',
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
      })
      return token
    },
    /** A cardholder with no council yet, for routes that change or remove someone. */
    async newPerson(kind: 'member' | 'relative' | 'participant' = 'member', councilId?: string): Promise<{ personId: string; membershipId: string | null }> {
      const personId = uuidv7()
      // Made by the council's secretary, as through POST /api/admin/people.
      await database.db.insert(people).values({ id: personId, kind, name: `Prøve ${personId.slice(-4)}`, createdBy: ids.secretaryId })
      if (!councilId) return { personId, membershipId: null }
      const membershipId = uuidv7()
      await database.db.insert(memberships).values({ id: membershipId, councilId, personId, role: 'member', termStart: '2026-01-01', termEnd: null, listedPublicly: false })
      return { personId, membershipId }
    },
  }
}

export type World = Awaited<ReturnType<typeof openWorld>>
