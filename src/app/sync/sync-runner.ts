import type { Pinia } from 'pinia'
import type { Poke } from '../../shared/sync/protocol'
import { endsCurrentSession, sessionEpoch } from '../session-epoch'
import { SyncEngine } from './engine'
import { convertLegacyMedia } from './media-store'
import { SyncScheduler } from './scheduler'
import { attachRunner, isSignedIn, registered, type SyncRunner, type SyncService } from './sync-service'
import { useSyncStore } from './sync-store'
import { httpTransport, TransportError } from './transport'

/**
 * What talks to the server: the engine (push, pull, media), its transport and the scheduler that
 * decides when. Loaded after the first paint with the rest of the app's later start
 * (start-later.ts); the scheduler is created stopped, `scheduler.start()` begins syncing.
 */
export function startRunner({ db, writer }: SyncService, pinia: Pinia): SyncRunner {
  const store = useSyncStore(pinia)
  const engine = new SyncEngine(db, httpTransport(), registered.scopes)
  // Unsent work from an older app version gets its photos as media before anything is sent
  // (at the first sync, not before the first paint).
  let converting: Promise<unknown> | null = null
  const converted = () => (converting ??= convertLegacyMedia(db).catch((error: unknown) => console.error('old photos could not be converted', error)))
  const scheduler = new SyncScheduler({
    syncOnce: async () => {
      await converted()
      const beforeSync = registered.beforeSync()
      if (beforeSync && !(await beforeSync())) throw new TransportError('network', 'the sign-out could not reach the server yet')
      const epoch = sessionEpoch()
      try {
        await engine.syncOnce()
      } catch (error) {
        if (error instanceof TransportError && error.status === 401 && error.code === 'session_ended' && endsCurrentSession(epoch)) registered.sessionEnded()
        throw error
      }
    },
    onPhase: store.setPhase,
    eventsUrl: () => (registered.scopes().length > 0 ? '/api/sync/events' : null),
    // A poke's changes are the public's view, sent only on a stream nobody is signed in to: a
    // device someone signed in to since the stream opened pulls its own view instead.
    applyPoke: async (data) => {
      await converted()
      const beforeSync = registered.beforeSync()
      if (isSignedIn() || (beforeSync && !(await beforeSync()))) return false
      return engine.applyPoke(parsePoke(data))
    },
  })
  writer.onWrite(() => scheduler.afterWrite())
  const runner = { engine, scheduler }
  attachRunner(runner)
  return runner
}

/** The poke's data; one that does not parse carries no changes, so the device pulls. */
function parsePoke(data: string): Poke {
  try {
    const value = JSON.parse(data) as Poke
    return typeof value?.version === 'number' && Number.isInteger(value.version) ? value : { version: 0 }
  } catch {
    return { version: 0 }
  }
}
