import { describe, expect, it } from 'vitest'
import { parseAttachment } from '../../src/shared/meetings/attachments'

describe('parseAttachment', () => {
  it('keeps a plain name as text without a link', () => {
    expect(parseAttachment('Menuplan for januar og februar')).toEqual({ name: 'Menuplan for januar og februar', url: null })
  })

  it('takes an https address after the name, with a dash, colon or nothing between', () => {
    const url = 'https://demo.brugerstemme.dk/bilag/gaardhaven.pdf'
    expect(parseAttachment(`Tegning af gårdhaven – ${url}`)).toEqual({ name: 'Tegning af gårdhaven', url })
    expect(parseAttachment(`Tegning af gårdhaven: ${url}`)).toEqual({ name: 'Tegning af gårdhaven', url })
    expect(parseAttachment(`Tegning af gårdhaven ${url}`)).toEqual({ name: 'Tegning af gårdhaven', url })
  })

  it('takes a path on this site', () => {
    expect(parseAttachment('Budget 2026 - /bilag/budget.pdf')).toEqual({ name: 'Budget 2026', url: '/bilag/budget.pdf' })
  })

  it('names a bare link by its file', () => {
    expect(parseAttachment('https://example.dk/filer/Tilbud%20fra%20planteskolen.pdf')).toEqual({
      name: 'Tilbud fra planteskolen.pdf',
      url: 'https://example.dk/filer/Tilbud%20fra%20planteskolen.pdf',
    })
  })

  it('never makes a link of an unsafe or unknown scheme, or of a date with slashes', () => {
    expect(parseAttachment('Notat javascript:alert(1)').url).toBeNull()
    expect(parseAttachment('Brev http://example.dk/brev.pdf').url).toBeNull()
    expect(parseAttachment('Referat fra 12/3').url).toBeNull()
    expect(parseAttachment('Notat //evil.example/x').url).toBeNull()
  })
})
