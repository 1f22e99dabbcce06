import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import { Ajv, type Options } from 'ajv'
import addFormatsImport from 'ajv-formats'
import type { FastifyInstance, FastifySchema, FastifyServerOptions } from 'fastify'
import { lazySerializer, lazyValidator } from './lazy-compile.js'

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv

const common: Options = { allErrors: false, useDefaults: true, strict: false }

/**
 * Bodies are checked strictly: a wrong type or an unknown field is an error the client must
 * see, never silently coerced or dropped (Fastify's defaults do both). Query strings and path
 * parameters are text by nature, so there numbers and booleans are coerced from text.
 * Each route's validator is compiled when the route is first called (see lazyValidator).
 */
const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false, removeAdditional: false }))
const urlAjv = addFormats(new Ajv({ ...common, coerceTypes: true, removeAdditional: false }))

export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    lazyValidator(httpPart === 'body' ? bodyAjv : urlAjv, schema as object),
  )
}

const fastJsonStringify = SerializerSelector()

/**
 * Fastify's own response serializers (fast-json-stringify, which also leaves out every field a
 * response schema does not name), each built on the first answer that needs it.
 */
export const lazySchemaController: FastifyServerOptions['schemaController'] = {
  compilersFactory: {
    buildSerializer: (externalSchemas, options) => {
      const compile = fastJsonStringify(externalSchemas, options)
      return (route) => lazySerializer(() => compile(route))
    },
  },
}
