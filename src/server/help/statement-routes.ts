import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { EMPTY_STATEMENT, Statement, StatementInput } from '../../shared/help/statement.js'
import { adminErrors, NoQuery } from '../accounts/admin-common.js'
import { audit } from '../accounts/audit.js'
import type { AccountsContext } from '../accounts/context.js'
import { personOf, requireAdmin } from '../accounts/guards.js'
import type { Db } from '../db/database.js'
import { instanceMeta } from '../db/schema.js'
import { sendError } from '../http/errors.js'
import { typed } from '../http/typed-app.js'

const KEY = 'accessibility_statement'

async function readStatement(db: Db): Promise<Statement> {
  const [row] = await db.select().from(instanceMeta).where(eq(instanceMeta.key, KEY))
  // Only the PUT below writes it, after validation. It is read over the empty statement so that a
  // part added in a later version shows as "not filled in" instead of breaking the page.
  const stored = (row?.value ?? {}) as Partial<StatementInput>
  return { ...EMPTY_STATEMENT, ...stored, updatedAt: row ? row.updatedAt.toISOString() : null }
}

/**
 * The accessibility statement: public to read (the act wants it one click from every page, for
 * everyone), changed only by an administrator, and every change goes to the audit log. It is a
 * fact about the installation, so it lives in instance_meta, never with people's data.
 */
export function registerStatementRoutes(parent: FastifyInstance, ctx: AccountsContext): void {
  const app = typed(parent)
  const tags = ['help']

  app.get(
    '/api/accessibility-statement',
    { schema: { summary: 'The accessibility statement as the municipality has filled it in', tags, querystring: NoQuery, response: { 200: Statement } } },
    async () => readStatement(ctx.db),
  )

  app.put(
    '/api/admin/accessibility-statement',
    {
      preHandler: requireAdmin,
      schema: { summary: 'Fill in or change the accessibility statement', tags, body: StatementInput, response: { 200: Statement, ...adminErrors } },
    },
    async (request, reply) => {
      const admin = personOf(request)
      const input = request.body
      // A review cannot have happened after today (a day's grace for time zones).
      const tomorrow = new Date(ctx.now().getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
      for (const field of ['preparedOn', 'reviewedOn'] as const) {
        const date = input[field]
        if (date !== null && date > tomorrow) {
          return sendError(reply, 400, 'date_in_future', `${field} is after today. Write the date the statement was actually made or reviewed.`)
        }
      }
      const before = await readStatement(ctx.db)
      const changed = (Object.keys(input) as (keyof StatementInput)[]).filter((key) => before[key] !== input[key])
      await ctx.db.transaction(async (tx) => {
        await tx
          .insert(instanceMeta)
          .values({ key: KEY, value: input, updatedAt: ctx.now() })
          .onConflictDoUpdate({ target: instanceMeta.key, set: { value: input, updatedAt: ctx.now() } })
        await audit(tx, admin, 'statement.update', { type: 'accessibility-statement' }, { fields: changed })
      })
      return readStatement(ctx.db)
    },
  )
}
