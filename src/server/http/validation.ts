import { Ajv, type Options } from 'ajv'
import addFormatsImport from 'ajv-formats'
import type { FastifyInstance, FastifySchema } from 'fastify'

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

const common: Options = { allErrors: false, useDefaults: true, strict: false }

/**
 * Bodies are checked strictly: a wrong type or an unknown field is an error the client must
 * see, never silently coerced or dropped (Fastify's defaults do both). Query strings and path
 * parameters are text by nature, so there numbers and booleans are coerced from text.
 */
const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false, removeAdditional: false }))
const urlAjv = addFormats(new Ajv({ ...common, coerceTypes: true, removeAdditional: false }))

export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) => {
    const ajv = httpPart === 'body' ? bodyAjv : urlAjv
    return ajv.compile(schema as object)
  })
}
