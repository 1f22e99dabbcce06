import type { SyncCommandDefinition, SyncEntity } from '../../shared/sync/entity.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import { withRecovery } from './db-recovery.js'
import type { LocalDb, LocalRecord, OutboxEntry } from './local-db.js'

export type WriteListener = () => void

/**
 * The one way features change synced data. Each call writes the record and its outbox entry in
 * one IndexedDB transaction: either both are stored or neither, so nothing a person entered can
 * exist on the device without also being on its way to the server.
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
    await this.write(entity, id, 'put', data)
    return id
  }

  async update<Data extends Record<string, unknown>>(entity: SyncEntity<Data>, id: string, patch: Partial<Data>): Promise<void> {
    await this.write(entity, id, 'patch', patch as Record<string, unknown>)
  }

  async remove(entity: SyncEntity, id: string): Promise<void> {
    await this.write(entity, id, 'delete', {})
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

  private async write(entity: SyncEntity, id: string, op: OutboxEntry['op'], patch: Record<string, unknown>): Promise<void> {
    // A full disk surfaces as StorageFullError for the screen to explain; nothing is half-written.
    await withRecovery(this.db, () => this.db.transaction('rw', this.db.records, this.db.outbox, async () => {
      const current = await this.db.records.get([entity.name, id])
      if (op === 'patch' && !current) throw new Error(`Cannot change ${entity.name} ${id}: it is not on this device.`)
      const entry: OutboxEntry = {
        mutationId: uuidv7(),
        entity: entity.name,
        entityId: id,
        op,
        patch,
        baseVersion: current && current.version > 0 ? current.version : null,
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
          pending: 1,
        }
        await this.db.records.put(record)
      }
      await this.db.outbox.add(entry)
    }))
    for (const listener of this.listeners) listener()
  }
}
