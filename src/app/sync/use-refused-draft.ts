import { computed } from 'vue'
import { useRoute } from 'vue-router'
import { discardOutboxEntry } from './engine'
import { useSync } from './sync-service'

/**
 * A form opened from the refused-changes screen ("Ret") starts from what the person wrote, not
 * from the server's copy; once the corrected version is saved, the refused entry is dropped.
 */
export function useRefusedDraft() {
  const route = useRoute()
  const { db } = useSync()
  const seq = computed(() => (typeof route.query.fra === 'string' && /^\d+$/.test(route.query.fra) ? Number(route.query.fra) : null))

  async function refusedPatch(): Promise<Record<string, unknown> | null> {
    if (seq.value === null) return null
    const entry = await db.outbox.get(seq.value)
    return entry && entry.state !== 'pending' ? entry.patch : null
  }

  async function resolved(): Promise<void> {
    if (seq.value !== null) await discardOutboxEntry(db, seq.value)
  }

  return { refusedPatch, resolved }
}
