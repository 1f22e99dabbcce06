import { AgendaItem, Meeting, type AgendaItemData, type DecisionKind, type MeetingData } from '../../shared/meetings/entities.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import type { SyncRegistry } from '../sync/registry.js'
import { writeServerRecords, type ServerWrite, type Tx } from '../sync/server-write.js'

interface DemoItem {
  title: string
  easyTitle: string
  easyText: string
  pictogram: string
  minutes?: number
  question?: string
  closed?: boolean
  sections?: AgendaItemData['sections']
  attachments?: string[]
  decision?: DecisionKind
  easyDecision?: string
}

const isoDay = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10)

function meetingWrites(councilId: string, meeting: Omit<MeetingData, 'councilId'>, items: DemoItem[]): ServerWrite[] {
  const meetingId = uuidv7()
  const writes: ServerWrite[] = [{ entity: Meeting.name, id: meetingId, data: { councilId, ...meeting } }]
  items.forEach((item, index) => {
    const data: AgendaItemData = {
      councilId,
      meetingId,
      position: index + 1,
      title: item.title,
      caseNumber: '',
      easyTitle: item.easyTitle,
      easyText: item.easyText,
      pictogram: item.pictogram,
      photo: null,
      audio: null,
      expectedMinutes: item.minutes ?? null,
      question: item.question ?? '',
      closed: item.closed ?? false,
      sections: item.sections ?? [],
      attachments: item.attachments ?? [],
      decision: item.decision ?? null,
      easyDecision: item.easyDecision ?? '',
    }
    writes.push({ entity: AgendaItem.name, id: uuidv7(), data })
  })
  return writes
}

/** A coming meeting with easy-read items and pictograms, and an earlier one with its minutes. */
export async function seedDemoMeetings(tx: Tx, registry: SyncRegistry, councilId: string, now = new Date()): Promise<void> {
  const common = { place: 'Fælleshuset, Solbakken 2', placePhoto: null, participants: '', absent: '', published: true }
  const upcoming = meetingWrites(
    councilId,
    { ...common, title: 'Møde i brugerrådet', date: isoDay(now, 14), startTime: '13:30', endTime: '15:00', minutesPublished: false },
    [
      { title: 'Velkomst', easyTitle: 'Velkommen', easyText: 'Vi siger hej til hinanden. Vi ser, om alle er her.', pictogram: 'welcome', minutes: 5 },
      { title: 'Godkendelse af dagsorden', easyTitle: 'Dagsordenen', easyText: 'Vi ser på, hvad vi skal tale om i dag.', pictogram: 'agenda-approval', minutes: 5 },
      {
        title: 'Maden i huset – ønsker til nye retter',
        easyTitle: 'Maden i huset',
        easyText: 'Køkkenet vil høre, hvad I synes om maden. Vi taler om nye retter.',
        pictogram: 'food',
        minutes: 20,
        question: 'Hvad synes du om maden?',
        sections: [
          { kind: 'resume', heading: 'Resumé', text: 'Køkkenet ønsker brugerrådets input til menuplanen for foråret, herunder ønsker til nye retter og mere frugt og grønt.' },
          { kind: 'recommendation', heading: 'Indstilling', text: 'Det indstilles, at brugerrådet drøfter ønsker til menuplanen.' },
        ],
        attachments: ['Menuplan for januar og februar'],
      },
      {
        title: 'Sommerudflugt – valg af mål',
        easyTitle: 'Sommerturen',
        easyText: 'Vi skal vælge, hvor vi skal hen på tur til sommer. Der er tre forslag.',
        pictogram: 'trip',
        minutes: 20,
        question: 'Hvor vil du gerne hen på tur?',
        sections: [
          { kind: 'description', heading: 'Sagsfremstilling', text: 'Der er tre forslag: Dyrehaven, Den Blå Planet og en tur til stranden i Hornbæk.' },
          { kind: 'economy', heading: 'Økonomi', text: 'Der er afsat 12.000 kr. til turen, inklusive bus og frokost.' },
        ],
      },
      {
        title: 'Orientering fra aktivitetsmedarbejderne om efterårets aktivitetsprogram',
        easyTitle: 'Efterårets aktiviteter',
        easyText: 'Aktivitetsmedarbejderne fortæller, hvad vi kan lave i efteråret.',
        pictogram: 'activities',
        minutes: 10,
        sections: [
          {
            kind: 'description',
            heading: 'Sagsfremstilling',
            text: 'Aktivitetsmedarbejderne præsenterer efterårets aktivitetsprogram med udflugter, musikarrangementer og kreative værksteder. Programmet bygger på ønskerne fra brugerrådsmødet i foråret.',
          },
        ],
        attachments: ['Aktivitetsprogram for efteråret'],
      },
      {
        title: 'Personsag',
        easyTitle: 'En beboers sag',
        easyText: 'Vi taler om en sag, som kun rådet må høre om.',
        pictogram: 'confidentiality',
        minutes: 10,
        closed: true,
      },
      { title: 'Eventuelt', easyTitle: 'Eventuelt', easyText: 'Her kan alle sige noget, vi ikke har talt om.', pictogram: 'any-other-business', minutes: 10 },
    ],
  )
  const earlier = meetingWrites(
    councilId,
    { ...common, title: 'Møde i brugerrådet', date: isoDay(now, -30), startTime: '13:30', endTime: '15:00', minutesPublished: true },
    [
      { title: 'Velkomst', easyTitle: 'Velkommen', easyText: 'Vi sagde hej til hinanden.', pictogram: 'welcome', decision: 'information', easyDecision: 'Alle var med. Ali kom lidt senere.' },
      {
        title: 'Godkendelse af referat fra brugerrådsmødet i januar',
        easyTitle: 'Referatet fra sidste møde',
        easyText: 'Vi så på referatet fra brugerrådsmødet i januar.',
        pictogram: 'minutes',
        decision: 'decided',
        easyDecision: 'Referatet er godkendt.',
        sections: [{ kind: 'decision', heading: 'Beslutning', text: 'Referatet fra brugerrådsmødet den 14. januar blev godkendt uden bemærkninger.' }],
      },
      {
        title: 'Haven – nye bede',
        easyTitle: 'Haven',
        easyText: 'Vi talte om nye bede i haven.',
        pictogram: 'garden',
        decision: 'decided',
        easyDecision: 'Vi får nye bede i haven. Beboerne hjælper med at plante i maj.',
        sections: [
          {
            kind: 'description',
            heading: 'Sagsfremstilling',
            text: 'Beboerne har ønsket højbede i gårdhaven, så flere kan være med til havearbejdet. Ejendomsafdelingen har givet tilladelse, og udgiften dækkes af aktivitetsbudgettet.',
          },
          { kind: 'decision', heading: 'Beslutning', text: 'Brugerrådet besluttede at etablere fire højbede i gårdhaven. Beboerne hjælper med plantningen i maj.' },
        ],
        attachments: ['Tegning af gårdhaven – https://demo.brugerstemme.dk/bilag/gaardhaven.pdf', 'Tilbud fra planteskolen'],
      },
      {
        title: 'Husets regler om rygning på altanerne',
        easyTitle: 'Rygning på altanerne',
        easyText: 'Vi talte om husets regler for rygning.',
        pictogram: 'no-smoking',
        decision: 'discussed',
        easyDecision: 'Vi talte om rygning på altanerne. Vi taler mere om det næste gang.',
      },
      {
        title: 'Tilskud til fester',
        easyTitle: 'Penge til fester',
        easyText: 'Vi talte om, hvor mange penge der er til fester.',
        pictogram: 'money',
        decision: 'postponed',
        easyDecision: 'Vi venter med at beslutte. Lederen skal først tale med kommunen.',
      },
      {
        title: 'Orientering fra ledelsen',
        easyTitle: 'Nyt fra lederen',
        easyText: 'Lederen fortalte nyt fra huset.',
        pictogram: 'news',
        decision: 'information',
        easyDecision: 'Der kommer to nye medarbejdere i næste måned.',
      },
    ],
  )
  await writeServerRecords(tx, registry, [...upcoming, ...earlier])
}
