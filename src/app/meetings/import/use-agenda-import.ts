import { ref, watch, type Ref } from 'vue'
import { AgendaImportError, parseAgendaText, type AgendaImportErrorCode } from '../../../shared/meetings/agenda-import'
import { AgendaItem, Meeting } from '../../../shared/meetings/entities'
import { draftFromParsed, itemsFromDraft, meetingFromDraft, type ImportDraft } from '../../../shared/meetings/import-mapping'
import { uuidv7 } from '../../../shared/sync/uuidv7'
import { useSync } from '../../sync/sync-service'
import { change } from '../../sync/write'

export type ReadProblem = AgendaImportErrorCode | 'unknown'

// The pasted text survives a reload or a visit to another screen (going back never loses
// work). sessionStorage ends with the tab and is wiped at sign-out: the text can hold closed items.
const TEXT_KEY = 'brugerstemme.agenda-import.v1'

function storedText(councilId: string): string {
  try {
    const stored = JSON.parse(sessionStorage.getItem(TEXT_KEY) ?? 'null') as { councilId?: string; text?: string } | null
    return stored?.councilId === councilId && typeof stored.text === 'string' ? stored.text : ''
  } catch {
    return ''
  }
}

/** The import's state across its steps: the text, the parsed draft being checked, and saving it. */
export function useAgendaImport(councilId: Ref<string>) {
  const { writer } = useSync()
  const text = ref(storedText(councilId.value))
  const draft = ref<ImportDraft | null>(null)

  watch(councilId, (id) => {
    text.value = storedText(id)
    draft.value = null
  })
  watch(text, (value) => {
    if (value) sessionStorage.setItem(TEXT_KEY, JSON.stringify({ councilId: councilId.value, text: value }))
    else sessionStorage.removeItem(TEXT_KEY)
  })

  /** Parses the text into a fresh draft; on failure nothing changes but the problem returned. */
  function read(defaultTitle: (council: string) => string): { problem: ReadProblem; number?: number } | null {
    try {
      const parsed = parseAgendaText(text.value)
      draft.value = draftFromParsed(parsed, defaultTitle(parsed.council))
      return null
    } catch (error) {
      if (error instanceof AgendaImportError) return error.number === undefined ? { problem: error.code } : { problem: error.code, number: error.number }
      console.error('agenda import failed', error)
      return { problem: 'unknown' }
    }
  }

  /**
   * One transaction around the meeting and all its items (SyncWriter.apply), so a full disk
   * halfway leaves no meeting with half its items.
   */
  async function save(): Promise<{ meetingId: string; count: number }> {
    const current = draft.value!
    const meetingId = uuidv7()
    await writer.apply([
      change.create(Meeting, meetingFromDraft(current, councilId.value), meetingId),
      ...itemsFromDraft(current, councilId.value, meetingId).map((item) => change.create(AgendaItem, item)),
    ])
    text.value = ''
    return { meetingId, count: current.items.length }
  }

  return { text, draft, read, save }
}
