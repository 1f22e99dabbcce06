import type { getDocument as GetDocument } from 'pdfjs-dist'
import type { TextItem } from 'pdfjs-dist/types/src/display/api'
import { pagesText, type PdfTextRun } from './pdf-lines'

/** Why a PDF gave no text; the import screen says each in words a person can act on. */
export type PdfProblem = 'no_text_layer' | 'pdf_password' | 'pdf_broken' | 'too_many_pages'

export class PdfTextError extends Error {
  constructor(readonly problem: PdfProblem) {
    super(`The PDF gave no text: ${problem}`)
  }
}

/** An agenda is some tens of pages; a 500-page report chosen by mistake would hang the screen. */
export const MAX_PAGES = 300

/**
 * The text of a PDF as the agenda parser expects it (see pdf-lines.ts). Takes pdf.js's
 * getDocument, so the browser passes the lazy-loaded build and the unit tests the same build
 * under Node. Nothing leaves the device: the file is read from memory, with no eval (the app's
 * CSP forbids it), no WebAssembly decoders and no font downloads, none of which text needs.
 */
export async function extractPdfText(getDocument: typeof GetDocument, data: Uint8Array): Promise<string> {
  const task = getDocument({
    data,
    isEvalSupported: false,
    useWasm: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  })
  try {
    const document = await task.promise.catch((error: unknown) => {
      throw new PdfTextError((error as { name?: string } | null)?.name === 'PasswordException' ? 'pdf_password' : 'pdf_broken')
    })
    if (document.numPages > MAX_PAGES) throw new PdfTextError('too_many_pages')
    const pages: PdfTextRun[][] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      pages.push(content.items.flatMap((item) => (isHorizontalText(item) ? [runOf(item)] : [])))
      page.cleanup()
    }
    const text = pagesText(pages)
    // A scanned agenda is pictures of pages: no text layer, or only stray marks.
    if (!/\p{L}{2}/u.test(text)) throw new PdfTextError('no_text_layer')
    return text
  } finally {
    await task.destroy()
  }
}

function isHorizontalText(item: TextItem | { type: string }): item is TextItem {
  // Marked-content entries carry no text; rotated text (a margin note) is not part of a line.
  return 'str' in item && Math.abs(item.transform[1] ?? 0) < 0.01 && Math.abs(item.transform[2] ?? 0) < 0.01
}

function runOf(item: TextItem): PdfTextRun {
  const [scaleX = 0, , , scaleY = 0, x = 0, y = 0] = item.transform
  return { text: item.str, x, y, width: item.width, size: Math.abs(scaleY) || Math.abs(scaleX) || item.height }
}
