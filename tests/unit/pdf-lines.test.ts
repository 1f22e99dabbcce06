import { describe, expect, it } from 'vitest'
import { lineText, pageText, pagesText, type PdfTextRun } from '../../src/app/meetings/import/pdf-lines.js'

/** A run of text as pdf.js gives it: x and baseline y in points, width from 0.5 pt per letter at size 10. */
const run = (text: string, x: number, y: number, size = 10, width = text.length * size * 0.5): PdfTextRun => ({ text, x, y, width, size })

describe('lineText', () => {
  it('joins runs left to right, with a space at a word gap and none inside a word', () => {
    // "ind" + "fl" (a ligature set as its own run) + "ydelse" touch: one word.
    const runs = [run('ydelse på maden', 80, 700), run('Flere har ønsket ind', 0, 700, 10, 70), run('fl', 70, 700, 10, 10)]
    expect(lineText(runs)).toBe('Flere har ønsket indflydelse på maden')
    expect(lineText([run('Punkt', 0, 700), run('1:', 27, 700)])).toBe('Punkt 1:')
  })

  it('makes a wide gap or a wide run of blanks a tab, as in a table of contents', () => {
    expect(lineText([run('Eventuelt.....', 0, 500), run(' ', 70, 500, 10, 14), run('6', 81, 500)])).toBe('Eventuelt.....\t6')
    expect(lineText([run('Sommerturen', 0, 500), run('4', 200, 500)])).toBe('Sommerturen\t4')
  })

  it('does not double the spaces a run already has', () => {
    expect(lineText([run('Punkt 1: ', 0, 700, 10, 45), run('Godkendelse', 48, 700)])).toBe('Punkt 1: Godkendelse')
  })
})

describe('pageText', () => {
  it('puts runs with the same baseline on one line, top line first, whatever order they come in', () => {
    const runs = [run('andet', 30, 686), run('Første', 0, 700), run('linje', 32, 700.5), run('Det', 0, 686)]
    expect(pageText(runs)).toBe('Første linje\nDet andet')
  })

  it('keeps lines of one paragraph together and puts a blank line where the gap is large', () => {
    // Line gaps of 15 inside paragraphs, 18 between list items, 32 between paragraphs.
    const runs = [
      run('Resumé', 0, 800, 12),
      run('Køkkenet foreslår, at beboerne selv kan vælge', 0, 768),
      run('to retter. Brugerrådet skal høres.', 0, 753),
      run('1. at rådet drøfter forslaget', 0, 721),
      run('2. at rådet afgiver høringssvar.', 0, 703),
      run('Sagsfremstilling', 0, 671, 12),
    ]
    expect(pageText(runs)).toBe(
      [
        'Resumé',
        '',
        'Køkkenet foreslår, at beboerne selv kan vælge',
        'to retter. Brugerrådet skal høres.',
        '',
        '1. at rådet drøfter forslaget',
        '2. at rådet afgiver høringssvar.',
        '',
        'Sagsfremstilling',
      ].join('\n'),
    )
  })

  it('on a page of single-line paragraphs, still sees the paragraph gaps by the font size', () => {
    const runs = [run('Punkt 5: Eventuelt', 0, 800, 14), run('00.22.00-A00-1-27', 0, 765), run('Sagsfremstilling', 0, 733, 12), run('Eventuelt', 0, 700)]
    expect(pageText(runs)).toBe('Punkt 5: Eventuelt\n\n00.22.00-A00-1-27\n\nSagsfremstilling\n\nEventuelt')
  })

  it('leaves out empty runs and blank lines', () => {
    expect(pageText([run('', 0, 700), run('  ', 0, 650), run('Tekst', 0, 600)])).toBe('Tekst')
    expect(pageText([])).toBe('')
  })
})

describe('pagesText', () => {
  it('starts each page on a new line and skips empty pages', () => {
    expect(pagesText([[run('Resumé', 0, 90, 12)], [], [run('Køkkenet foreslår noget.', 0, 745)]])).toBe('Resumé\nKøkkenet foreslår noget.')
  })
})
