import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { mediaRefsIn } from '../../shared/sync/media.js'
import type { MutationResult } from '../../shared/sync/protocol.js'
import { media, mediaRefs, syncConflicts, syncMutations, syncRecords } from '../db/schema.js'
import type { Related, SyncRegistry } from './registry.js'
import type { Tx } from './server-write.js'

export type RecordRow = typeof syncRecords.$inferSelect
type ConflictRow = typeof syncConflicts.$inferInsert

/**
 * A mutation of this push was answered by an earlier one (its answer was lost on the way). A push
 * first decides without looking its mutations up, as almost none are sent twice; when storing the
 * answers finds one already there, the push is rolled back and decided again with the lookup.
 */
export class AnsweredBefore extends Error {
  constructor() {
    super('A mutation of this push was answered before.')
  }
}

export const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`

/**
 * A field name written into the query itself, so the expression matches the index built on it
 * (sync_records_*_ref in schema.ts) however the statement is planned. Field names come from the
 * features' policies, never from a device; anything else is refused all the same.
 */
function fieldName(field: string): SQL {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`"${field}" cannot name a field that points at another record.`)
  return sql.raw(`'${field}'`)
}
const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort()
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && union(a, b).length === a.length

type Column = typeof syncRecords.entity | typeof syncRecords.id | typeof mediaRefs.entity | typeof mediaRefs.recordId

/**
 * Several (entity, id) pairs in one condition with one JSON parameter: a push loads up to a
 * hundred, and one parameter per id made building and parsing the query a real part of its time.
 * Each pair is looked up in the table's primary key through a lateral subquery, kept apart by
 * `offset 0`: written as a plain `in (select … from jsonb_to_recordset …)`, PostgreSQL and PGlite
 * planned a hash join over a scan of the whole table once it held a few thousand rows (a push of
 * a hundred new notes read every record: 4 ms of a push at 10,000 records, 15 ms at 50,000).
 */
function byKeys(pairs: { entity: string; id: string }[], entityColumn: Column = syncRecords.entity, idColumn: Column = syncRecords.id): SQL | undefined {
  if (pairs.length === 0) return undefined
  return sql`(${entityColumn}, ${idColumn}) in (
    select s.* from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as k(entity text, id uuid)
    cross join lateral (select ${entityColumn}, ${idColumn} from ${entityColumn.table} where ${entityColumn} = k.entity and ${idColumn} = k.id offset 0) as s)`
}

/**
 * Rows for sync_records as one JSON parameter. A push writes up to a hundred records and their
 * answers; as a multi-row VALUES list the statement has nine parameters per row, and building
 * and parsing it took most of a push's time. One jsonb_to_recordset parameter is a single string.
 */
function asJson(rows: RecordRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      entity: r.entity,
      id: r.id,
      scope: r.scope,
      data: r.data,
      field_versions: r.fieldVersions,
      version: r.version,
      deleted_at: r.deletedAt?.toISOString() ?? null,
      audience: r.audience,
      ever_audience: r.everAudience,
    })),
  )
}

/**
 * What one push knows and will write, so a batch of mutations costs a few queries instead of a
 * few per mutation: the records it touches and the ones their policies read are loaded together,
 * every decision is made in memory in order (a later mutation sees an earlier one of the same
 * push), and the writes go out as one multi-row statement per table at the end.
 */
export class PushBatch {
  private readonly rows = new Map<string, RecordRow | null>()
  private readonly written = new Map<string, RecordRow>()
  /** Records that were in the database before this push: only they can have media refs to replace. */
  private readonly existed = new Set<string>()
  private readonly knownMedia = new Set<string>()
  private readonly conflicts: ConflictRow[] = []
  private readonly answers: MutationResult[] = []
  private readonly answered = new Map<string, MutationResult>()

  constructor(
    readonly tx: Tx,
    private readonly registry: SyncRegistry,
    readonly version: number,
    /** The device and person whose answers this batch keeps (a push's; server writes keep none). */
    private readonly answerer?: { clientId: string; authorId: string | null },
  ) {}

  /**
   * Loads records in as few queries as there are entities. No row locks: every writer of
   * sync_records (a push, a server write) holds the sync_state row lock for its whole
   * transaction, so nobody else changes these rows meanwhile.
   */
  async preload(pairs: { entity: string; id: string }[]): Promise<void> {
    const missing = pairs.filter((p) => !this.rows.has(keyOf(p.entity, p.id)))
    if (missing.length === 0) return
    const found = await this.tx.select().from(syncRecords).where(byKeys(missing))
    for (const p of missing) this.rows.set(keyOf(p.entity, p.id), null)
    for (const row of found) {
      this.rows.set(keyOf(row.entity, row.id), row)
      this.existed.add(keyOf(row.entity, row.id))
    }
  }

  /** The records the policies of these data will read, loaded together. */
  async preloadRelated(items: { entity: string; data: Record<string, unknown> | null }[]): Promise<void> {
    const pairs: { entity: string; id: string }[] = []
    for (const { entity, data } of items) {
      if (!data) continue
      for (const spec of Object.values(this.registry.get(entity)?.policy.related ?? {})) {
        const id = data[spec.field]
        if (typeof id === 'string') pairs.push({ entity: spec.entity, id })
      }
    }
    await this.preload(pairs)
  }

  /** The media these patches name that the server has, in one query. */
  async preloadMedia(patches: Record<string, unknown>[]): Promise<void> {
    const shas = [...new Set(patches.flatMap((p) => mediaRefsIn(p).map((r) => r.sha256)))].filter((sha) => !this.knownMedia.has(sha))
    if (shas.length === 0) return
    for (const row of await this.tx.select({ sha256: media.sha256 }).from(media).where(inArray(media.sha256, shas))) this.knownMedia.add(row.sha256)
  }

  async previousAnswers(ids: string[]): Promise<Map<string, MutationResult>> {
    if (ids.length === 0) return new Map()
    // One primary-key lookup per id, for the reason given at byKeys.
    const rows = await this.tx.select().from(syncMutations).where(sql`${syncMutations.id} in (
      select s.id from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as k(id)
      cross join lateral (select ${syncMutations.id} from ${syncMutations} where ${syncMutations.id} = k.id::uuid offset 0) as s)`)
    // Answers are kept without their mutation id (it is the row's id): a third less to send and store.
    return new Map(rows.map((r) => [r.id, { ...(r.result as Omit<MutationResult, 'mutationId'>), mutationId: r.id }]))
  }

  /** The record as this push sees it: its own earlier writes first. */
  async current(entity: string, id: string): Promise<RecordRow | null> {
    const key = keyOf(entity, id)
    if (!this.rows.has(key)) await this.preload([{ entity, id }])
    return this.rows.get(key) ?? null
  }

  async related(entity: string, data: Record<string, unknown>): Promise<Related> {
    const related: Record<string, Record<string, unknown> | null> = {}
    for (const [name, spec] of Object.entries(this.registry.get(entity)?.policy.related ?? {})) {
      const id = data[spec.field]
      related[name] = typeof id === 'string' ? ((await this.current(spec.entity, id))?.data ?? null) : null
    }
    return related
  }

  hasMedia(sha256: string): boolean {
    return this.knownMedia.has(sha256)
  }

  /** A mutation id answered earlier in this same push (a device that sent it twice at once). */
  answeredHere(id: string): MutationResult | undefined {
    return this.answered.get(id)
  }

  /** Stores a record in memory with its audience; flush() writes it. */
  async put(entity: string, id: string, values: { scope: string; data: Record<string, unknown> | null; fieldVersions: Record<string, number> }): Promise<void> {
    const previous = await this.current(entity, id)
    const audience = values.data === null ? [] : this.registry.get(entity)!.policy.audience(values.data, await this.related(entity, values.data)).sort()
    const row: RecordRow = {
      entity,
      id,
      scope: values.scope || previous?.scope || '',
      data: values.data,
      fieldVersions: values.fieldVersions,
      version: this.version,
      deletedAt: values.data === null ? new Date() : null,
      audience,
      everAudience: union(previous?.everAudience ?? [], audience),
    }
    this.rows.set(keyOf(entity, id), row)
    this.written.set(keyOf(entity, id), row)
  }

  conflict(row: ConflictRow): void {
    this.conflicts.push(row)
  }

  answer(result: MutationResult, remember: boolean): void {
    this.answered.set(result.mutationId, result)
    if (remember) this.answers.push(result)
  }

  /**
   * Forgets the records read so far (after a flush): a command may have written some of them
   * through its own batch, and a later mutation of this push must merge into what it wrote.
   */
  forgetReads(): void {
    if (this.written.size > 0) throw new Error('forgetReads() before flush() would lose writes.')
    this.rows.clear()
  }

  get changedAnything(): boolean {
    return this.written.size > 0
  }

  /**
   * Writes what this push decided: records (and the records whose visibility follows them),
   * the media they name, conflicts and answers. Answers, records and, with `bumpVersion`, the
   * sync version go out as one statement: on PGlite every statement costs about 0.7 ms before it
   * does anything, a third of what writing a hundred records takes. Should an answer be there
   * already, the statement has written the records too, and AnsweredBefore rolls the whole
   * transaction back. Nothing is kept in memory afterwards, so a batch can go on after a flush
   * (around a command, say).
   */
  async flush(options: { bumpVersion?: boolean } = {}): Promise<void> {
    await this.refreshDependents()
    const rows = [...this.written.values()]
    this.written.clear()
    const answers = this.answers.splice(0).map(({ mutationId, ...result }) => ({ id: mutationId, result }))
    const parts: SQL[] = []
    if (answers.length > 0) {
      if (!this.answerer) throw new Error('Answers are kept for a device: give the PushBatch its answerer.')
      const { clientId, authorId } = this.answerer
      parts.push(sql`answers as (
        insert into sync_mutations (id, client_id, author_id, result, created_at)
        select a.id, ${clientId}::uuid, ${authorId}::uuid, a.result, now() from jsonb_to_recordset(${JSON.stringify(answers)}::jsonb) as a(id uuid, result jsonb)
        on conflict (id) do nothing returning 1)`)
    }
    if (rows.length > 0) {
      parts.push(sql`records as (
        insert into sync_records (entity, id, scope, data, field_versions, version, deleted_at, audience, ever_audience)
        select * from jsonb_to_recordset(${asJson(rows)}::jsonb) as r(entity text, id uuid, scope text, data jsonb, field_versions jsonb, version bigint, deleted_at timestamptz, audience text[], ever_audience text[])
        on conflict (entity, id) do update set
          scope = excluded.scope, data = excluded.data, field_versions = excluded.field_versions, version = excluded.version,
          deleted_at = excluded.deleted_at, audience = excluded.audience, ever_audience = excluded.ever_audience
        returning 1)`)
    }
    if (options.bumpVersion) parts.push(sql`bumped as (update sync_state set version = ${this.version} where id = 1 returning 1)`)
    if (parts.length > 0) {
      const stored = answers.length > 0 ? sql`(select count(*) from answers)::int` : sql`0`
      const result = await this.tx.execute(sql`with ${sql.join(parts, sql`, `)} select ${stored} as stored`)
      // PGlite and node-postgres both answer with `rows`.
      const [row] = (result as unknown as { rows: { stored: number }[] }).rows
      if (row?.stored !== answers.length) throw new AnsweredBefore()
    }
    if (rows.length > 0) {
      const replaced = rows.filter((r) => this.existed.has(keyOf(r.entity, r.id)))
      if (replaced.length > 0) await this.tx.delete(mediaRefs).where(byKeys(replaced, mediaRefs.entity, mediaRefs.recordId))
      for (const r of rows) this.existed.add(keyOf(r.entity, r.id))
      const refs = rows.flatMap((r) => [...new Set(mediaRefsIn(r.data).map((m) => m.sha256))].map((sha256) => ({ entity: r.entity, recordId: r.id, sha256 })))
      if (refs.length > 0) await this.tx.insert(mediaRefs).values(refs).onConflictDoNothing()
    }
    if (this.conflicts.length > 0) await this.tx.insert(syncConflicts).values(this.conflicts.splice(0))
  }

  /** Records whose audience follows a written one (an item its meeting) get it computed again. */
  private async refreshDependents(): Promise<void> {
    let parents = [...this.written.values()]
    for (let depth = 0; parents.length > 0; depth++) {
      if (depth > 4) throw new Error('Sync entities depend on each other more than 4 levels deep.')
      const moved: RecordRow[] = []
      const byEntity = new Map<string, string[]>()
      for (const p of parents) byEntity.set(p.entity, [...(byEntity.get(p.entity) ?? []), p.id])
      for (const [entity, ids] of byEntity) {
        for (const { name, field } of this.registry.dependentsOf(entity)) {
          const stored = await this.tx
            .select()
            .from(syncRecords)
            .where(and(eq(syncRecords.entity, name), sql`${syncRecords.data} ->> ${fieldName(field)} = any(${sql.param(ids)}::text[])`))
          // Children written by this same push are not in the database yet.
          const fresh = [...this.written.values()].filter((r) => r.entity === name && ids.includes(String(r.data?.[field])))
          const children = [...new Map([...stored, ...fresh].map((r) => [keyOf(r.entity, r.id), r])).values()]
          for (const child of children) {
            const key = keyOf(child.entity, child.id)
            const seen = this.written.get(key) ?? child
            if (!this.written.has(key)) {
              this.rows.set(key, child)
              this.existed.add(key)
            }
            if (seen.data === null) continue
            const audience = this.registry.get(name)!.policy.audience(seen.data, await this.related(name, seen.data)).sort()
            if (sameSet(audience, seen.audience)) continue
            const row = { ...seen, audience, everAudience: union(seen.everAudience, audience), version: this.version }
            this.rows.set(key, row)
            this.written.set(key, row)
            moved.push(row)
          }
        }
      }
      parents = moved
    }
  }
}
