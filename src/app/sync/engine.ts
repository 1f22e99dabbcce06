import { PUSH_BATCH_BYTES, PUSH_BATCH_LIMIT, SYNC_PROTOCOL_VERSION, type Change, type Mutation, type MutationResult } from '../../shared/sync/protocol.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import type { LocalDb, LocalRecord, OutboxEntry } from './local-db.js'
import type { SyncTransport } from './transport.js'

const CLIENT_ID_KEY = 'clientId'
const WAIT_CODES = new Set(['batch_limit', 'not_signed_in'])
const cursorKey = (scope: string) => `cursor:${scope}`

/**
 * One round of sync: push everything waiting, then pull what changed in the followed scopes.
 * It holds no timers and no browser APIs, so the same code runs in the app, in Node-based
 * property tests against the real server, and in the benchmark.
 */
export class SyncEngine {
  /** Bumped when the device changes hands; a pull answered for the previous person is dropped. */
  private generation = 0

  constructor(
    private readonly db: LocalDb,
    private readonly transport: SyncTransport,
    private readonly scopes: () => string[],
  ) {}

  async clientId(): Promise<string> {
    const stored = await this.db.meta.get(CLIENT_ID_KEY)
    if (typeof stored?.value === 'string') return stored.value
    const id = uuidv7()
    await this.db.meta.put({ key: CLIENT_ID_KEY, value: id })
    return id
  }

  /** Call before wiping local data: changes already on their way in are not stored. */
  invalidate(): void {
    this.generation++
  }

  async syncOnce(): Promise<void> {
    await this.pushAll()
    await this.pullAll()
  }

  async pushAll(): Promise<void> {
    const clientId = await this.clientId()
    for (;;) {
      const batch = bySize(
        await this.db.outbox
          .orderBy('seq')
          .filter((entry) => entry.state === 'pending')
          .limit(PUSH_BATCH_LIMIT)
          .toArray(),
      )
      if (batch.length === 0) return
      const response = await this.transport.push({
        clientId,
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: batch.map(toMutation),
      })
      const progressed = await this.applyPushResults(batch, response.results)
      // Everything was deferred (batch limit): stop and let the scheduler try again later.
      if (!progressed) return
    }
  }

  private async applyPushResults(batch: OutboxEntry[], results: MutationResult[]): Promise<boolean> {
    const byId = new Map(results.map((r) => [r.mutationId, r]))
    let progressed = false
    await this.db.transaction('rw', this.db.records, this.db.outbox, async () => {
      for (const entry of batch) {
        const result = byId.get(entry.mutationId)
        // Not judged yet: over the batch limit, or waiting for its author to sign in again.
        if (!result || (result.status === 'rejected' && WAIT_CODES.has(result.code ?? ''))) continue
        progressed = true
        if (result.status === 'applied' || result.status === 'duplicate') {
          await this.db.outbox.delete(entry.seq!)
          await this.acknowledge(entry, result.version ?? 0)
        } else {
          await this.db.outbox.update(entry.seq!, {
            state: result.status,
            code: result.code,
            reason: result.reason,
            fields: result.fields,
          })
        }
      }
    })
    return progressed
  }

  /** The server has this entry now: later edits of the same record were made on top of it. */
  private async acknowledge(entry: OutboxEntry, version: number): Promise<void> {
    const key: [string, string] = [entry.entity, entry.entityId]
    const rest = await this.db.outbox.where('[entity+entityId]').equals(key).toArray()
    for (const later of rest) {
      if (later.state === 'pending' && (later.baseVersion ?? 0) < version) await this.db.outbox.update(later.seq!, { baseVersion: version })
    }
    const record = await this.db.records.get(key)
    if (record && version >= record.version) {
      const stillPending = rest.some((later) => later.state === 'pending')
      await this.db.records.update(key, { version, pending: stillPending ? 1 : 0 })
    }
  }

  async pullAll(): Promise<void> {
    const generation = this.generation
    const scopes = this.scopes()
    if (scopes.length === 0) return
    // Scopes followed at different times have different cursors; each group pulls on its own.
    const cursors = await this.db.meta.bulkGet(scopes.map(cursorKey))
    const groups = new Map<string, string[]>()
    scopes.forEach((scope, i) => {
      const since = typeof cursors[i]?.value === 'string' ? (cursors[i]!.value as string) : '0'
      groups.set(since, [...(groups.get(since) ?? []), scope])
    })
    for (const [start, group] of groups) {
      let since = start
      for (;;) {
        const page = await this.transport.pull({ since, scopes: group })
        if (generation !== this.generation) return
        await this.applyChanges(page.changes, group, page.cursor, generation)
        since = page.cursor
        if (!page.hasMore) break
      }
    }
  }

  /**
   * Stores pulled changes and the new cursor in one transaction. A record this device is still
   * changing gets the server's data with the unsent edits replayed on top, so a pull never
   * takes back what a person has just written.
   */
  async applyChanges(changes: Change[], scopes: string[], cursor: string, generation = this.generation): Promise<void> {
    await this.db.transaction('rw', this.db.records, this.db.outbox, this.db.meta, async () => {
      if (generation !== this.generation) return
      const pendingKeys = new Set((await this.db.records.where('pending').equals(1).primaryKeys()).map((k) => k.join('\u0000')))
      const puts: LocalRecord[] = []
      const deletes: [string, string][] = []
      for (const change of changes) {
        const key: [string, string] = [change.entity, change.entityId]
        if (pendingKeys.has(key.join('\u0000'))) {
          await this.rebase(change)
        } else if (change.data === null) {
          deletes.push(key)
        } else {
          puts.push({ entity: change.entity, id: change.entityId, scope: change.scope, data: change.data, base: change.data, version: change.version, pending: 0 })
        }
      }
      if (puts.length) await this.db.records.bulkPut(puts)
      if (deletes.length) await this.db.records.bulkDelete(deletes)
      await this.db.meta.bulkPut(scopes.map((scope) => ({ key: cursorKey(scope), value: cursor })))
    })
  }

  private async rebase(change: Change): Promise<void> {
    const key: [string, string] = [change.entity, change.entityId]
    const waiting = (await this.db.outbox.where('[entity+entityId]').equals(key).sortBy('seq')).filter((e) => e.state === 'pending')
    const data = replay(change.data, waiting)
    if (data === null) {
      await this.db.records.delete(key)
    } else {
      await this.db.records.put({
        entity: change.entity,
        id: change.entityId,
        scope: change.scope,
        data,
        base: change.data,
        version: change.version,
        pending: waiting.length > 0 ? 1 : 0,
      })
    }
  }
}

/** The record as this device shows it: the server's data with unsent edits applied in order. */
export function replay(base: Record<string, unknown> | null, entries: OutboxEntry[]): Record<string, unknown> | null {
  let data = base
  for (const entry of entries) {
    if (entry.op === 'delete') data = null
    // A patch needs something to patch: on a record deleted elsewhere it is refused, not revived.
    else if (entry.op === 'put' || data !== null) data = { ...(data ?? {}), ...entry.patch }
  }
  return data
}

/**
 * The person gives up a change the server refused (or that conflicts): the entry leaves the
 * outbox and the record shows the server's data again, with any other unsent edits on top.
 */
export async function discardOutboxEntry(db: LocalDb, seq: number): Promise<void> {
  await db.transaction('rw', db.records, db.outbox, async () => {
    const entry = await db.outbox.get(seq)
    if (!entry) return
    await db.outbox.delete(seq)
    const key: [string, string] = [entry.entity, entry.entityId]
    const remaining = (await db.outbox.where('[entity+entityId]').equals(key).sortBy('seq')).filter((e) => e.state === 'pending')
    const record = (await db.records.get(key)) ?? entry.removed
    const data = replay(record?.base ?? null, remaining)
    if (data === null) {
      await db.records.delete(key)
    } else if (record) {
      await db.records.put({ ...record, data, pending: remaining.length > 0 ? 1 : 0 })
    }
  })
}

/** The leading entries that fit in one push body; the first always goes, whatever its size. */
function bySize(entries: OutboxEntry[]): OutboxEntry[] {
  let bytes = 0
  const batch: OutboxEntry[] = []
  for (const entry of entries) {
    bytes += JSON.stringify(entry.patch).length
    if (batch.length > 0 && bytes > PUSH_BATCH_BYTES) break
    batch.push(entry)
  }
  return batch
}

function toMutation(entry: OutboxEntry): Mutation {
  return {
    id: entry.mutationId,
    entity: entry.entity,
    entityId: entry.entityId,
    op: entry.op,
    patch: entry.patch,
    baseVersion: entry.baseVersion,
  }
}

/**
 * The person keeps their own text after a conflict: the same change is sent again, now on top
 * of the server's version they have been shown, and the conflict entry leaves the outbox.
 */
export async function keepMineAfterConflict(db: LocalDb, seq: number): Promise<void> {
  await db.transaction('rw', db.records, db.outbox, async () => {
    const entry = await db.outbox.get(seq)
    if (!entry || entry.state !== 'conflict') return
    const key: [string, string] = [entry.entity, entry.entityId]
    const record = await db.records.get(key)
    await db.outbox.delete(seq)
    await db.outbox.add({
      mutationId: uuidv7(),
      entity: entry.entity,
      entityId: entry.entityId,
      op: entry.op,
      patch: entry.patch,
      baseVersion: record?.version ?? entry.baseVersion,
      createdAt: Date.now(),
      state: 'pending',
    })
    if (record) await db.records.put({ ...record, data: { ...record.data, ...entry.patch }, pending: 1 })
  })
}
