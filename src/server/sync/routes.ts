import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ErrorResponse } from '../../shared/system/health.js'
import {
  MIN_CLIENT_PROTOCOL_VERSION,
  PULL_PAGE_SIZE,
  PUSH_BODY_LIMIT,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  Scope,
  parseScopes,
} from '../../shared/sync/protocol.js'
import type { Db } from '../db/database.js'
import { syncState } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import type { PokeBus } from './pokes.js'
import { applyPush } from './push.js'
import { readChanges } from './pull.js'
import type { Actor, SyncRegistry } from './registry.js'

const HEARTBEAT_MS = 25_000
const SCOPE = new RegExp((Scope as unknown as { pattern: string }).pattern)

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

export function registerSyncRoutes(app: FastifyInstance, deps: { db: Db; registry: SyncRegistry; pokes: PokeBus }): void {
  // Open event streams never end by themselves; closing the server must end them.
  const openStreams = new Set<() => void>()
  app.addHook('onClose', async () => {
    for (const close of openStreams) close()
  })

  app.post(
    '/api/sync/push',
    {
      bodyLimit: PUSH_BODY_LIMIT,
      schema: {
        summary: 'Apply changes made on a device',
        tags: ['sync'],
        body: PushRequest,
        response: { 200: PushResponse, 401: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body as PushRequest
      if (refuseEndedSession(request, reply)) return reply
      if (body.protocolVersion < MIN_CLIENT_PROTOCOL_VERSION) {
        return sendError(reply, 409, 'client_outdated', outdatedMessage)
      }
      const response = await applyPush(deps.db, deps.registry, resolveActor(request), body)
      if (response.results.some((r) => r.status === 'applied' && r.version === response.version)) {
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
      const query = request.query as PullQuery
      if (refuseEndedSession(request, reply)) return reply
      if (query.protocolVersion < MIN_CLIENT_PROTOCOL_VERSION) {
        return sendError(reply, 409, 'client_outdated', outdatedMessage)
      }
      const scopes = parseScopes(query.scopes)
      const bad = scopes.find((scope) => !SCOPE.test(scope))
      if (bad !== undefined) {
        return sendError(reply, 400, 'invalid_scope', `"${bad}" is not a scope. Scopes look like "council:<id>".`)
      }
      return readChanges(deps.db, deps.registry, resolveActor(request), Number(query.since), scopes, query.limit ?? PULL_PAGE_SIZE)
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
      const lastSeen = Number(request.headers['last-event-id'])
      const current = await currentVersion(deps.db)
      // A device that reconnects after missing pokes is told at once.
      if (!Number.isFinite(lastSeen) || lastSeen < current) send(current)
      const unsubscribe = deps.pokes.subscribe((version) => {
        // -1: the bus itself reconnected and may have missed pokes; send the real version.
        if (version >= 0) send(version)
        else void currentVersion(deps.db).then(send, () => {})
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
