/** Why a chosen file could not be used; the screen shows its own Danish text for each. */
export type FileProblem = 'too_big' | 'not_text' | 'unreadable'

export class TextFileError extends Error {
  constructor(readonly problem: FileProblem) {
    super(`The file could not be used: ${problem}`)
  }
}

/** An agenda as plain text is some tens of kilobytes; this only stops a wrong, huge file. */
const MAX_BYTES = 2 * 1024 * 1024

/**
 * Reads an exported agenda. Agenda systems and older Windows programs often save text as
 * Windows-1252 (Latin-1), where "æøå" are not valid UTF-8: strict UTF-8 first, and when that
 * fails, Windows-1252, which can decode any byte. UTF-16 is recognised by its byte order mark.
 */
export async function readTextFile(file: File): Promise<string> {
  if (file.size > MAX_BYTES) throw new TextFileError('too_big')
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch {
    throw new TextFileError('unreadable')
  }
  // A PDF or Word file chosen by mistake: its text cannot be read without the whole program.
  const start = String.fromCharCode(...bytes.subarray(0, 4))
  if (start === '%PDF' || start.startsWith('PK') || (bytes.subarray(0, 1024).includes(0) && !hasUtf16Mark(bytes))) {
    throw new TextFileError('not_text')
  }
  return decode(bytes)
}

function hasUtf16Mark(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
}

export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}
