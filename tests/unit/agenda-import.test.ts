import { describe, expect, it } from 'vitest'
import { AgendaImportError, parseAgendaText, type AgendaImportErrorCode } from '../../src/shared/meetings/agenda-import.js'

// A small agenda in the exported layout; variants below bend one thing at a time.
const HEADER = 'DAGSORDEN Brugerrådet på Solbakken d. 14-01-2027\n\nMødedato Torsdag d. 14. januar 2027 kl. 13.30\n'
const item = (n: number, title: string, body = 'Sagsfremstilling\n\nTekst.') =>
  `\nPunkt ${n}: ${title}\n\n27.00.00-G01-${n}-27\n\n${body}\n`
const agenda = (...items: string[]) => HEADER + items.join('')

function importError(text: string): AgendaImportError {
  try {
    parseAgendaText(text)
  } catch (error) {
    if (error instanceof AgendaImportError) return error
    throw error
  }
  throw new Error('expected the import to fail')
}

const codeOf = (text: string): AgendaImportErrorCode => importError(text).code

describe('line endings, page breaks and stray white space', () => {
  const plain = agenda(item(1, 'Godkendelse af dagsorden'), item(2, 'Maden', 'Resumé\n\nVi taler om maden.\n\nBilag\n\nMenu'))

  it('reads CRLF, lone CR and mixed endings alike', () => {
    const expected = parseAgendaText(plain)
    expect(parseAgendaText(plain.replace(/\n/g, '\r\n'))).toEqual(expected)
    expect(parseAgendaText(plain.replace(/\n/g, '\r'))).toEqual(expected)
    let i = 0
    const mixed = plain.replace(/\n/g, () => ['\r\n', '\n', '\r'][i++ % 3] ?? '\n')
    expect(parseAgendaText(mixed)).toEqual(expected)
  })

  it('drops form feeds, page lines and a header repeated on each page', () => {
    const paged = plain
      .replace('\nPunkt 2:', '\n\fSide 2 af 13\nDAGSORDEN Brugerrådet på Solbakken d. 14-01-2027\nPunkt 2:')
      .replace('Vi taler om maden.', 'Vi taler om maden.\n\nside 3 af 13\n- 3 -\nPage 4 of 13')
    expect(parseAgendaText(paged)).toEqual(parseAgendaText(plain))
  })

  it('drops a page number at the end of a running header line', () => {
    const text = plain.replace('\nPunkt 2:', '\nDAGSORDEN Brugerrådet på Solbakken d. 14-01-2027\tSide 2 af 2\nPunkt 2:')
    expect(parseAgendaText(text)).toEqual(parseAgendaText(plain))
  })

  it('ignores stray tabs, spaces, blank lines and non-breaking spaces', () => {
    const messy = plain
      .split('\n')
      .map((line) => (line === '' ? '\t \n\n' : ` \t${line.replace(/ /g, '  ')}\u00A0\t `))
      .join('\n')
    expect(parseAgendaText(`\uFEFF\n\n${messy}\n\n\n`)).toEqual(parseAgendaText(plain))
  })
})

describe('words broken at a line end', () => {
  const body = (text: string) => parseAgendaText(agenda(item(1, 'Punkt', `Sagsfremstilling\n\n${text}`))).items[0]?.sections[0]?.text

  it('joins a word the PDF broke with a hyphen', () => {
    expect(body('Der holdes beboer-\nmøde i marts.')).toBe('Der holdes beboermøde i marts.')
    expect(body('Der holdes beboer-\n\n\fSide 2 af 4\n\nmøde i marts.')).toBe('Der holdes beboermøde i marts.')
    expect(body('Der holdes beboer\u00AD\nmøde i marts.')).toBe('Der holdes beboermøde i marts.')
  })

  it('keeps real hyphens', () => {
    expect(body('Et Brugerråds-/pårørendemøde kl. 12-14.')).toBe('Et Brugerråds-/pårørendemøde kl. 12-14.')
    expect(body('Et Brugerråds-\n/pårørendemøde kl. 12-\n14.')).toBe('Et Brugerråds-/pårørendemøde kl. 12-14.')
    expect(body('Sagen går til Social-\nog Sundhedsudvalget.')).toBe('Sagen går til Social- og Sundhedsudvalget.')
    expect(body('Alle EU-\nborgere kan stemme.')).toBe('Alle EU-borgere kan stemme.')
  })

  it('leaves a dash between words and a hyphen before a new sentence alone', () => {
    expect(body('Kaffe -\nog kage.')).toBe('Kaffe - og kage.')
    expect(body('Vi bruger bus-\nBussen er ny.')).toBe('Vi bruger bus-\nBussen er ny.')
  })

  it('joins lines the PDF wrapped in the middle of a sentence, not list items or new sentences', () => {
    expect(body('Køkkenet foreslår, at beboerne\nselv kan vælge.\nDet er godt.\n1. at det godkendes\n2. at det drøftes')).toBe(
      'Køkkenet foreslår, at beboerne selv kan vælge.\nDet er godt.\n1. at det godkendes\n2. at det drøftes',
    )
  })

  it('joins a title broken over two lines', () => {
    const parsed = parseAgendaText(`${HEADER}\nPunkt 1: Ny mad-\nordning i fælles-\nkøkkenet og\nmenuen\n\nResumé\n\nTekst.`)
    expect(parsed.items[0]?.title).toBe('Ny madordning i fælleskøkkenet og menuen')
    const lowerHeading = parseAgendaText(`${HEADER}\nPunkt 1: Maden\nsagsfremstilling\nTekst.`)
    expect(lowerHeading.items[0]).toMatchObject({
      title: 'Maden',
      sections: [{ kind: 'description', heading: 'sagsfremstilling', text: 'Tekst.' }],
    })
  })
})

describe('sections', () => {
  const sections = (body: string) => parseAgendaText(agenda(item(1, 'Punkt', body))).items[0]

  it('maps every known heading, in any case, with or without a colon', () => {
    const parsed = sections(
      'RESUMÉ\nA.\nIndstilling:\nB.\nbeslutning\nC.\nSagsfremstilling\nD.\nØKONOMI\nE.\nProces\nF.\nVidere proces\nG.\nLovgrundlag\nH.\nResume\nI.',
    )
    expect(parsed?.sections.map((s) => [s.kind, s.heading, s.text])).toEqual([
      ['resume', 'RESUMÉ', 'A.'],
      ['recommendation', 'Indstilling', 'B.'],
      ['decision', 'beslutning', 'C.'],
      ['description', 'Sagsfremstilling', 'D.'],
      ['economy', 'ØKONOMI', 'E.'],
      ['process', 'Proces', 'F.'],
      ['process', 'Videre proces', 'G.'],
      ['other', 'Lovgrundlag', 'H.'],
      ['resume', 'Resume', 'I.'],
    ])
  })

  it('reads "Beslutning i <udvalg> den <dato>" as a decision heading', () => {
    const parsed = sections('Beslutning i Social- og Sundhedsudvalget den 3. november 2026\n\nGodkendt.')
    expect(parsed?.sections).toEqual([
      { kind: 'decision', heading: 'Beslutning i Social- og Sundhedsudvalget den 3. november 2026', text: 'Godkendt.' },
    ])
  })

  it('keeps a sentence that starts with a heading word as text', () => {
    const parsed = sections('Sagsfremstilling\n\nBeslutning i sagen blev udsat.\nResumé: se bilag.')
    expect(parsed?.sections).toEqual([
      { kind: 'description', heading: 'Sagsfremstilling', text: 'Beslutning i sagen blev udsat.\nResumé: se bilag.' },
    ])
  })

  it('reads Bilag as attachments, one per line, and "Bilag:" inside a text as text', () => {
    const parsed = sections(
      'Sagsfremstilling\n\nBilag: forslaget er vedlagt.\nBilag: Menuplan\n\nBILAG:\n\n- Forslag til ny madordning\n• Billedmenu\nBilag 3 - Priser\n\n',
    )
    expect(parsed?.sections).toEqual([
      { kind: 'description', heading: 'Sagsfremstilling', text: 'Bilag: forslaget er vedlagt.\nBilag: Menuplan' },
    ])
    expect(parsed?.attachments).toEqual(['Forslag til ny madordning', 'Billedmenu', 'Bilag 3 - Priser'])
  })

  it('gives no attachments for "Ingen bilag" and drops headings without text', () => {
    const parsed = sections('Beslutning\n\nSagsfremstilling\n\nTekst.\n\nØkonomi\n\nBilag\n\nIngen bilag')
    expect(parsed?.sections).toEqual([{ kind: 'description', heading: 'Sagsfremstilling', text: 'Tekst.' }])
    expect(parsed?.attachments).toEqual([])
  })

  it('keeps text written before any heading as an unnamed section', () => {
    const parsed = parseAgendaText(`${HEADER}\nPunkt 1: Eventuelt\n\nIngen punkter.\n\nBeslutning\n\nDrøftet.`)
    expect(parsed.items[0]?.sections).toEqual([
      { kind: 'other', heading: '', text: 'Ingen punkter.' },
      { kind: 'decision', heading: 'Beslutning', text: 'Drøftet.' },
    ])
  })

  it('reads an item with no sections at all', () => {
    const parsed = parseAgendaText(`${HEADER}\nPunkt 1: Godkendelse af dagsorden\n\nPunkt 2: Eventuelt\n`)
    expect(parsed.items).toEqual([
      { number: 1, title: 'Godkendelse af dagsorden', closed: false, sections: [], attachments: [] },
      { number: 2, title: 'Eventuelt', closed: false, sections: [], attachments: [] },
    ])
  })

  it('ends the last item at signatures or "Mødet hævet"', () => {
    const parsed = parseAgendaText(agenda(item(1, 'Eventuelt', 'Beslutning\n\nDrøftet.\n\nMødet hævet kl. 16.10\n\nUnderskrifter')))
    expect(parsed.items[0]?.sections).toEqual([{ kind: 'decision', heading: 'Beslutning', text: 'Drøftet.' }])
  })
})

describe('items', () => {
  it('reads "Punkt" lines in capitals and with other separators', () => {
    const parsed = parseAgendaText(
      `${HEADER}\nPUNKT 7: GODKENDELSE\n\nResumé\nA.\nPunkt 8. Maden\n\nResumé\nB.\nPkt. 9 - Turen\nResumé\nC.\nPunkt 10\tValg\nResumé\nD.\nPunkt 11\n\nEventuelt\n\nResumé\nE.`,
    )
    expect(parsed.items.map((i) => [i.number, i.title, i.sections[0]?.text])).toEqual([
      [7, 'GODKENDELSE', 'A.'],
      [8, 'Maden', 'B.'],
      [9, 'Turen', 'C.'],
      [10, 'Valg', 'D.'],
      [11, 'Eventuelt', 'E.'],
    ])
  })

  it('reads items numbered "1." when the text has no "Punkt" lines', () => {
    const text = `${HEADER}
1. Godkendelse af dagsorden
27.00.00-G01-1-27
Indstilling
Forstanderen indstiller til Brugerrådet
1. at dagsordenen godkendes
2. Forslaget er sendt ud
Sagsfremstilling
Tekst.

2. Ny madordning
Resumé
Køkkenet foreslår nye retter.
Beslutning
1. Taget til efterretning.

3. Lukket punkt: Klagesag
Beslutning
Behandlet.`
    const parsed = parseAgendaText(text)
    expect(parsed.items.map((i) => [i.number, i.title, i.closed, i.caseNumber])).toEqual([
      [1, 'Godkendelse af dagsorden', false, '27.00.00-G01-1-27'],
      [2, 'Ny madordning', false, undefined],
      [3, 'Klagesag', true, undefined],
    ])
    expect(parsed.items[0]?.sections[0]?.text).toBe(
      'Forstanderen indstiller til Brugerrådet\n1. at dagsordenen godkendes\n2. Forslaget er sendt ud',
    )
    expect(parsed.items[1]?.sections[1]?.text).toBe('1. Taget til efterretning.')
  })

  it('prefers "Punkt" lines, so numbered lines inside items stay text', () => {
    const parsed = parseAgendaText(agenda(item(1, 'Valg', 'Indstilling\n\n2. Valget holdes i april\n\nSagsfremstilling\n\nTekst.')))
    expect(parsed.items).toHaveLength(1)
    expect(parsed.items[0]?.sections[0]?.text).toBe('2. Valget holdes i april')
  })

  it('does not take a reference like "Punkt 3 på mødet" or "Punkt 3: se bilag" for an item', () => {
    const parsed = parseAgendaText(agenda(item(1, 'Valg', 'Sagsfremstilling\n\nPunkt 3 på mødet i marts.\nPunkt 3: se bilag.')))
    expect(parsed.items).toHaveLength(1)
  })

  it('marks closed items in the ways agenda systems write them', () => {
    const parsed = parseAgendaText(
      agenda(
        item(1, 'Lukket punkt: Klagesag'),
        item(2, 'LUKKET PUNKT - Personsag'),
        item(3, '(Lukket) Økonomisk sag'),
        item(4, 'Klage over maden (lukket punkt)'),
        item(5, 'Lukket punkt'),
        item(6, 'Lukket køkken i weekenden'),
      ),
    )
    expect(parsed.items.map((i) => [i.title, i.closed])).toEqual([
      ['Klagesag', true],
      ['Personsag', true],
      ['Økonomisk sag', true],
      ['Klage over maden', true],
      ['Lukket punkt', true],
      ['Lukket køkken i weekenden', false],
    ])
  })

  it('reads labelled case numbers and takes a case number only before the sections', () => {
    const parsed = parseAgendaText(
      `${HEADER}\nPunkt 1: A\nSagsnr.: 2027-000123\nResumé\nTekst.\nPunkt 2: B\nJ.nr. 00.01.00-G01-2-27\nResumé\n27.00.00-G01-9-27\nPunkt 3: C\nResumé\nTekst.`,
    )
    expect(parsed.items.map((i) => i.caseNumber)).toEqual(['2027-000123', '00.01.00-G01-2-27', undefined])
    expect(parsed.items[1]?.sections[0]?.text).toBe('27.00.00-G01-9-27')
  })

  it('drops "Punkt" lines of a table of contents, with or without dot leaders', () => {
    const toc = 'Indholdsfortegnelse\nPunkt 1: Godkendelse\nPunkt 2: Maden.....\t3\nPunkt 3: Eventuelt\n'
    const parsed = parseAgendaText(
      HEADER + toc + item(1, 'Godkendelse af dagsorden') + item(2, 'Maden') + item(3, 'Eventuelt'),
    )
    expect(parsed.items.map((i) => [i.number, i.title, i.caseNumber])).toEqual([
      [1, 'Godkendelse af dagsorden', '27.00.00-G01-1-27'],
      [2, 'Maden', '27.00.00-G01-2-27'],
      [3, 'Eventuelt', '27.00.00-G01-3-27'],
    ])
  })

  it('takes a missing title from the table of contents', () => {
    const text = `${HEADER}\nIndholdsfortegnelse\nGodkendelse af dagsorden.....\t2\nMaden.....\t3\n\nPunkt 1:\n\n27.00.00-G01-1-27\n\nResumé\n\nA.\n${item(2, 'Maden')}`
    expect(parseAgendaText(text).items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden', 'Maden'])
    const numbered = text.replace('Godkendelse af dagsorden.....', 'Punkt 1: Godkendelse af dagsorden.....')
    expect(parseAgendaText(numbered).items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden', 'Maden'])
  })
})

describe('the meeting header', () => {
  const header = (lines: string) => parseAgendaText(`${lines}\n${item(1, 'Godkendelse')}`)

  it('tells an agenda from minutes by the first line', () => {
    expect(header('DAGSORDEN Rådet d. 14-01-2027').kind).toBe('agenda')
    expect(header('Referat\nRådet d. 14-01-2027').kind).toBe('minutes')
    expect(header('BESLUTNINGSPROTOKOL Rådet d. 14-01-2027').kind).toBe('minutes')
  })

  it('without such a line, reads a text with decisions as minutes', () => {
    const withDecision = parseAgendaText(`Brugerrådet\nMødedato 14.01.2027\n${item(1, 'A', 'Beslutning\n\nGodkendt.')}`)
    expect(withDecision).toMatchObject({ kind: 'minutes', council: 'Brugerrådet' })
    expect(parseAgendaText(`Mødedato 14.01.2027\n${item(1, 'A')}`)).toMatchObject({ kind: 'agenda', council: '' })
  })

  it('reads the council name from the first line, or the line after it', () => {
    expect(header('DAGSORDEN Brugerrådet på Solbakken d. 14-01-2027').council).toBe('Brugerrådet på Solbakken')
    expect(header('Brugerrådet på Solbakken - Dagsorden - 14.01.2027').council).toBe('Brugerrådet på Solbakken')
    expect(header('DAGSORDEN\nBrugerrådet på Solbakken\nTorsdag den 14. januar 2027').council).toBe(
      'Brugerrådet på Solbakken',
    )
    expect(header('Dagsorden for mødet i Centerrådet den 14. januar 2027 kl. 13.30').council).toBe('Centerrådet')
  })

  it('reads labelled fields in any case, with a colon, or with the value on the next line', () => {
    const parsed = header(
      'DAGSORDEN Rådet\n\nMØDEDATO: 14. januar 2027\nTidspunkt: 9.00 - 11.00\nMødested:\nCaféen\nDeltagere\tAnne, Bo\nFraværende: Karen',
    )
    expect(parsed).toMatchObject({
      date: '2027-01-14',
      startTime: '09:00',
      place: 'Caféen',
      participants: 'Anne, Bo',
      absent: 'Karen',
    })
  })

  it('joins a field value the PDF wrapped onto the next line, and only lines that go on in lower case', () => {
    const parsed = header(
      'DAGSORDEN Rådet d. 14-01-2027\nMødedeltagere Formand, næstformand, tre beboerrepræsentanter, én\npårørenderepræsentant, forstander\n\nMødested Caféen\nIndholdsfortegnelse',
    )
    expect(parsed).toMatchObject({
      participants: 'Formand, næstformand, tre beboerrepræsentanter, én pårørenderepræsentant, forstander',
      place: 'Caféen',
    })
  })

  it('leaves out fields the text does not have', () => {
    const parsed = header('DAGSORDEN Rådet d. 14-01-2027')
    expect(Object.keys(parsed).sort()).toEqual(['council', 'date', 'items', 'kind'])
  })
})

describe('Danish dates and times', () => {
  const meeting = (line: string, first = 'DAGSORDEN Rådet') => parseAgendaText(`${first}\nMødedato ${line}\n${item(1, 'A')}`)

  it.each([
    ['torsdag den 14. januar 2027', '2027-01-14'],
    ['Torsdag d. 14. januar 2027', '2027-01-14'],
    ['TORSDAG DEN 14. JANUAR 2027', '2027-01-14'],
    ['14. jan. 2027', '2027-01-14'],
    ['3 marts 2027', '2027-03-03'],
    ['14-01-2027', '2027-01-14'],
    ['14.01.2027', '2027-01-14'],
    ['14/1-2027', '2027-01-14'],
    ['14/01/2027', '2027-01-14'],
    ['14-1-27', '2027-01-14'],
    ['2027-01-14', '2027-01-14'],
    ['29. februar 2028', '2028-02-29'],
    ['1. december 2026', '2026-12-01'],
  ])('reads "%s" as %s', (line, date) => {
    expect(meeting(line).date).toBe(date)
  })

  it('takes the year from the first line when the date line has none', () => {
    expect(meeting('Torsdag d. 14. januar kl. 13.30', 'DAGSORDEN Rådet d. 14-01-2027').date).toBe('2027-01-14')
  })

  it('falls back to the first line when the date line cannot be read', () => {
    expect(meeting('31. februar 2027', 'DAGSORDEN Rådet d. 14-01-2027').date).toBe('2027-01-14')
  })

  it.each([
    ['14-01-2027 kl. 13.30', '13:30'],
    ['14-01-2027 kl 9', '09:00'],
    ['14-01-2027 klokken 13:30', '13:30'],
    ['14-01-2027 KL. 13.30-15.00', '13:30'],
    ['14-01-2027, 13:30', '13:30'],
  ])('reads the time in "%s" as %s', (line, time) => {
    expect(meeting(line).startTime).toBe(time)
  })

  it.each([
    ['14-01-2027 kl. 13.30-15.00', '15:00'],
    ['14-01-2027 KL. 13.30 – 15.30', '15:30'],
    ['14-01-2027 kl. 13.30 - kl. 16', '16:00'],
    ['14-01-2027 klokken 9 til 11.30', '11:30'],
  ])('reads the end of the time range in "%s" as %s', (line, time) => {
    expect(meeting(line).endTime).toBe(time)
  })

  it('reads the end from a "Tidspunkt" field, and has no end without a range or before the start', () => {
    const parsed = parseAgendaText(`DAGSORDEN Rådet\nMødedato 14-01-2027\nTidspunkt: 9.00 - 11.00\n${item(1, 'A')}`)
    expect(parsed).toMatchObject({ startTime: '09:00', endTime: '11:00' })
    expect(meeting('14-01-2027 kl. 13.30').endTime).toBeUndefined()
    expect(meeting('14-01-2027 kl. 15.00-13.30').endTime).toBeUndefined()
    expect(meeting('14-01-2027').endTime).toBeUndefined()
  })

  it('has no start time when none is written, or an impossible one', () => {
    expect(meeting('14-01-2027').startTime).toBeUndefined()
    expect(meeting('14-01-2027 kl. 25.00').startTime).toBeUndefined()
  })
})

describe('text that is not an agenda', () => {
  it('throws "empty" for empty text', () => {
    expect(codeOf('')).toBe('empty')
    expect(codeOf(' \r\n\t\f\n')).toBe('empty')
  })

  it('throws "no_items" for a header without items', () => {
    expect(codeOf(HEADER + '\nMødested Caféen\n\nVi ses!')).toBe('no_items')
  })

  it('throws "no_items" for a shopping list', () => {
    expect(codeOf('Indkøb\n\n1. Mælk\n2. Brød\n3. Æg\n4. Kaffe')).toBe('no_items')
  })

  it('throws "no_items" for an e-mail, even one that mentions items', () => {
    const email = `Fra: karen@example.dk
Til: sekretaer@example.dk
Emne: Mødet

Hej Lise,

Kan vi tage maden op på mødet d. 14-01-2027? Punkt 1 på mødet kunne være maden.
Punkt 2: Maden er for kold.

Venlig hilsen
Karen`
    const error = importError(email)
    expect(error.code).toBe('no_items')
    expect(error.message).toMatch(/Punkt 1/)
  })

  it('throws "no_items" for a forwarded e-mail with a date header', () => {
    const email = 'Fra: Karen Holm\nDato: 14. januar 2027 10:02\nEmne: Maden\n\nPunkt 1: Maden er for kold.\nKan vi tale om det?'
    expect(codeOf(email)).toBe('no_items')
  })

  it('does not take "dagsorden" in a sentence or a title for the kind of document', () => {
    expect(codeOf(`Her er dagsorden til mødet d. 14-01-2027\n\nPunkt 1: Maden\nPunkt 2: Turen`)).toBe('no_items')
    const parsed = parseAgendaText(`Mødedato 14.01.2027\nGodkendelse af dagsorden\n${item(1, 'A', 'Beslutning\n\nGodkendt.')}`)
    expect(parsed).toMatchObject({ kind: 'minutes', council: '' })
  })

  it('throws "only_contents" when only the table of contents was copied', () => {
    expect(codeOf(`${HEADER}\nIndholdsfortegnelse\n\nGodkendelse af dagsorden.....\t2\nMaden.....\t3`)).toBe('only_contents')
  })

  it('throws "no_date" with a message saying what to add', () => {
    const error = importError(`DAGSORDEN Brugerrådet\n${item(1, 'Godkendelse')}${item(2, 'Maden')}`)
    expect(error.code).toBe('no_date')
    expect(error.message).toMatch(/2 agenda items/)
    expect(error.message).toMatch(/Mødedato/)
  })

  // These took seconds to minutes with backtracking patterns; the default test timeout guards them.
  it('answers quickly on pathological text: long rows of dots, blanks and dashes', () => {
    expect(codeOf(`Titel${'.'.repeat(40_000)}x`)).toBe('no_items')
    expect(codeOf(`DAGSORDEN x${' '.repeat(40_000)}y`)).toBe('no_items')
    expect(codeOf(`Titel${'.'.repeat(40_000)}\t5`)).toBe('only_contents')
    expect(parseAgendaText(`DAGSORDEN ${'- '.repeat(20_000)}d. 14-01-2027\n${item(1, 'A')}`).council).toBe('')
  })

  it('throws "duplicate_number" with the number when an item is there twice', () => {
    const error = importError(agenda(item(1, 'A'), item(2, 'B'), item(2, 'B')))
    expect(error).toMatchObject({ code: 'duplicate_number', number: 2, name: 'AgendaImportError' })
    expect(error).toBeInstanceOf(Error)
  })
})
