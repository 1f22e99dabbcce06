import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { BASELINE_SECURITY_HEADERS } from './security-headers.js'
import { sendError } from './errors.js'

/**
 * Bounds on a connection: a request that stops sending (its headers or its body) is answered
 * with 408 and closed. The idle bound is above the event stream's 25-second heartbeat, the whole
 * request's bound leaves an old phone on a slow line time to upload a recording.
 */
export const CONNECTION_IDLE_MS = 60_000
export const REQUEST_TIMEOUT_MS = 120_000

/**
 * Fastify's answer to a URL it cannot decode echoes the URL and skips every hook. This one says
 * what to do, echoes nothing, and carries the security headers.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(BASELINE_SECURITY_HEADERS)
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendError(reply, 414, 'url_too_long', 'The address is too long. Check the link and try again.')
    return
  }
  void sendError(reply, 400, 'bad_url', 'The address is not valid. Check the link and try again.')
}

const EARLY: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: 'The request headers are too large. Clear this site’s cookies and try again.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'The request took too long to arrive. Try again.' },
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, a request
 * that never finished arriving, malformed HTTP): a JSON answer with the security headers, no
 * echo of what was sent, then the connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const known = EARLY[error.code ?? ''] ?? { status: 400, code: 'bad_request', message: 'The request could not be read. Try again.' }
  const body = JSON.stringify({ statusCode: known.status, error: STATUS_CODES[known.status], code: known.code, message: known.message })
  const headers = { ...BASELINE_SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' }
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`)
  }
  socket.destroy()
}
