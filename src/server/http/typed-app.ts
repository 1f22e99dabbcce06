import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'

/**
 * The server as routes see it: request parts are typed from each route's TypeBox schema through
 * the type provider, so no handler casts `request.body` or `request.params`.
 */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression<RawServerDefault>, RawReplyDefaultExpression<RawServerDefault>, FastifyBaseLogger, TypeBoxTypeProvider>

export const typed = (app: FastifyInstance): Api => app.withTypeProvider<TypeBoxTypeProvider>()
