import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ErrorResponse } from '../../shared/system/health.js'
import {
  MIN_CLIENT_PROTOCOL_VERSION,
  INLINE_POKE_BYTES,
  PULL_PAGE_SIZE,
  PUSH_BODY_LIMIT,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  isScope,
  parseScopes,
} from '../../shared/sync/protocol.js'
import { desc, sql } from 'drizzle-orm'
import type { Db } from '../db/database.js'
import { syncRecords, syncState } from '../db/schema.js'
import { PUBLIC } from './audience.js'
import { loggableError, sendError } from '../http/errors.js'
import { ANONYMOUS_PUSH_RULE, type AttemptLimiter } from '../accounts/rate-limit.js'
import type { PokeBus } from './pokes.js'
import { applyPush } from './push.js'
import { readChanges, readVersion } from './pull.js'
import { sharedPulls } from './shared-pulls.js'
import type { Actor, SyncRegistry } from './registry.js'
import { typed } from '../http/typed-app.js'

const HEARTBEAT_MS = 25_000

/**
 * A device nobody is signed in on can store nothing, yet each of its pushes costs the server a
 * transaction: per address they slow down past ANONYMOUS_PUSH_RULE, counted in the database so
 * every server process shares the count. True when the push was answered with a 429.
 */
async function anonymousPushWait(limiter: AttemptLimiter, ip: string, reply: FastifyReply): Promise<boolean> {
  const key = limiter.keyOf('anonymous-push', ip)
  const wait = await limiter.waitSeconds([key])
  if (wait === 0) {
    await limiter.fail(key, ANONYMOUS_PUSH_RULE)
    return false
  }
  reply.header('Retry-After', String(wait))
  sendError(reply, 429, 'too_many_pushes', `Too many changes were sent from here without a sign-in. Wait ${wait} seconds, or sign in.`)
  return true
}

/** The signed-in person or kiosk, resolved by the session hook (src/server/accounts/sessions.ts). */
function resolveActor(request: FastifyRequest): Actor {
  return request.actor
}

/**
 * A device whose session ended (signed out elsewhere, card revoked) must learn it at its next
 * sync, so it can wipe what it holds of that person, rather than quietly go on as anonymous.
 */
function refuseEndedSession(request: FastifyRequest, reply: FastifyReply): boolean {
  if (!request.sessionEnded) return false
  sendError(reply, 401, 'session_ended', 'You have been signed out on this device. Sign in again to go on.')
  return true
}

const outdatedMessage =
  'This version of the app is too old to sync. Update the app (reload the page) and try again.'

export function registerSyncRoutes(parent: FastifyInstance, deps: { db: Db; registry: SyncRegistry; pokes: PokeBus; now: () => Date; limiter: AttemptLimiter }): void {
  const app = typed(parent)
  const publicPokes = publicPokeFrames(deps.db, deps.registry)
  const pulls = sharedPulls((principals, since, scopes, limit) => readChanges(deps.db, deps.registry, principals, since, scopes, limit))
  const stopWatching = deps.pokes.subscribe((version) => pulls.poked(version))
  app.addHook('onClose', async () => stopWatching())
  // Open event streams never end by themselves; closing the server must end them.
  const openStreams = new Set<() => void>()
  app.addHook('onClose', async () => {
    for (const close of openStreams) close()
  })

  app.post(
    '/api/sync/push',
    {
      bodyLimit: PUSH_BODY_LIMIT,
      // Each mutation is checked on its own in applyPush, so one hostile change does not cost the rest.
      config: { hostileBody: 'per-item' },
      schema: {
        summary: 'Apply changes made on a device',
        tags: ['sync'],
        body: PushRequest,
        response: { 200: PushResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body
      if (refuseEndedSession(request, reply)) return reply
      if (body.protocolVersion < MIN_CLIENT_PROTOCOL_VERSION) {
        return sendError(reply, 409, 'client_outdated', outdatedMessage)
      }
      if (request.actor.kind === 'anonymous' && (await anonymousPushWait(deps.limiter, request.ip, reply))) return reply
      const response = await applyPush(deps.db, deps.registry, resolveActor(request), body, {
        // The server's own clock, so an election's opening hours hold under a test clock too.
        now: deps.now(),
        onError: (error) => request.log.error({ error: loggableError(error as Error) }, 'a mutation could not be stored'),
      })
      if (response.results.some((r) => r.status === 'applied' && r.version === response.version)) {
        pulls.poked(response.version)
        await deps.pokes.publish(response.version).catch((error: unknown) => request.log.warn({ err: error }, 'poke failed'))
      }
      return response
    },
  )

  app.get(
    '/api/sync/pull',
    {
      schema: {
        summary: 'Changes after a cursor, for the scopes a device follows',
        tags: ['sync'],
        querystring: PullQuery,
        response: { 200: PullResponse, 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const query = request.query
      if (refuseEndedSession(request, reply)) return reply
      if (query.protocolVersion < MIN_CLIENT_PROTOCOL_VERSION) {
        return sendError(reply, 409, 'client_outdated', outdatedMessage)
      }
      const scopes = parseScopes(query.scopes)
      const bad = scopes.find((scope) => !isScope(scope))
      if (bad !== undefined) {
        return sendError(reply, 400, 'invalid_scope', `"${bad}" is not a scope. Scopes look like "council:<id>".`)
      }
      const principals = await deps.registry.principalsOf(deps.db, resolveActor(request))
      return pulls.read(principals, Number(query.since), scopes, query.limit ?? PULL_PAGE_SIZE)
    },
  )

  app.get(
    '/api/sync/events',
    {
      schema: {
        summary: 'Server-Sent Events: a poke with the newest version whenever something changed',
        tags: ['sync'],
        querystring: Type.Object({}),
        response: { 200: Type.String({ description: 'text/event-stream of "poke" events' }) },
      },
    },
    async (request, reply) => {
      // The stream is written directly: compression and the JSON serializer would buffer it.
      const headers = Object.fromEntries(
        Object.entries(reply.getHeaders()).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined),
      )
      reply.hijack()
      const raw = reply.raw
      raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      const send = (version: number) => raw.write(`id: ${version}\nevent: poke\ndata: {"version":${version}}\n\n`)
      raw.write('retry: 5000\n\n')
      // Nobody signed in: pokes only for changes the public can read, so an open stream does not
      // tell a stranger when a council's staff or members are at work. Those pokes carry the
      // public's changes of that version (read and serialised once per process, see publicPokes),
      // so a follower need not pull. A device whose session ended gets plain pokes, so that its
      // next pull tells it (401 session_ended) and it wipes what it held.
      const anonymous = request.actor.kind === 'anonymous'
      const inline = anonymous && !request.sessionEnded && isPublicOnly(await deps.registry.principalsOf(deps.db, request.actor))
      const newest = () => (anonymous ? publicVersion(deps.db) : currentVersion(deps.db))
      const lastSeen = Number(request.headers['last-event-id'])
      const current = await newest()
      // A device that reconnects after missing pokes is told at once.
      if (!Number.isFinite(lastSeen) || lastSeen < current) send(current)
      const unsubscribe = deps.pokes.subscribe((version) => {
        // -1: the bus itself reconnected and may have missed pokes; send the real version.
        if (version < 0) void newest().then(send, () => {})
        else if (!anonymous) send(version)
        else {
          void publicPokes.frame(version).then(
            (frame) => {
              if (frame) raw.write(inline ? frame.withChanges : frame.plain)
            },
            () => {},
          )
        }
      })
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS)
      const close = () => {
        clearInterval(heartbeat)
        unsubscribe()
        openStreams.delete(close)
        raw.end()
      }
      openStreams.add(close)
      request.raw.on('close', close)
    },
  )
}

async function currentVersion(db: Db): Promise<number> {
  const [state] = await db.select().from(syncState)
  return state?.version ?? 0
}

const isPublic = sql`${PUBLIC} = any(${syncRecords.everAudience})`

/** The newest version that changed something the public could read. */
async function publicVersion(db: Db): Promise<number> {
  const [row] = await db.select({ version: syncRecords.version }).from(syncRecords).where(isPublic).orderBy(desc(syncRecords.version)).limit(1)
  return row?.version ?? 0
}

const isPublicOnly = (principals: string[]) => principals.length === 1 && principals[0] === PUBLIC

interface PublicFrames {
  /** The poke with the version's public changes, for a stream of the public. */
  withChanges: Buffer
  /** The plain poke, for a stream of the public that must pull (its session ended). */
  plain: Buffer
}

/**
 * What the public's streams are sent for a version, or null when it changed nothing the public
 * may read: read and serialised once per version and process, for every anonymous stream, so a
 * "next item" costs two queries per process however many follow. Frames are made in the order
 * the versions were heard, so a device is not handed a newer version before an older one.
 */
function publicPokeFrames(db: Db, registry: SyncRegistry) {
  const answers = new Map<number, Promise<PublicFrames | null>>()
  let last: Promise<unknown> = Promise.resolve()
  return {
    frame(version: number): Promise<PublicFrames | null> {
      let answer = answers.get(version)
      if (!answer) {
        answer = last.then(async () => {
          const read = await readVersion(db, registry, [PUBLIC], version)
          if (!read) return null
          const plain = `id: ${version}\nevent: poke\ndata: {"version":${version}}\n\n`
          const changes = JSON.stringify(read.changes)
          const inline = read.changes.length > 0 && changes.length <= INLINE_POKE_BYTES
          return {
            plain: Buffer.from(plain),
            withChanges: inline ? Buffer.from(`id: ${version}\nevent: poke\ndata: {"version":${version},"after":${read.after},"changes":${changes}}\n\n`) : Buffer.from(plain),
          }
        })
        last = answer.catch(() => {})
        answers.set(version, answer)
        // Only the last few versions are ever asked about.
        if (answers.size > 64) answers.delete(answers.keys().next().value!)
      }
      return answer
    },
  }
}
