import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { registerAdminRoutes } from './accounts/admin-routes.js'
import { registerAuthRoutes } from './accounts/auth-routes.js'
import type { AccountsContext } from './accounts/context.js'
import { createSignInLimits, type SignInLimits } from './accounts/rate-limit.js'
import { registerSessions } from './accounts/sessions.js'
import type { Database } from './db/database.js'
import { registerErrorHandling } from './http/errors.js'
import { registerElectionRoutes } from './elections/routes.js'
import { registerWorkshopRoutes } from './workshops/routes.js'
import { registerCalendarRoutes } from './meetings/calendar-routes.js'
import { registerStatementRoutes } from './help/statement-routes.js'
import { enforceRouteSchemas } from './http/route-schemas.js'
import { registerSecurityHeaders } from './http/security-headers.js'
import { answerClientError, answerFrameworkError, CONNECTION_IDLE_MS, REQUEST_TIMEOUT_MS } from './http/early-errors.js'
import { firstPullElement, firstPullFor, MEETING_PAGE, START_PAGES } from './http/first-pull.js'
import { pageRenderer } from './http/render-page.js'
import { APP_CHUNKS_ID } from '../shared/sync/app-chunks.js'
import { APP_STARTED_COOKIE } from '../shared/sync/first-pull.js'
import { routePreloads } from './http/route-preload.js'
import { registerStaticApp } from './http/static-app.js'
import { isApiRequest } from './http/api-path.js'
import { requireSameOrigin } from './http/same-origin.js'
import { registerPublicOrigin } from './http/public-origin.js'
import { lazySchemaController, registerValidation } from './http/validation.js'
import { refuseHostileInput } from './http/hostile-input.js'
import { startRetentionJob } from './privacy/retention.js'
import { registerHealthRoutes } from './system/health-routes.js'
import { createMemoryPokeBus, createPostgresPokeBus, type PokeBus } from './sync/pokes.js'
import { createSyncRegistry } from './sync/entities.js'
import type { SyncRegistry } from './sync/registry.js'
import { startSyncHousekeeping } from './sync/housekeeping.js'
import { registerMediaRoutes } from './sync/media.js'
import { registerSyncRoutes } from './sync/routes.js'
import { registerOpenApi, registerOpenApiRoute } from './system/openapi.js'

export interface BuildServerOptions {
  /** PUBLIC_ORIGIN: the only origin state-changing requests may come from, and the base of links. */
  publicOrigin?: string
  database: Database
  staticDir: string
  /**
   * The module public pages are rendered with (dist/ssr/render-page.js, http/render-page.ts);
   * without it every page goes out as the app's plain shell, as in most server tests.
   */
  renderModule?: string
  version: string
  trustProxy?: boolean | string
  logger?: FastifyServerOptions['logger']
  /** Largest accepted request body; photos and audio will get their own upload routes. */
  bodyLimit?: number
  /** The features' sync entities; see src/server/sync/entities.ts. */
  syncRegistry?: SyncRegistry
  /** Defaults to LISTEN/NOTIFY on PostgreSQL (any number of processes), in-process on PGlite. */
  pokes?: PokeBus
  /** Sign-in rate limits; tests pass their own to start from zero or to move the clock. */
  signInLimits?: SignInLimits
  /** The clock for sessions and retention; tests move it instead of waiting. */
  now?: () => Date
  /**
   * Seals election keys at rest (src/server/elections/secret.ts) and keys the attempt limiter's
   * HMACs (src/server/accounts/rate-limit.ts); a random one per process in tests.
   */
  electionSecret?: Uint8Array
  /** A connection that sends nothing for this long is closed (default CONNECTION_IDLE_MS); tests shorten it. */
  connectionIdleMs?: number
  /** A request must have arrived whole within this (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number
  /** Days an ended or expired session is kept before the daily job removes it (default 30). */
  endedSessionDays?: number
  /** How long answers to mutations are kept for devices that send one again (default 30 days). */
  mutationRetentionDays?: number
}

/**
 * Request logs name the method, the path without its query (invite links will carry secrets
 * there) and the status, and never the client's address or user agent: participation data must
 * not be linkable to a device.
 */
export const privacyPreservingSerializers = {
  req(request: { method: string; url: string; id: string }) {
    return { id: request.id, method: request.method, path: request.url.split('?')[0] }
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode }
  },
}

export async function buildServer(options: BuildServerOptions) {
  const logger = options.logger ?? { level: 'info', serializers: privacyPreservingSerializers }
  const app = Fastify({
    logger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Request ids are random per process; they link log lines of one request, nothing else.
    genReqId: () => crypto.randomUUID(),
    // Browsers open speculative sockets that never send a request; Node does not count them as
    // idle, so a graceful close would wait for them until the header timeout. Every sync
    // request is idempotent, so a request cut by a shutdown is simply sent again.
    forceCloseConnections: true,
    connectionTimeout: options.connectionIdleMs ?? CONNECTION_IDLE_MS,
    requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    schemaController: lazySchemaController,
  })

  registerErrorHandling(app)
  registerValidation(app)
  enforceRouteSchemas(app)
  await registerSecurityHeaders(app)
  await app.register(compress, { threshold: 1024 })
  await registerOpenApi(app, options.version)
  await app.register(cookie)
  registerPublicOrigin(app, options.publicOrigin)
  requireSameOrigin(app)
  refuseHostileInput(app)

  app.addHook('onSend', async (request, reply) => {
    if (isApiRequest(request) && !reply.hasHeader('Cache-Control')) {
      reply.header('Cache-Control', 'no-store')
    }
  })

  const { database } = options
  const electionSecret = options.electionSecret ?? crypto.getRandomValues(new Uint8Array(32))
  const pokes =
    options.pokes ??
    (database.kind === 'postgres' && database.url ? createPostgresPokeBus(database.url, app.log) : createMemoryPokeBus())
  const accounts: AccountsContext = {
    db: database.db,
    registry: options.syncRegistry ?? createSyncRegistry(),
    pokes,
    limits: options.signInLimits ?? createSignInLimits(database.db, electionSecret),
    now: options.now ?? (() => new Date()),
    endedSessionDays: options.endedSessionDays ?? 30,
  }
  registerSessions(app, database.db, accounts.now)
  registerHealthRoutes(app, options.database)
  registerAuthRoutes(app, accounts)
  registerAdminRoutes(app, accounts)
  registerCalendarRoutes(app, database.db, accounts.registry)
  registerElectionRoutes(app, { ...accounts, electionSecret })
  registerStatementRoutes(app, accounts)
  registerWorkshopRoutes(app, accounts)
  startRetentionJob(app, accounts)
  registerSyncRoutes(app, { db: database.db, registry: accounts.registry, pokes, now: accounts.now, limiter: accounts.limits.limiter })
  registerMediaRoutes(app, { db: database.db, registry: accounts.registry })
  startSyncHousekeeping(app, database.db, accounts.now, options.mutationRetentionDays ?? 30)
  registerOpenApiRoute(app)
  const preloads = routePreloads(options.staticDir)
  const render = pageRenderer(options.renderModule ?? null, app.log)
  await registerStaticApp(app, options.staticDir, async (request, pathname) => {
    // The app's own code comes after the small entry has run (src/app/main.ts): named here, a page
    // the app draws fetches it beside the entry, one round trip sooner. A page the server rendered
    // gets it after its first paint instead. Without a manifest to name it from, the plain file.
    const appChunks = () => preloads('src/app/start-app.ts')
    const isMeeting = MEETING_PAGE.test(pathname)
    if (!isMeeting && !START_PAGES.has(pathname)) {
      // Most screens' routes come in a chunk of their own (src/app/router.ts), named here too.
      const head = await preloads(['src/app/start-app.ts', 'src/app/routes.ts'])
      return head ? { head, body: '' } : null
    }
    const first = await firstPullFor(database.db, accounts.registry, request, pathname)
    const origin = app.publicOrigin(request)
    // Only a new device gets a rendered page: where the app has run, it draws the page itself.
    const page = first && origin && request.cookies[APP_STARTED_COOKIE] === undefined ? await render(pathname, first, origin) : null
    // A rendered page needs its screen's styles before it paints, and only those: its scripts,
    // fetched beside the styles, held the first paint back until they had arrived (on one
    // connection of six they come before the styles are done). Unrendered, the meeting page
    // names its chunks, to be fetched beside the entry; on the start page that was tried and
    // made the first paint later (README, "Performance").
    const screen = isMeeting ? 'src/app/meetings/MeetingPage.vue' : 'src/app/meetings/MeetingsPage.vue'
    const head = page ? await preloads(screen, 'styles') : `${await appChunks()}${isMeeting ? await preloads(screen) : ''}`
    // A rendered page's app waits for its person's first use (src/app/start-on-use.ts); its
    // chunks are named in an inert template, fetched once the page is on the screen where no
    // service worker's precache fetches them.
    const chunks = page ? `<template id="${APP_CHUNKS_ID}">${await preloads(['src/app/start-app.ts', screen], 'scripts')}</template>` : ''
    return { head, body: `${first ? firstPullElement(first) : ''}${chunks}`, page }
  })

  app.addHook('onClose', async () => {
    await pokes.close()
    await options.database.close()
  })
  return app
}
