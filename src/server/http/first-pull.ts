import type { FastifyRequest } from 'fastify'
import { COUNCILS_SCOPE, councilScope } from '../../shared/accounts/entities.js'
import { FIRST_PULL_ELEMENT_ID, type FirstPull } from '../../shared/sync/first-pull.js'
import { PULL_PAGE_SIZE } from '../../shared/sync/protocol.js'
import { ANONYMOUS } from '../accounts/actor.js'
import { SESSION_COOKIE } from '../accounts/sessions.js'
import type { Db } from '../db/database.js'
import { councilOfMeeting } from '../meetings/calendar-routes.js'
import { readChanges } from '../sync/pull.js'
import type { SyncRegistry } from '../sync/registry.js'

/** A meeting's page in the app (src/app/routes.ts). */
export const MEETING_PAGE = /^\/moeder\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/

/** The start page: `/` (which the app sends on to `/moeder`) and `/moeder` itself. */
export const START_PAGES: ReadonlySet<string> = new Set(['/', '/moeder'])

/**
 * A meeting link opened by someone who is not signed in (a relative with a link from a text
 * message, on a device that follows nothing yet) would wait for the app, then for a lookup of the
 * meeting's council, then for the first pull, before it shows anything. The page's HTML brings
 * that first pull along instead: exactly what the device's own signed-out pull of the council
 * and the list of councils would answer (the same readChanges, the same principals, from version
 * 0), so nothing a signed-out pull would not show, closed items included, is ever in it. The
 * start page brings the list of councils the same way, so a first visit shows the councils to
 * choose from without waiting for a pull after the app has started.
 * null for any other page, for a device with a session cookie (its pull differs), and for a
 * meeting the public may not read (a draft, or none).
 */
export async function firstPullFor(db: Db, registry: SyncRegistry, request: FastifyRequest, pathname: string): Promise<FirstPull | null> {
  // Sessions are resolved for /api only: any session cookie, live or ended, means no data here
  // (the device's own pull answers it, or tells it that the session ended).
  if (request.cookies[SESSION_COOKIE] !== undefined) return null
  const meetingId = MEETING_PAGE.exec(pathname)?.[1]
  if (!meetingId && !START_PAGES.has(pathname)) return null
  const principals = await registry.principalsOf(db, ANONYMOUS)
  const councilId = meetingId ? await councilOfMeeting(db, principals, meetingId) : null
  if (meetingId && !councilId) return null
  const scopes = councilId ? [COUNCILS_SCOPE, councilScope(councilId)].sort() : [COUNCILS_SCOPE]
  return { scopes, councilId, pull: await readChanges(db, registry, principals, 0, scopes, PULL_PAGE_SIZE) }
}

/**
 * The first pull as a data block for index.html: JSON inside a script element of type
 * application/json, which the browser never runs (the CSP forbids inline scripts, and this is
 * none). Every "<" is written as \u003c, so no text in the data can end the element or open a
 * comment; JSON.parse reads it back unchanged.
 */
export function firstPullElement(first: FirstPull): string {
  const json = JSON.stringify(first).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  return `<script type="application/json" id="${FIRST_PULL_ELEMENT_ID}">${json}</script>`
}
