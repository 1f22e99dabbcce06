import { MEMBER_ROLES } from '../../shared/accounts/model'
import type { FieldError } from '../ui/ErrorSummary.vue'
import { parseDate } from './dates'

export interface TermDraft {
  role: string
  termStart: string
  termEnd: string
}

export interface Term {
  termStart: string
  termEnd: string | null
}

/** The checks the server would make, done first so each message can sit beside its field. */
export function checkTerm(draft: TermDraft, prefix: string, t: (key: string) => string): { errors: FieldError[]; term: Term } {
  const errors: FieldError[] = []
  const termStart = parseDate(draft.termStart)
  const termEnd = draft.termEnd.trim() ? parseDate(draft.termEnd) : null
  if (!(MEMBER_ROLES as readonly string[]).includes(draft.role)) errors.push({ field: `${prefix}-role`, message: t('admin.memberForm.roleMissing') })
  if (!termStart) errors.push({ field: `${prefix}-start`, message: t('admin.memberForm.startMissing') })
  if (draft.termEnd.trim() && !termEnd) errors.push({ field: `${prefix}-end`, message: t('admin.memberForm.endInvalid') })
  else if (termStart && termEnd && termEnd < termStart) errors.push({ field: `${prefix}-end`, message: t('admin.memberForm.endBeforeStart') })
  return { errors, term: { termStart: termStart ?? '', termEnd } }
}
