import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Facts about this installation rather than about people: which demo seed has been loaded,
 * later also the operating municipality's contact details. Never holds personal data.
 */
export const instanceMeta = pgTable('instance_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
