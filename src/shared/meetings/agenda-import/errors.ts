/**
 * Why an import failed. The app shows its own Danish text for each code (the English message is
 * for logs and developers); `number` fills in the message for `duplicate_number`.
 *
 * - `empty`: the text is empty or only white space.
 * - `only_contents`: only a table of contents was found, no item texts ("Punkt 1: ..." lines).
 * - `no_items`: no agenda item was found at all, or the text does not look like an agenda or
 *   minutes (a shopping list, an e-mail).
 * - `no_date`: items were found, but no meeting date.
 * - `duplicate_number`: two items with text have the same number (often the text was pasted twice).
 */
export type AgendaImportErrorCode = 'empty' | 'only_contents' | 'no_items' | 'no_date' | 'duplicate_number'

export class AgendaImportError extends Error {
  readonly code: AgendaImportErrorCode
  readonly number?: number

  constructor(code: AgendaImportErrorCode, message: string, number?: number) {
    super(message)
    this.name = 'AgendaImportError'
    this.code = code
    if (number !== undefined) this.number = number
  }
}
