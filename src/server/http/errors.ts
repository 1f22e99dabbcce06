import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import type { ErrorResponse } from '../../shared/system/health.js'

/** Messages a client developer or an operator can act on, keyed by Fastify's error codes. */
const knownMessages: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is not valid JSON. Check the syntax and send it again.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'empty_body',
    message: 'The request says it sends JSON but the body is empty. Send a JSON body.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'body_too_large',
    message: 'The request body is larger than the server accepts. Send less data at a time.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'The server does not accept this content type. Send application/json.',
  },
}

/** Names the field and the rule, so the sender knows exactly what to change. */
function describeValidation(error: FastifyError): string {
  const first = error.validation?.[0]
  if (!first) return `The request is not valid: ${error.message}.`
  const where = `${error.validationContext ?? 'request'}${first.instancePath.replaceAll('/', '.')}`
  const params = first.params as Record<string, unknown>
  const extra = typeof params.additionalProperty === 'string' ? ` ("${params.additionalProperty}")` : ''
  return `The request is not valid: ${where} ${first.message ?? 'is wrong'}${extra}.`
}

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
): FastifyReply {
  const body: ErrorResponse = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    code,
    message,
  }
  return reply.status(statusCode).header('Cache-Control', 'no-store').send(body)
}

/**
 * What a failure may put in the operator's log: its kind, codes, the query without its bound
 * values, and where it happened. Drizzle puts the parameters (names, texts, photos) in its
 * message and PostgreSQL the offending values in `detail`; neither may reach a log.
 */
export function loggableError(error: Error): Record<string, unknown> {
  const cause = error.cause as { code?: string; message?: string } | undefined
  const firstLine = (text: string | undefined) => text?.split('\n')[0]?.replace(/\bparams:.*$/, '')
  return {
    type: error.name,
    code: (error as { code?: string }).code ?? cause?.code,
    message: firstLine(error.message),
    cause: firstLine(cause?.message),
    stack: error.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .slice(0, 8)
      .join('\n'),
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500
    if (statusCode >= 500) {
      // The details go to the operator's log only; the client never sees internals.
      request.log.error({ error: loggableError(error) }, 'request failed')
      return sendError(reply, 500, 'internal', 'Something went wrong on the server. Try again later.')
    }
    const known = error.code ? knownMessages[error.code] : undefined
    if (known) return sendError(reply, statusCode, known.code, known.message)
    if (error.validation) {
      return sendError(reply, statusCode, 'invalid_request', describeValidation(error))
    }
    return sendError(reply, statusCode, error.code?.toLowerCase() ?? 'bad_request', error.message)
  })
}
