import { lt } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/database.js'
import { syncMutations } from '../db/schema.js'
import { loggableError } from '../http/errors.js'
import { removeUnusedMedia } from './media.js'

export const HOUSEKEEPING_INTERVAL_MS = 24 * 3_600_000

/**
 * Answers to mutations are kept only as long as a device may still send one again: a device
 * offline for longer than this resends a change that is then applied a second time, which is
 * harmless because a put or patch of the same values, or a delete, changes nothing new.
 */
export async function runSyncHousekeeping(db: Db, now: Date, mutationRetentionDays: number): Promise<{ mutations: number; media: number }> {
  const cutoff = new Date(now.getTime() - mutationRetentionDays * 86_400_000)
  const mutations = (await db.delete(syncMutations).where(lt(syncMutations.createdAt, cutoff)).returning({ id: syncMutations.id })).length
  return { mutations, media: await removeUnusedMedia(db, now) }
}

/** Runs when the server is ready and then once a day, like the retention job. */
export function startSyncHousekeeping(app: FastifyInstance, db: Db, now: () => Date, mutationRetentionDays: number): void {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const run = () => {
    running = runSyncHousekeeping(db, now(), mutationRetentionDays).then(
      (removed) => (removed.mutations > 0 || removed.media > 0) && app.log.info(removed, 'sync housekeeping: removed old answers and unused media'),
      (error: unknown) => app.log.error({ error: error instanceof Error ? loggableError(error) : String(error) }, 'sync housekeeping failed; it runs again in 24 hours'),
    )
    return running
  }
  app.addHook('onReady', async () => {
    await run()
    timer = setInterval(run, HOUSEKEEPING_INTERVAL_MS).unref()
  })
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}
