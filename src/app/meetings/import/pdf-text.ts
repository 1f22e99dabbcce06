import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs'
// Served from this origin like every other asset (the CSP allows only 'self' for workers), and
// fetched only when a PDF is chosen; the service worker keeps it afterwards (vite.config.ts).
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'
import { extractPdfText } from './pdf-extract'

/**
 * pdf.js, loaded only by the import screen and only when a PDF is chosen. The legacy build: it
 * runs in the browsers municipal PCs and iPads still have, where the modern build needs the
 * newest ones (Map.getOrInsertComputed, Math.sumPrecise).
 */
GlobalWorkerOptions.workerSrc = workerUrl

export function pdfToText(data: Uint8Array): Promise<string> {
  return extractPdfText(getDocument, data)
}
