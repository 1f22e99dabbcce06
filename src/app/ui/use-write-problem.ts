import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { StorageFullError } from '../sync/db-recovery'

/**
 * For every write a person starts (save, move, delete, publish): it either succeeds, or the
 * screen says in place what failed and what to do, and what they typed stays on the screen.
 * `failed` names what did not happen ("Mødet er ikke gemt."); the cause and the advice follow.
 */
export function useWriteProblem() {
  const { t } = useI18n()
  const problem = ref('')

  /** Runs `write`; false (and `problem` set) when it failed. `typed`: the form keeps a draft. */
  async function attempt(failed: string, write: () => Promise<unknown>, typed = false): Promise<boolean> {
    problem.value = ''
    try {
      await write()
      return true
    } catch (error) {
      console.error(error)
      const cause = error instanceof StorageFullError ? t('writeProblem.storageFull') : t('writeProblem.tryAgain')
      problem.value = [failed, cause, typed ? t('writeProblem.typedKept') : ''].filter(Boolean).join(' ')
      return false
    }
  }

  return { problem, attempt }
}
