import { MEMBER_ROLES } from '../../shared/accounts/model'
import type { FieldError } from '../ui/ErrorSummary.vue'

export interface TermDraft {
  role: string
  termStart: string
  termEnd: string
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The checks the server would make, done first so the message can sit beside the field. */
export function termErrors(draft: TermDraft, prefix: string, t: (key: string) => string): FieldError[] {
  const out: FieldError[] = []
  if (!(MEMBER_ROLES as readonly string[]).includes(draft.role)) out.push({ field: `${prefix}-role`, message: t('admin.memberForm.roleMissing') })
  if (!ISO_DATE.test(draft.termStart)) out.push({ field: `${prefix}-start`, message: t('admin.memberForm.startMissing') })
  if (draft.termEnd && !ISO_DATE.test(draft.termEnd)) out.push({ field: `${prefix}-end`, message: t('admin.memberForm.endInvalid') })
  else if (draft.termEnd && ISO_DATE.test(draft.termStart) && draft.termEnd < draft.termStart) {
    out.push({ field: `${prefix}-end`, message: t('admin.memberForm.endBeforeStart') })
  }
  return out
}
