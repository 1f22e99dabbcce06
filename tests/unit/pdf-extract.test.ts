import { readFileSync } from 'node:fs'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { describe, expect, it } from 'vitest'
import { extractPdfText, PdfTextError } from '../../src/app/meetings/import/pdf-extract.js'
import { parseAgendaText, type ParsedAgenda } from '../../src/shared/meetings/agenda-import.js'
import { pdfWithoutText } from '../e2e/fixtures/pdf-without-text.js'

// The same build the import screen lazy-loads, run under Node: the extraction is tested here
// without a browser; tests/e2e/agenda-import.spec.ts checks the worker, the CSP and the screen.
const fixture = (name: string) => new URL(`../e2e/fixtures/${name}`, import.meta.url)
const samplePdf = () => new Uint8Array(readFileSync(fixture('dagsorden-brugerraadet-egebo.pdf')))

/**
 * A PDF breaks a paragraph into printed lines; where a line happens to end with a full stop the
 * parser cannot tell the break from a new line, so a section's words are compared, not its breaks.
 */
const words = (agenda: ParsedAgenda) => ({
  ...agenda,
  items: agenda.items.map((item) => ({ ...item, sections: item.sections.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ') })) })),
})

describe('extractPdfText', () => {
  it('reads the sample agenda PDF as the same meeting, with the same items, as the pasted sample', async () => {
    const text = await extractPdfText(getDocument, samplePdf())
    const fromPdf = parseAgendaText(text)
    const fromText = parseAgendaText(readFileSync(fixture('dagsorden-brugerraadet-egebo.txt'), 'utf8'))
    expect(words(fromPdf)).toEqual(words(fromText))
    expect(fromPdf.items.map((item) => item.title)).toEqual([
      'Godkendelse af dagsorden',
      'Ny madordning i fælleskøkkenet',
      'Sommerturen 2027',
      'Valg til brugerrådet i foråret',
      'Eventuelt',
    ])
  })

  it('keeps the printed lines, a tab before a contents page number, and no word split by a ligature', async () => {
    const text = await extractPdfText(getDocument, samplePdf())
    expect(text).toContain('Godkendelse af dagsorden.....\t2\n')
    expect(text).toContain('Flere beboere har ønsket mere indflydelse på maden.')
    expect(text).toContain('\n\nPunkt 2: Ny madordning i fælleskøkkenet\n\n29.09.00-A00-1-27\n\n')
  })

  it('says a PDF without a text layer has no text, and a file that is no PDF is broken', async () => {
    await expect(extractPdfText(getDocument, pdfWithoutText())).rejects.toEqual(new PdfTextError('no_text_layer'))
    await expect(extractPdfText(getDocument, new TextEncoder().encode('%PDF-1.4\nnot really'))).rejects.toEqual(new PdfTextError('pdf_broken'))
  })
})
