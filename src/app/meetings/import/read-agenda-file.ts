import type { PdfProblem } from './pdf-extract'

/** Why a chosen file could not be used; the screen shows its own Danish text for each. */
export type FileProblem = 'too_big' | 'not_text' | 'unreadable' | 'pdf_unavailable' | PdfProblem

export class TextFileError extends Error {
  constructor(readonly problem: FileProblem) {
    super(`The file could not be used: ${problem}`)
  }
}

/** An agenda as plain text is some tens of kilobytes; this only stops a wrong, huge file. */
const MAX_TEXT_BYTES = 2 * 1024 * 1024
/** A PDF agenda with its pictures is a few megabytes; a whole case file with scans is more. */
const MAX_PDF_BYTES = 40 * 1024 * 1024

export function isPdf(bytes: Uint8Array): boolean {
  return String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-'
}

/**
 * Reads an exported agenda: a PDF (its text layer, read on this device) or a text file. Agenda
 * systems and older Windows programs often save text as Windows-1252 (Latin-1), where "æøå" are
 * not valid UTF-8: strict UTF-8 first, and when that fails, Windows-1252, which can decode any
 * byte. UTF-16 is recognised by its byte order mark.
 */
export async function readAgendaFile(file: File, onPdf: () => void = () => {}): Promise<string> {
  if (file.size > MAX_PDF_BYTES) throw new TextFileError('too_big')
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch {
    throw new TextFileError('unreadable')
  }
  if (isPdf(bytes)) {
    onPdf()
    return readPdf(bytes)
  }
  if (file.size > MAX_TEXT_BYTES) throw new TextFileError('too_big')
  // A Word file or another program's file chosen by mistake.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw new TextFileError('not_text')
  if (bytes.subarray(0, 1024).includes(0) && !hasUtf16Mark(bytes)) throw new TextFileError('not_text')
  return decode(bytes)
}

async function readPdf(bytes: Uint8Array): Promise<string> {
  // pdf.js is about half a megabyte: it is fetched only now, and kept by the service worker
  // for the next time. Without a connection the first time, it cannot be fetched at all.
  let reader: typeof import('./pdf-text')
  try {
    reader = await import('./pdf-text')
  } catch {
    throw new TextFileError('pdf_unavailable')
  }
  try {
    return await reader.pdfToText(bytes)
  } catch (error) {
    const problem = (error as { problem?: PdfProblem }).problem
    if (problem) throw new TextFileError(problem)
    console.error('reading the PDF failed', error)
    throw new TextFileError('pdf_broken')
  }
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
