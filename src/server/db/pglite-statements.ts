import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite'

/** Statements kept prepared per database; beyond this the least recently used is closed. */
const KEPT = 200
/** Runs of the same text before it is prepared: a query run once is not worth a name. */
const PREPARE_AFTER = 2

type Query = PGlite['query']

/**
 * PGlite parses and plans every query again (its `query` sends an unnamed statement each time),
 * where PostgreSQL behind node-postgres keeps a named statement per connection. On PGlite that was
 * over a third of what a push costs in the database (planning the session lookup, the push's
 * lookup of its records and its one write: about 2 ms of 5 per push of a hundred mutations).
 * Here a query whose text comes again is prepared once under a name, with PostgreSQL's wire
 * protocol that PGlite exposes (Parse once; then Bind, Describe, Execute, Sync, as PGlite's own
 * `query` sends them), and PostgreSQL keeps its plan as it does for any prepared statement (a
 * generic plan once it is no worse than planning per call). Results go through PGlite's own
 * parsers, so Drizzle sees what `query` would have given it. In and out of transactions alike.
 */
export function withNamedStatements(client: PGlite): PGlite {
  const seen = new Map<string, number>()
  /** Prepared texts, least recently used first, with their name and parameter types. */
  const prepared = new Map<string, { name: string; types: number[] }>()
  let counter = 0

  async function run(text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results> {
    return client.runExclusive(async () => {
      const stream = (message: Uint8Array) => client.execProtocolStream(message, { syncToFs: false })
      let statement = prepared.get(text)
      const messages = []
      try {
        if (statement) {
          prepared.delete(text)
        } else {
          const name = `bs_${++counter}`
          await stream(protocol.serialize.parse({ name, text, types: options?.paramTypes }))
          statement = { name, types: parse.parseDescribeStatementResults(await stream(protocol.serialize.describe({ type: 'S', name }))) }
        }
        prepared.set(text, statement)
        const types = statement.types
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null
          const serialize = options?.serializers?.[types[i]!] ?? client.serializers[types[i]!]
          return serialize ? serialize(value) : String(value)
        })
        messages.push(
          ...(await stream(protocol.serialize.bind({ statement: statement.name, values }))),
          ...(await stream(protocol.serialize.describe({ type: 'P' }))),
          ...(await stream(protocol.serialize.execute({}))),
        )
      } catch (error) {
        // A statement that failed to prepare is not kept; one that failed to run stays good.
        if (!prepared.has(text)) seen.delete(text)
        throw error
      } finally {
        messages.push(...(await stream(protocol.serialize.sync())))
      }
      if (prepared.size > KEPT) {
        const [oldText, oldest] = prepared.entries().next().value!
        prepared.delete(oldText)
        await client.execProtocolStream(protocol.serialize.close({ type: 'S', name: oldest.name }), { syncToFs: false })
        await client.execProtocolStream(protocol.serialize.sync(), { syncToFs: false })
      }
      // As PGlite's own query: outside a transaction, what was written goes to its files now.
      if (!inTransaction) await client.syncToFs()
      // PGlite merges a query's own parsers into a copy of all of its parsers (hundreds) on every
      // call, about 0.1 ms each; Drizzle gives every query nine. Looked up through the defaults instead.
      const parsers = options?.parsers ? Object.assign(Object.create(client.parsers) as typeof client.parsers, options.parsers) : client.parsers
      return parse.parseResults(messages, parsers, { ...options, parsers: undefined })[0]!
    })
  }

  /** Runs `text` prepared once it has come PREPARE_AFTER times; before that as PGlite would. */
  const through = (plain: Query, inTransaction: boolean): Query =>
    (async (text: string, params: unknown[] = [], options?: QueryOptions) => {
      if (!prepared.has(text)) {
        const count = (seen.get(text) ?? 0) + 1
        seen.set(text, count)
        if (seen.size > KEPT * 4) seen.clear()
        if (count < PREPARE_AFTER) return plain(text, params, options)
      }
      return run(text, params, options, inTransaction)
    }) as Query

  const query = through(client.query.bind(client), false)
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    client.transaction((tx) => {
      const plain = tx.query.bind(tx)
      const named = through(plain, true)
      // A query after the transaction ended fails as PGlite's own would.
      const guarded = ((text: string, params?: unknown[], options?: QueryOptions) => (tx.closed ? plain(text, params, options) : named(text, params, options))) as Query
      return callback(Object.assign(Object.create(tx) as Transaction, { query: guarded }))
    })
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === 'query') return query
      if (key === 'transaction') return transaction
      const value: unknown = Reflect.get(target, key, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
