import type { SyncCommandDefinition, SyncEntity } from '../../shared/sync/entity.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { withRecovery } from './db-recovery.js'
import type { LocalDb, LocalRecord, OutboxEntry } from './local-db.js'

export type WriteListener = () => void

/** One change to one record, as `SyncWriter.apply` takes several of them at once. */
export interface Change {
  entity: SyncEntity
  id: string
  op: OutboxEntry['op']
  patch: Record<string, unknown>
}

/** Builds the changes `SyncWriter.apply` writes; the same three kinds the writer offers alone. */
export const change = {
  create<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, data: Data, id: string = uuidv7()): Change {
    return { entity, id, op: 'put', patch: data }
  },
  update<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, id: string, patch: Partial<Data>): Change {
    return { entity, id, op: 'patch', patch: patch as Record<string, unknown> }
  },
  remove(entity: SyncEntity, id: string): Change {
    return { entity, id, op: 'delete', patch: {} }
  },
}

/**
 * The one way features change synced data. Each record is written with its outbox entry in one
 * IndexedDB transaction: either both are stored or neither, so nothing a person entered can
 * exist on the device without also being on its way to the server. `apply` widens that
 * transaction to several records that must change together (a meeting and its items).
 */
export class SyncWriter {
  private readonly listeners = new Set<WriteListener>()

  constructor(private readonly db: LocalDb) {}

  /** Called after every committed write; the sync engine uses it to push soon. */
  onWrite(listener: WriteListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async create<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, data: Data, id: string = uuidv7()): Promise<string> {
    await this.apply([change.create(entity, data, id)])
    return id
  }

  async update<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, id: string, patch: Partial<Data>): Promise<void> {
    await this.apply([change.update(entity, id, patch)])
  }

  /**
   * Changes a record from what the device holds at the moment of writing, not from what a screen
   * last showed: a list kept in one field (a session's questions, a process's invitees) changed
   * twice in quick succession would otherwise be written the second time from the list as it was
   * before the first change, and lose it. Returns the patch written.
   */
  async modify<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, id: string, patchOf: (data: Data) => Partial<Data>): Promise<Partial<Data>> {
    let patch: Partial<Data> = {}
    await this.transact(async () => {
      const current = await this.db.records.get([entity.name, id])
      if (!current) throw new Error(`Cannot change ${entity.name} ${id}: it is not on this device.`)
      // A record is stored only through this writer or a pull, both with the entity's data.
      patch = patchOf(current.data as Data)
      await this.write(change.update(entity, id, patch))
    })
    return patch
  }

  async remove(entity: SyncEntity, id: string): Promise<void> {
    await this.apply([change.remove(entity, id)])
  }

  /**
   * Queues a command (a sealed ballot, say): only an outbox entry, no local record. It leaves
   * the device once the server has answered it.
   */
  async send<Payload extends Record<string, unknown>>(command: SyncCommandDefinition<Payload>, payload: Payload, id: string = uuidv7()): Promise<string> {
    await withRecovery(this.db, () =>
      this.db.outbox.add({ mutationId: uuidv7(), entity: command.name, entityId: id, op: 'put', patch: payload, baseVersion: null, createdAt: Date.now(), state: 'pending' }),
    )
    for (const listener of this.listeners) listener()
    return id
  }

  /**
   * Writes every change, each record with its outbox entry, in one transaction: all of them are
   * stored, or none is (a crash or a full disk halfway leaves the device as it was). Outbox
   * entries keep the order given, so the server applies them in that order too.
   */
  async apply(changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return
    await this.transact(async () => {
      for (const one of changes) await this.write(one)
    })
  }

  /** Runs `work` in one transaction over records and outbox, then tells the listeners. */
  private async transact(work: () => Promise<void>): Promise<void> {
    // A full disk surfaces as StorageFullError for the screen to explain; nothing is half-written.
    await withRecovery(this.db, () => this.db.transaction('rw', this.db.records, this.db.outbox, work))
    for (const listener of this.listeners) listener()
  }

  /** Runs inside `apply`'s transaction. */
  private async write({ entity, id, op, patch }: Change): Promise<void> {
    const current = await this.db.records.get([entity.name, id])
    if (op === 'patch' && !current) throw new Error(`Cannot change ${entity.name} ${id}: it is not on this device.`)
    const entry: OutboxEntry = {
      mutationId: uuidv7(),
      entity: entity.name,
      entityId: id,
      op,
      patch,
      baseVersion: current && current.version > 0 ? current.version : null,
      ...(current?.ownVersions?.length ? { ownVersions: current.ownVersions } : {}),
      createdAt: Date.now(),
      state: 'pending',
      ...(op === 'delete' && current ? { removed: current } : {}),
    }
    if (op === 'delete') {
      if (current) await this.db.records.delete([entity.name, id])
    } else {
      const data = { ...(current?.data ?? {}), ...patch }
      const record: LocalRecord = {
        entity: entity.name,
        id,
        scope: current?.scope ?? entity.scopeOf(data),
        data,
        base: current?.base ?? null,
        version: current?.version ?? 0,
        ...(current?.ownVersions ? { ownVersions: current.ownVersions } : {}),
        pending: 1,
      }
      await this.db.records.put(record)
    }
    await this.db.outbox.add(entry)
  }
}
