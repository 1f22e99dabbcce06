import type { LocalDb } from './local-db'
import type { SyncWriter, WriteListener } from './write'

type WriteModule = Pick<typeof import('./write'), 'SyncWriter'>

export type Writer = Pick<SyncWriter, 'onWrite' | 'create' | 'update' | 'modify' | 'remove' | 'send' | 'apply'> & {
  /** Loads the writer's code; start-later.ts asks for it after the first paint, a write would too. */
  load(): Promise<SyncWriter>
}

/**
 * The app's writer (write.ts), whose code comes after the first paint instead of in the first
 * download: nothing is written before a person acts. Writes asked for before it is there wait for
 * it and start in the order they were asked, as they would on the writer itself.
 */
export function lazyWriter(db: LocalDb, fetchCode: () => Promise<WriteModule> = () => import('./write')): Writer {
  const listeners = new Set<WriteListener>()
  let loading: Promise<SyncWriter> | null = null
  const load = () =>
    (loading ??= fetchCode().then(
      ({ SyncWriter }) => {
        const writer = new SyncWriter(db)
        writer.onWrite(() => {
          for (const listener of listeners) listener()
        })
        return writer
      },
      (error: unknown) => {
        // Fetched again by the next write (a save that fails says so and keeps what was typed).
        loading = null
        throw error
      },
    ))
  return {
    load,
    onWrite(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    create: (entity, data, id) => load().then((writer) => writer.create(entity, data, id)),
    update: (entity, id, patch) => load().then((writer) => writer.update(entity, id, patch)),
    modify: (entity, id, patchOf) => load().then((writer) => writer.modify(entity, id, patchOf)),
    remove: (entity, id) => load().then((writer) => writer.remove(entity, id)),
    send: (command, payload, id) => load().then((writer) => writer.send(command, payload, id)),
    apply: (changes) => load().then((writer) => writer.apply(changes)),
  }
}
