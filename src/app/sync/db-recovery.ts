import type { LocalDb } from './local-db.js'
import { StorageFullError } from './storage-full.js'

export { StorageFullError }

export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError'
}

/** iOS Safari drops IndexedDB connections when a page sleeps; reopening the database fixes it. */
export function isConnectionLost(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null
  return e?.name === 'DatabaseClosedError' || /Connection to Indexed Database server lost/i.test(e?.message ?? '')
}

/** Runs a database operation; reopens and retries once if the connection was dropped. */
export async function withRecovery<T>(db: LocalDb, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError()
    if (!isConnectionLost(error)) throw error
    db.close()
    await db.open()
    try {
      return await operation()
    } catch (retryError) {
      throw isQuotaError(retryError) ? new StorageFullError() : retryError
    }
  }
}
