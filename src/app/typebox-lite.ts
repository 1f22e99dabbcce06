/**
 * What the app's build uses in place of the `typebox` package (the alias in vite.config.ts).
 *
 * The entity and API definitions in src/shared are TypeBox schemas, shared with the server,
 * which validates with them. The app never validates with them: it reads a definition's name
 * and scope and at most spreads one schema's `properties` into another. Building the schemas
 * with the real TypeBox put about 40 KiB of schema engine (11 KiB gzip) into the first download
 * and its evaluation before the first paint. These builders make the same JSON Schema objects
 * (tests/unit/typebox-lite.test.ts compares every schema in src/shared with TypeBox's) and
 * nothing else: there is no `Value` or `Compile` here, and the build refuses an import of
 * `typebox/*` from the app, so validation on a device needs the real package back first.
 *
 * Only the builders src/shared uses are here; a new one fails that test until it is added.
 */
type Schema = Record<string, unknown>
type Options = Record<string, unknown>

const optional = new WeakSet<Schema>()

function Optional<T extends Schema>(schema: T): T {
  const copy = { ...schema }
  optional.add(copy)
  return copy
}

function Object_(properties: Record<string, Schema>, options: Options = {}): Schema {
  const required = Object.keys(properties).filter((key) => !optional.has(properties[key]!))
  return { type: 'object', ...(required.length > 0 ? { required } : {}), properties, ...options }
}

const literalType = (value: unknown) => (typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'boolean')

export const Type = {
  String: (options: Options = {}): Schema => ({ type: 'string', ...options }),
  Number: (options: Options = {}): Schema => ({ type: 'number', ...options }),
  Integer: (options: Options = {}): Schema => ({ type: 'integer', ...options }),
  Boolean: (options: Options = {}): Schema => ({ type: 'boolean', ...options }),
  Null: (options: Options = {}): Schema => ({ type: 'null', ...options }),
  Unknown: (options: Options = {}): Schema => ({ ...options }),
  Literal: (value: string | number | boolean, options: Options = {}): Schema => ({ type: literalType(value), const: value, ...options }),
  Enum: (values: readonly unknown[], options: Options = {}): Schema => ({ enum: [...values], ...options }),
  Union: (anyOf: Schema[], options: Options = {}): Schema => ({ anyOf, ...options }),
  Array: (items: Schema, options: Options = {}): Schema => ({ type: 'array', items, ...options }),
  Record: (key: Schema, value: Schema, options: Options = {}): Schema => ({
    type: 'object',
    patternProperties: { [typeof key.pattern === 'string' ? key.pattern : '^.*$']: value },
    ...options,
  }),
  Object: Object_,
  Optional,
}
