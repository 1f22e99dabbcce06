import { describe, expect, it } from 'vitest'
import { parseAgendaText } from '../../src/shared/meetings/agenda-import.js'

// Verbatim copies of ../shared/samples/*.txt (tabs written as \t), kept here so the tests run on
// a clean clone where the shared folder does not exist.
const AGENDA_SAMPLE = `DAGSORDEN Brugerrådet på Bostedet Egebo d. 14-01-2027

Mødedato Torsdag d. 14. januar 2027 kl. 13:30

Mødested Fælleshuset, Egebo

Mødedeltagere Formand, næstformand, tre beboerrepræsentanter, én pårørenderepræsentant, forstander

Indholdsfortegnelse

Godkendelse af dagsorden.....\t2
Ny madordning i fælleskøkkenet.....\t3
Sommerturen 2027.....\t4
Valg til brugerrådet i foråret.....\t5
Eventuelt.....\t6

Punkt 1: Godkendelse af dagsorden

27.00.00-G01-3-27

Indstilling

Forstanderen indstiller til Brugerrådet

1. at dagsordenen godkendes.

Sagsfremstilling

Dagsordenen blev sendt ud en uge før mødet sammen med en billedudgave.

Punkt 2: Ny madordning i fælleskøkkenet

29.09.00-A00-1-27

Resumé

Køkkenet foreslår, at beboerne selv kan vælge mellem to retter til aftensmad tre dage om ugen. Brugerrådet skal høres, før ordningen starter.

Indstilling

Forstanderen indstiller til Brugerrådet

1. at Brugerrådet drøfter forslaget til ny madordning
2. at Brugerrådet afgiver høringssvar senest den 1. februar 2027.

Sagsfremstilling

Flere beboere har ønsket mere indflydelse på maden. Køkkenet har derfor lavet et forslag, hvor der mandag, onsdag og fredag kan vælges mellem to retter. Valget sker på en tavle med billeder af retterne i fælleshuset dagen før.

Forslaget er drøftet med køkkenpersonalet på personalemødet den 5. januar.

Økonomi

Ordningen holdes inden for det nuværende budget til kost.

Bilag

Forslag til ny madordning
Billedmenu - eksempel

Punkt 3: Sommerturen 2027

00.01.00-G01-2-27

Resumé

Beboerne kan komme med ønsker til, hvor sommerturen skal gå hen.

Indstilling

Forstanderen indstiller til Brugerrådet

1. at Brugerrådet indsamler ønsker fra beboerne frem til 1. marts
2. at Brugerrådet vælger turens mål på mødet i marts.

Sagsfremstilling

Sidste år gik turen til Djurs Sommerland. Der er afsat en bus og en madpakke til alle. Brugerrådet kan bruge idévæggen i appen til at samle ønsker.

Punkt 4: Valg til brugerrådet i foråret

27.00.00-G01-4-27

Resumé

Der skal være valg til brugerrådet i april. Brugerrådet skal beslutte, hvordan valget foregår.

Indstilling

Forstanderen indstiller til Brugerrådet

1. at valget holdes fra 12. til 26. april 2027
2. at pårørende kan stemme for en beboer, der ikke selv kan stemme
3. at der vælges tre medlemmer og to suppleanter.

Sagsfremstilling

Valget holdes hvert andet år. Alle beboere kan stille op. Kandidaterne præsenterer sig med et billede og et par sætninger, som også kan læses højt i appen.

Bilag

Vedtægter for brugerrådet

Punkt 5: Eventuelt

00.22.00-A00-1-27

Sagsfremstilling

Eventuelt
`

const MINUTES_SAMPLE = `REFERAT Centerrådet for Længerevarende Boformer d. 03-11-2026

Mødedato Tirsdag d. 3. november 2026 kl. 15:00

Mødested Mødelokale 2.14, Rådhuset

Mødedeltagere Fiktiv formand, fiktiv næstformand, fire brugerrepræsentanter, to pårørenderepræsentanter, centerchef

Afbud Én pårørenderepræsentant

Indholdsfortegnelse

Godkendelse af dagsorden.....\t2
Orientering om nyt centerråd.....\t3
Høring om budget 2027 for centret.....\t5
Lukket punkt: Klagesag.....\t7
Nyt fra tilbuddene.....\t8
Eventuelt.....\t9

Punkt 21: Godkendelse af dagsorden

27.00.00-G01-7-26

Beslutning

Dagsordenen blev godkendt.

Sagsfremstilling

Godkendelse af dagsorden

Punkt 22: Orientering om nyt centerråd

00.15.02-A21-2-26

Resumé

Centret har fået et nyt centerråd efter omorganiseringen. Rådet mødes fire gange om året. Pårørende er repræsenteret med to pladser.

Indstilling

Forvaltningen indstiller til Centerrådet

1. at orienteringen tages til efterretning.

Beslutning

1. Taget til efterretning. Centerrådet ønsker, at dagsordener også sendes ud i en letlæst udgave med billeder.

Sagsfremstilling

Efter den nye organisering har hvert driftscenter sit eget centerråd. Centerrådet er rådgivende over for centret, er bindeled mellem centret, brugerne og de pårørende, og spiller en aktiv rolle i centrets udvikling.

Funktionsperioden er to år. Mødekadencen er fire møder om året.

Bilag

Kommissorium for centerrådet
Oversigt over medlemmer

Punkt 23: Høring om budget 2027 for centret

00.30.10-S00-4-26

Resumé

Centerrådet høres om forslag til budget 2027. Høringssvar skal afgives senest den 20. november 2026.

Indstilling

Forvaltningen indstiller til Centerrådet

1. at Centerrådet drøfter budgetforslaget
2. at Centerrådet afgiver høringssvar.

Beslutning

1. Drøftet.
2. Centerrådet afgiver høringssvar. Formand og næstformand skriver svaret, som sendes til rådet på mail inden fristen.

Sagsfremstilling

Budgetforslaget indeholder en reduktion på 1,2 mio. kr. på aktiviteter i weekenden og en udvidelse af åbningstiden i caféen på hverdage.

Centerrådet lagde vægt på, at aktiviteterne i weekenden er vigtige for beboere, som ikke har pårørende. Der var enighed om at pege på dette i høringssvaret. Der var uenighed om udvidelsen af caféens åbningstid.

Økonomi

Budgetforslaget er udgiftsneutralt for centret som helhed.

Videre proces

Tid\tAktivitet
20. november\tFrist for høringssvar
2. december\tSocialudvalget behandler budgettet

Bilag

Budgetforslag 2027 - Center for Længerevarende Boformer
Bilag 1 - Nøgletal for aktiviteter
Bilag 2 - Oversigt over åbningstider

Punkt 24: Lukket punkt: Klagesag

00.05.10-G01-1-26

Beslutning

Behandlet.

Punkt 25: Nyt fra tilbuddene

27.00.00-G01-7-26

Resumé

Nyt fra tilbuddene.

Sagsfremstilling

Nyt fra tilbuddene.

Punkt 26: Eventuelt

27.00.00-G01-7-26

Beslutning

Drøftet.

Sagsfremstilling

Eventuelt
`

describe('parseAgendaText on the sample agenda (DAGSORDEN)', () => {
  const agenda = parseAgendaText(AGENDA_SAMPLE)

  it('reads the meeting from the header lines', () => {
    expect(agenda).toMatchObject({
      kind: 'agenda',
      council: 'Brugerrådet på Bostedet Egebo',
      date: '2027-01-14',
      startTime: '13:30',
      place: 'Fælleshuset, Egebo',
      participants: 'Formand, næstformand, tre beboerrepræsentanter, én pårørenderepræsentant, forstander',
    })
    expect(agenda.absent).toBeUndefined()
  })

  it('finds the five items in order, not the table of contents lines', () => {
    expect(agenda.items.map((item) => [item.number, item.title, item.caseNumber, item.closed])).toEqual([
      [1, 'Godkendelse af dagsorden', '27.00.00-G01-3-27', false],
      [2, 'Ny madordning i fælleskøkkenet', '29.09.00-A00-1-27', false],
      [3, 'Sommerturen 2027', '00.01.00-G01-2-27', false],
      [4, 'Valg til brugerrådet i foråret', '27.00.00-G01-4-27', false],
      [5, 'Eventuelt', '00.22.00-A00-1-27', false],
    ])
  })

  it('keeps every section of an item in the order written, with its text', () => {
    expect(agenda.items[1]).toEqual({
      number: 2,
      title: 'Ny madordning i fælleskøkkenet',
      caseNumber: '29.09.00-A00-1-27',
      closed: false,
      sections: [
        {
          kind: 'resume',
          heading: 'Resumé',
          text:
            'Køkkenet foreslår, at beboerne selv kan vælge mellem to retter til aftensmad tre dage om ugen. ' +
            'Brugerrådet skal høres, før ordningen starter.',
        },
        {
          kind: 'recommendation',
          heading: 'Indstilling',
          text:
            'Forstanderen indstiller til Brugerrådet\n\n' +
            '1. at Brugerrådet drøfter forslaget til ny madordning\n' +
            '2. at Brugerrådet afgiver høringssvar senest den 1. februar 2027.',
        },
        {
          kind: 'description',
          heading: 'Sagsfremstilling',
          text:
            'Flere beboere har ønsket mere indflydelse på maden. Køkkenet har derfor lavet et forslag, hvor der ' +
            'mandag, onsdag og fredag kan vælges mellem to retter. Valget sker på en tavle med billeder af retterne ' +
            'i fælleshuset dagen før.\n\nForslaget er drøftet med køkkenpersonalet på personalemødet den 5. januar.',
        },
        { kind: 'economy', heading: 'Økonomi', text: 'Ordningen holdes inden for det nuværende budget til kost.' },
      ],
      attachments: ['Forslag til ny madordning', 'Billedmenu - eksempel'],
    })
  })

  it('puts Bilag into attachments, never into sections', () => {
    expect(agenda.items.map((item) => item.attachments)).toEqual([
      [],
      ['Forslag til ny madordning', 'Billedmenu - eksempel'],
      [],
      ['Vedtægter for brugerrådet'],
      [],
    ])
    const headings = agenda.items.flatMap((item) => item.sections.map((section) => section.heading))
    expect(headings).not.toContain('Bilag')
    expect(new Set(headings)).toEqual(new Set(['Resumé', 'Indstilling', 'Sagsfremstilling', 'Økonomi']))
  })

  it('reads an item with only one section', () => {
    expect(agenda.items[4]?.sections).toEqual([{ kind: 'description', heading: 'Sagsfremstilling', text: 'Eventuelt' }])
  })
})

describe('parseAgendaText on the sample minutes (REFERAT)', () => {
  const minutes = parseAgendaText(MINUTES_SAMPLE)

  it('reads the meeting, including who sent apologies', () => {
    expect(minutes).toMatchObject({
      kind: 'minutes',
      council: 'Centerrådet for Længerevarende Boformer',
      date: '2026-11-03',
      startTime: '15:00',
      place: 'Mødelokale 2.14, Rådhuset',
      participants:
        'Fiktiv formand, fiktiv næstformand, fire brugerrepræsentanter, to pårørenderepræsentanter, centerchef',
      absent: 'Én pårørenderepræsentant',
    })
  })

  it('keeps the numbers of the council year (21–26) and marks the closed item', () => {
    expect(minutes.items.map((item) => [item.number, item.title, item.closed])).toEqual([
      [21, 'Godkendelse af dagsorden', false],
      [22, 'Orientering om nyt centerråd', false],
      [23, 'Høring om budget 2027 for centret', false],
      [24, 'Klagesag', true],
      [25, 'Nyt fra tilbuddene', false],
      [26, 'Eventuelt', false],
    ])
    expect(minutes.items[3]).toEqual({
      number: 24,
      title: 'Klagesag',
      caseNumber: '00.05.10-G01-1-26',
      closed: true,
      sections: [{ kind: 'decision', heading: 'Beslutning', text: 'Behandlet.' }],
      attachments: [],
    })
  })

  it('reads decisions, a numbered decision list and "Videre proces" as process', () => {
    const budget = minutes.items[2]
    expect(budget?.sections.map((section) => section.kind)).toEqual([
      'resume',
      'recommendation',
      'decision',
      'description',
      'economy',
      'process',
    ])
    expect(budget?.sections[2]?.text).toBe(
      '1. Drøftet.\n2. Centerrådet afgiver høringssvar. Formand og næstformand skriver svaret, som sendes til rådet på mail inden fristen.',
    )
    expect(budget?.sections[5]).toEqual({
      kind: 'process',
      heading: 'Videre proces',
      text: 'Tid\tAktivitet\n20. november\tFrist for høringssvar\n2. december\tSocialudvalget behandler budgettet',
    })
  })

  it('lists attachments whose titles start with "Bilag 1 -" as attachments', () => {
    expect(minutes.items[2]?.attachments).toEqual([
      'Budgetforslag 2027 - Center for Længerevarende Boformer',
      'Bilag 1 - Nøgletal for aktiviteter',
      'Bilag 2 - Oversigt over åbningstider',
    ])
    expect(minutes.items[1]?.attachments).toEqual(['Kommissorium for centerrådet', 'Oversigt over medlemmer'])
  })

  it('keeps the decision of the first item and the numbered decision of the second', () => {
    expect(minutes.items[0]?.sections[0]).toEqual({ kind: 'decision', heading: 'Beslutning', text: 'Dagsordenen blev godkendt.' })
    expect(minutes.items[1]?.sections.find((section) => section.kind === 'decision')?.text).toBe(
      '1. Taget til efterretning. Centerrådet ønsker, at dagsordener også sendes ud i en letlæst udgave med billeder.',
    )
  })
})

describe('the samples as a PDF copy would mangle them', () => {
  // Each change must apply, or the test would compare a text with itself.
  const replace = (text: string, pattern: RegExp | string, by: string) => {
    const changed = text.replace(pattern, by)
    expect(changed).not.toBe(text)
    return changed
  }
  const mangle = (text: string, brokenWord: [string, string]) => {
    let out = replace(text, /\n(Punkt \d+:)/g, '\n\fSide 2 af 13\n   $1')
    out = replace(out, /^Indstilling$/gm, '  Indstilling\t ')
    out = replace(out, brokenWord[0], brokenWord[1])
    return replace(out, /\n/g, '\r\n')
  }

  it('gives the same agenda', () => {
    const mangled = mangle(AGENDA_SAMPLE, ['at beboerne selv', 'at be-\nboerne selv'])
    expect(parseAgendaText(mangled)).toEqual(parseAgendaText(AGENDA_SAMPLE))
  })

  it('gives the same minutes', () => {
    const mangled = mangle(MINUTES_SAMPLE, ['et nyt centerråd efter', 'et nyt center-\n\fSide 3 af 13\nråd efter'])
    expect(parseAgendaText(mangled)).toEqual(parseAgendaText(MINUTES_SAMPLE))
  })
})
