import type { FastifyReply, FastifyRequest } from 'fastify'
import { sendError } from '../http/errors.js'
import { isAdmin, isStaff, type Actor } from './actor.js'

type Person = Extract<Actor, { kind: 'person' }>

function notSignedIn(request: FastifyRequest, reply: FastifyReply) {
  return request.sessionEnded
    ? sendError(reply, 401, 'session_ended', 'You have been signed out on this device. Sign in again to go on.')
    : sendError(reply, 401, 'not_signed_in', 'Sign in first.')
}

/** Route preHandlers: each answers 401 (who are you?) or 403 (not you) with a reason. */
export async function requirePerson(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor.kind !== 'person') return notSignedIn(request, reply)
}

export async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor.kind !== 'person') return notSignedIn(request, reply)
  if (!isStaff(request.actor)) return sendError(reply, 403, 'staff_only', 'Only staff can do this.')
}

export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor.kind !== 'person') return notSignedIn(request, reply)
  if (!isAdmin(request.actor)) return sendError(reply, 403, 'admin_only', 'Only an administrator can do this.')
}

export function personOf(request: FastifyRequest): Person {
  if (request.actor.kind !== 'person') throw new Error('route is missing its requirePerson guard')
  return request.actor
}
