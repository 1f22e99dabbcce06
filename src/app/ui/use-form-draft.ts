import { onScopeDispose, ref, watch } from 'vue'

const PREFIX = 'brugerstemme.draft.'

/**
 * Keeps what a person has typed into a form but not saved yet, so leaving the page, a reload, a
 * closed tab or a save that failed loses nothing. The one draft mechanism of the app's forms (the
 * meeting form, the item editor). Only the named text fields are kept (not photos or recordings:
 * they would not fit in localStorage). Signing out wipes drafts with the rest of localStorage.
 *
 * A draft exists only while the form differs from what is stored: opening a record and leaving
 * it unchanged keeps nothing, so a stale copy can never cover a newer version synced later.
 */
export function useFormDraft<Form extends Record<string, unknown>>(key: () => string, form: Form, fields: (keyof Form & string)[]) {
  const restored = ref(false)
  let active = false
  const snapshot = () => JSON.stringify(fields.map((field) => form[field]))
  /** The form as stored (the record, or an empty new form): no draft is needed for it. */
  let stored = snapshot()

  /** Puts a kept draft over the form; call once the form holds the stored record. */
  function restore(): void {
    active = true
    stored = snapshot()
    try {
      const raw = localStorage.getItem(PREFIX + key())
      if (!raw) return
      const draft = JSON.parse(raw) as Partial<Form>
      for (const field of fields) if (field in draft) (form as Record<string, unknown>)[field] = draft[field]
      restored.value = snapshot() !== stored
    } catch {
      // A draft that cannot be read is dropped; the stored record is still there.
      localStorage.removeItem(PREFIX + key())
    }
  }

  let dirty = false
  function keep(): void {
    if (!dirty || !active) return
    dirty = false
    try {
      if (snapshot() === stored) localStorage.removeItem(PREFIX + key())
      else localStorage.setItem(PREFIX + key(), JSON.stringify(Object.fromEntries(fields.map((field) => [field, form[field]]))))
    } catch {
      // A full localStorage only means the draft is not kept; the form itself is untouched.
    }
  }

  watch(
    () => fields.map((field) => form[field]),
    () => {
      if (!active) return
      dirty = true
      // Written at once: a few hundred bytes per keystroke is nothing, and a tap on the menu
      // right after typing must not beat a timer.
      keep()
    },
    { deep: true },
  )

  /** After a successful save: the form is what is stored now. Later edits are kept again. */
  function clear(): void {
    dirty = false
    restored.value = false
    stored = snapshot()
    localStorage.removeItem(PREFIX + key())
  }

  onScopeDispose(keep)
  return { restored, restore, clear }
}
