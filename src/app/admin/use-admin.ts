import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../api'
import { backoffDelay } from '../sync/backoff'
import type { FieldError } from '../ui/ErrorSummary.vue'

/** Server codes with a message of their own; anything else gets the general one. */
const KNOWN_CODES = [
  'offline',
  'not_signed_in',
  'session_ended',
  'staff_only',
  'admin_only',
  'admin_only_retention',
  'not_your_council',
  'not_found',
  'email_taken',
  'photo_needs_consent',
  'term_end_before_start',
  'already_member',
  'already_linked',
  'same_person',
  'not_a_relative',
  'not_your_person',
  'last_admin',
  'staff_use_password',
  'cannot_erase_self',
  'rate_limited',
  'invalid_request',
  'date_in_future',
] as const

export function errorCode(error: unknown): string {
  if (!(error instanceof ApiError)) return 'unknown'
  if (error.offline) return 'offline'
  if ((KNOWN_CODES as readonly string[]).includes(error.code)) return error.code
  return error.status === 404 ? 'not_found' : 'unknown'
}

/**
 * Sends a form and turns a refusal into messages beside the right field. The form's fields stay
 * as they are, so nothing typed is lost when the connection or the server says no.
 */
export function useSubmit(fallbackField: string) {
  const { t } = useI18n()
  const errors = ref<FieldError[]>([])
  const busy = ref(false)

  function fieldError(field: string): string | undefined {
    return errors.value.find((error) => error.field === field)?.message
  }

  async function submit<T>(send: () => Promise<T>, fieldOf: Record<string, string> = {}): Promise<T | undefined> {
    busy.value = true
    try {
      const result = await send()
      errors.value = []
      return result
    } catch (error) {
      const code = errorCode(error)
      errors.value = [{ field: fieldOf[code] ?? fallbackField, message: t(`admin.errors.${code}`) }]
      return undefined
    } finally {
      busy.value = false
    }
  }

  return { errors, busy, fieldError, submit }
}

/** Data for an admin screen, fetched on open; `problem` holds a message a person can act on. */
export function useAdminData<T>(load: () => Promise<T>): { data: ShallowRef<T | undefined>; problem: Ref<string>; reload: () => Promise<void> } {
  const { t } = useI18n()
  const data = shallowRef<T>()
  const problem = ref('')
  let offline = false
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let disposed = false
  async function reload(): Promise<void> {
    clearTimeout(timer)
    try {
      data.value = await load()
      problem.value = ''
      offline = false
      attempt = 0
    } catch (error) {
      const code = errorCode(error)
      offline = code === 'offline'
      // Reading is not writing: nothing was typed that could be lost.
      problem.value = t(offline ? 'admin.errors.loadOffline' : `admin.errors.${code}`)
      // The device online but the server not answering: no `online` event will come, so it tries
      // again by itself, a few seconds first, then less and less often.
      if (offline && navigator.onLine && !disposed) timer = setTimeout(() => void reload(), backoffDelay(2 + attempt++))
    }
  }
  // What could not be fetched offline comes by itself when the connection returns.
  const online = () => {
    if (offline) void reload()
  }
  if (!__SERVER_RENDER__) {
    window.addEventListener('online', online)
    onScopeDispose(() => {
      disposed = true
      clearTimeout(timer)
      window.removeEventListener('online', online)
    })
  }
  void reload()
  return { data, problem, reload }
}

/** Dates and times in the reader's language, e.g. "3. marts 2026". */
export function useDates() {
  const { locale } = useI18n()
  const date = (iso: string) => new Date(iso.length === 10 ? `${iso}T12:00:00` : iso).toLocaleDateString(locale.value, { dateStyle: 'long' })
  // 24-hour in English too, as meeting times are ("13:30 to 15:00"), not "6:17 AM" beside them.
  const dateTime = (iso: string) => new Date(iso).toLocaleString(locale.value, { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' })
  return { date, dateTime }
}

/**
 * Chromium scrolls a focused text area only far enough to show its caret, which can leave the
 * rest of it under the bottom bar; this brings all of it into view (scroll-padding applies).
 */
export function revealTextArea(event: FocusEvent): void {
  const target = event.target as HTMLElement | null
  if (target?.tagName === 'TEXTAREA') target.scrollIntoView({ block: 'nearest' })
}
