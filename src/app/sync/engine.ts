import { OWN_VERSIONS_LIMIT, PUSH_BATCH_BYTES, PUSH_BATCH_LIMIT, SYNC_PROTOCOL_VERSION, type Change, type Mutation, type MutationResult, type Poke } from '../../shared/sync/protocol.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { ConflictResolved } from '../../shared/sync/conflict-resolution.js'
import { mediaRefsIn } from '../../shared/sync/media.js'
import { dataOwner, type LocalDb, type OutboxEntry } from './local-db.js'
import { mediaToUpload, missingMedia } from './media-store.js'
import { cursorKey, replay, storePulled } from './store-pulled.js'
import { TransportError, type SyncTransport } from './transport.js'

const CLIENT_ID_KEY = 'clientId'
/** Not judged yet: over the batch limit, waiting for its author to sign in, or for its media. */
const WAIT_CODES = new Set(['batch_limit', 'not_signed_in', 'media_missing'])
/** Media fetched for offline per sync round; the rest comes in later rounds or when shown. */
const MEDIA_PER_ROUND = 20

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
    await this.fetchMedia(MEDIA_PER_ROUND)
  }

  async pushAll(): Promise<void> {
    const clientId = await this.clientId()
    for (;;) {
      const waiting = bySize(
        await this.db.outbox
          .orderBy('seq')
          .filter((entry) => entry.state === 'pending')
          .limit(PUSH_BATCH_LIMIT)
          .toArray(),
      )
      if (waiting.length === 0) return
      const batch = await this.uploadMediaOf(waiting)
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

  /**
   * Uploads the media a batch names before the batch, each once. An entry whose medium the
   * server will not take yet (nobody signed in) stays out of this push and waits.
   */
  private async uploadMediaOf(batch: OutboxEntry[]): Promise<OutboxEntry[]> {
    const refused = new Set<string>()
    for (const medium of await mediaToUpload(this.db, batch)) {
      try {
        await this.transport.uploadMedium(medium)
        await this.db.media.update(medium.sha256, { uploaded: 1 })
      } catch (error) {
        if (!(error instanceof TransportError) || error.kind !== 'refused') throw error
        refused.add(medium.sha256)
      }
    }
    if (refused.size === 0) return batch
    return batch.filter((entry) => !mediaRefsIn(entry.patch).some((ref) => refused.has(ref.sha256)))
  }

  private readonly fetching = new Map<string, Promise<void>>()

  /** Fetches one medium now (a photo on screen that has not arrived yet); once, however often asked. */
  fetchMedium(ref: { sha256: string; type: string }): Promise<void> {
    let pending = this.fetching.get(ref.sha256)
    if (!pending) {
      pending = this.stamp()
        .then(async (stamp) => {
          const blob = await this.transport.fetchMedium(ref.sha256)
          if (blob) await this.keepMedium(ref, blob, stamp)
        })
        .catch(() => {})
        .finally(() => this.fetching.delete(ref.sha256))
      this.fetching.set(ref.sha256, pending)
    }
    return pending
  }

  /** Keeps the media of what this device follows, so photos and recordings are there offline. */
  async fetchMedia(limit: number): Promise<void> {
    const stamp = await this.stamp()
    for (const ref of await missingMedia(this.db, limit)) {
      // A lost connection here is no failure of the sync: the rest comes next round.
      const blob = await this.transport.fetchMedium(ref.sha256).catch((error: unknown) => {
        if (error instanceof TransportError) return undefined
        throw error
      })
      if (blob === undefined) return
      if (stamp.generation !== this.generation) return
      if (blob) await this.keepMedium(ref, blob, stamp)
    }
  }

  private async keepMedium(ref: { sha256: string; type: string }, blob: Blob, stamp: Stamp): Promise<void> {
    await this.db.transaction('rw', this.db.meta, this.db.media, async () => {
      if (await this.unchanged(stamp)) await this.db.media.put({ sha256: ref.sha256, type: ref.type, bytes: blob.size, blob: new Blob([blob], { type: ref.type }), uploaded: 1 })
    })
  }

  /** The hands a round of sync starts in: this engine's count of hand-overs and whose data the database holds. */
  private async stamp(): Promise<Stamp> {
    return { generation: this.generation, owner: await dataOwner(this.db) }
  }

  /**
   * Whether the device is still in the hands `stamp` was taken in. Another tab of this browser
   * hands the database over without this engine hearing of it (its `generation` stays), so the
   * owner is read again, inside the transaction that would write.
   */
  private async unchanged(stamp: Stamp): Promise<boolean> {
    return stamp.generation === this.generation && (await dataOwner(this.db)) === stamp.owner
  }

  private async applyPushResults(batch: OutboxEntry[], results: MutationResult[]): Promise<boolean> {
    const byId = new Map(results.map((r) => [r.mutationId, r]))
    let progressed = false
    await this.db.transaction('rw', this.db.records, this.db.outbox, this.db.media, async () => {
      for (const entry of batch) {
        const result = byId.get(entry.mutationId)
        // The server lost a medium this device had uploaded (it waited too long): send it again.
        if (result?.code === 'media_missing') {
          for (const ref of mediaRefsIn(entry.patch)) await this.db.media.update(ref.sha256, { uploaded: 0 })
        }
        if (!result || (result.status === 'rejected' && WAIT_CODES.has(result.code ?? ''))) continue
        progressed = true
        if (result.status === 'applied' || result.status === 'duplicate') {
          await this.db.outbox.delete(entry.seq!)
          // A change that altered nothing was answered with someone else's version: not its own.
          await this.acknowledge(entry, result.unchanged ? 0 : (result.version ?? 0))
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

  /**
   * The server has this entry now, in `version`: later edits of the same record were made on top
   * of it, so that version is the device's own to them (see Mutation.ownVersions). It does not
   * become the record's base version: the device has not seen what others changed up to it until
   * it pulls, and an edit written before then must not silently overwrite that.
   */
  private async acknowledge(entry: OutboxEntry, version: number): Promise<void> {
    const key: [string, string] = [entry.entity, entry.entityId]
    const rest = await this.db.outbox.where('[entity+entityId]').equals(key).toArray()
    if (version > 0) {
      for (const later of rest) {
        if (later.state === 'pending') await this.db.outbox.update(later.seq!, { ownVersions: withOwnVersion(later.ownVersions, version) })
      }
    }
    const record = await this.db.records.get(key)
    if (record) {
      const stillPending = rest.some((later) => later.state === 'pending')
      await this.db.records.update(key, { ...(version > 0 ? { ownVersions: withOwnVersion(record.ownVersions, version) } : {}), pending: stillPending ? 1 : 0 })
    }
  }

  async pullAll(): Promise<void> {
    const stamp = await this.stamp()
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
        if (stamp.generation !== this.generation) return
        await this.applyChanges(page.changes, group, page.cursor, stamp)
        since = page.cursor
        if (!page.hasMore) break
      }
    }
  }

  /**
   * Applies a poke that carries its version's changes (see Poke in protocol.ts) instead of
   * pulling. Only scopes whose cursor is at least `poke.after` take it; true when every followed
   * scope now holds `poke.version`, false when the device must pull (a scope is further behind,
   * or the poke carries no changes and a scope does not hold its version yet). The poke a stream
   * sends as it opens names the newest version: right after a pull it is usually one every scope
   * holds, and needs no second pull. Media the changes name are fetched as after a pull.
   */
  async applyPoke(poke: Poke): Promise<boolean> {
    const stamp = await this.stamp()
    const scopes = this.scopes()
    if (scopes.length === 0) return false
    const cursors = await this.db.meta.bulkGet(scopes.map(cursorKey))
    const behind: string[] = []
    for (const [i, scope] of scopes.entries()) {
      const value = cursors[i]?.value
      // A scope never pulled has no cursor: only a pull brings it everything.
      if (typeof value !== 'string') return false
      const cursor = Number(value)
      if (cursor >= poke.version) continue
      if (poke.changes === undefined || poke.after === undefined || cursor < poke.after) return false
      behind.push(scope)
    }
    if (behind.length === 0) return true
    const followed = new Set(behind)
    const changes = (poke.changes ?? []).filter((change) => followed.has(change.scope))
    await this.applyChanges(changes, behind, String(poke.version), stamp)
    if (stamp.generation !== this.generation) return false
    if (changes.some((change) => change.data !== null && mediaRefsIn(change.data).length > 0)) await this.fetchMedia(MEDIA_PER_ROUND)
    return true
  }

  /** Stores pulled changes and the new cursor (storePulled), unless the device changed hands since `stamp` was taken. */
  async applyChanges(changes: Change[], scopes: string[], cursor: string, stamp?: Stamp): Promise<void> {
    const since = stamp ?? (await this.stamp())
    await storePulled(this.db, changes, scopes, cursor, () => this.unchanged(since))
  }
}

interface Stamp {
  generation: number
  owner: string
}

/** `versions` with `version` added, the latest OWN_VERSIONS_LIMIT kept. */
export function withOwnVersion(versions: readonly number[] | undefined, version: number): number[] {
  if (versions?.includes(version)) return [...versions]
  return [...(versions ?? []), version].slice(-OWN_VERSIONS_LIMIT)
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
    if (entry.state === 'conflict') await db.outbox.add(conflictResolved(entry))
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

/** Tells the server the author has decided, so it forgets both sides it kept for them. */
function conflictResolved(entry: OutboxEntry): OutboxEntry {
  return {
    mutationId: uuidv7(),
    entity: ConflictResolved.name,
    entityId: uuidv7(),
    op: 'put',
    patch: { mutationId: entry.mutationId },
    baseVersion: null,
    createdAt: Date.now(),
    state: 'pending',
  }
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
    ...(entry.ownVersions?.length ? { ownVersions: entry.ownVersions } : {}),
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
    await db.outbox.add(conflictResolved(entry))
    await db.outbox.add({
      mutationId: uuidv7(),
      entity: entry.entity,
      entityId: entry.entityId,
      op: entry.op,
      patch: entry.patch,
      baseVersion: record?.version ?? entry.baseVersion,
      ...(record?.ownVersions?.length ? { ownVersions: record.ownVersions } : {}),
      createdAt: Date.now(),
      state: 'pending',
    })
    if (record) await db.records.put({ ...record, data: { ...record.data, ...entry.patch }, pending: 1 })
  })
}
