import type { Ajv, AnySchema, ErrorObject } from 'ajv'

/** What the server asks of a compiled JSON Schema validator: Ajv's call and its last errors. */
export interface Validator {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

/**
 * A validator compiled on its first call instead of at start-up. Compiling every route's and
 * every synced record's schema took about 0.55 s of CPU at each start of the server (a profile of
 * a restart on 28 Nov: the sync registry 0.42 s, the routes 0.15 s), paid again by every restart
 * after a crash and every server a test builds, for schemas most starts never use. Ajv's own
 * validator is kept after the first call, and its errors are copied after each call, as Fastify
 * and the push read them from the function they were given.
 */
export function lazyValidator(ajv: Ajv, schema: AnySchema): Validator {
  let compiled: Validator | undefined
  const validate: Validator = (data) => {
    compiled ??= ajv.compile(schema)
    const valid = compiled(data)
    validate.errors = compiled.errors
    return valid
  }
  validate.errors = null
  return validate
}

/**
 * The same for response serializers (fast-json-stringify writes and compiles a function per
 * route and status: about 0.3 s of each start): built on the first answer that needs one.
 */
export function lazySerializer<Input>(build: () => (data: Input) => string): (data: Input) => string {
  let serialize: ((data: Input) => string) | undefined
  return (data) => (serialize ??= build())(data)
}
