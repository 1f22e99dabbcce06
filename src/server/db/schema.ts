import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Facts about this installation rather than about people: which demo seed has been loaded,
 * later also the operating municipality's contact details. Never holds personal data.
 */
export const instanceMeta = pgTable('instance_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The single row whose version every push transaction takes under a row lock. Pushes are thereby
 * serialised, versions commit in order, and a reader holding cursor N can never miss a write
 * that commits later with a smaller version.
 */
export const syncState = pgTable('sync_state', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})

/**
 * Every synced record of every feature, as JSON validated against its entity's TypeBox schema.
 * A deleted record stays as a tombstone (data null) so devices learn of the deletion.
 */
export const syncRecords = pgTable(
  'sync_records',
  {
    entity: text('entity').notNull(),
    id: uuid('id').notNull(),
    scope: text('scope').notNull(),
    data: jsonb('data').$type<Record<string, unknown> | null>(),
    fieldVersions: jsonb('field_versions').$type<Record<string, number>>().notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.id] }),
    index('sync_records_scope_version').on(t.scope, t.version),
    index('sync_records_version').on(t.version),
  ],
)

/** Answers already given, so a repeated mutation gets the same answer and is applied once. */
export const syncMutations = pgTable('sync_mutations', {
  id: uuid('id').primaryKey(),
  clientId: uuid('client_id').notNull(),
  result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Both sides of a conflict on a person's own text, kept until the author has decided. */
export const syncConflicts = pgTable('sync_conflicts', {
  mutationId: uuid('mutation_id').primaryKey(),
  entity: text('entity').notNull(),
  entityId: uuid('entity_id').notNull(),
  clientId: uuid('client_id').notNull(),
  fields: jsonb('fields').$type<string[]>().notNull(),
  serverValues: jsonb('server_values').$type<Record<string, unknown>>().notNull(),
  clientValues: jsonb('client_values').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
