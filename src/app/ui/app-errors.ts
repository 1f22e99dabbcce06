import { ref, type App } from 'vue'
import { StorageFullError } from '../sync/storage-full'

/** incomplete: part of the app (its later start, start-later.ts) could not be fetched. */
export type AppError = 'failed' | 'storage-full' | 'incomplete'

/** The last failure no screen explained itself; AppErrorNotice says it in plain Danish. */
export const appError = ref<AppError | null>(null)

export function reportAppError(error: unknown): void {
  appError.value = error instanceof StorageFullError ? 'storage-full' : 'failed'
}

/**
 * Screens say in place what went wrong with what the person did (useWriteProblem). Whatever
 * still escapes, an error in a component or a promise nobody caught, is not silent either: the
 * person is told that something may not have happened and what to do.
 */
export function installErrorHandlers(app: App, target: Pick<Window, 'addEventListener'> = window): void {
  app.config.errorHandler = (error, _instance, info) => {
    console.error(`Error in ${info}:`, error)
    reportAppError(error)
  }
  // The browser logs the rejection itself.
  target.addEventListener('unhandledrejection', (event) => reportAppError(event.reason))
}
