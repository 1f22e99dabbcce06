import { createHash } from 'node:crypto'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import type { ContributionData, PrioritisationData, ProcessData, SessionData, StatementData, ThemeData } from '../../shared/workshops/entities.js'
import { formatRef } from '../../shared/workshops/rules.js'
import type { Role } from '../../shared/workshops/model.js'
import { media, workshopAllocations, workshopParticipants, workshopReactions } from '../db/schema.js'
import type { SyncRegistry } from '../sync/registry.js'
import { writeServerRecords, type ServerWrite, type Tx } from '../sync/server-write.js'
import { registerWorkshopEntities } from '../workshops/policies.js'
import type { DemoIds } from './accounts.js'

export const DEMO_WORKSHOP_CODE = 'VAERK2'
export const DEMO_CLOSED_CODE = 'CAFE26'
const day = 86_400_000

/** A 1×1 PNG and a silent WAV: small real media, so the demo shows a photo and a voice contribution. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a1f1e3d70000000049454e44ae426082', 'hex')
function wav(): Buffer {
  const samples = 800
  const b = Buffer.alloc(44 + samples)
  b.write('RIFF', 0)
  b.writeUInt32LE(36 + samples, 4)
  b.write('WAVEfmt ', 8)
  b.writeUInt32LE(16, 16)
  b.writeUInt16LE(1, 20)
  b.writeUInt16LE(1, 22)
  b.writeUInt32LE(8000, 24)
  b.writeUInt32LE(8000, 28)
  b.writeUInt16LE(1, 32)
  b.writeUInt16LE(8, 34)
  b.write('data', 36)
  b.writeUInt32LE(samples, 40)
  b.fill(128, 44)
  return b
}

async function medium(tx: Tx, data: Buffer, type: 'image/png' | 'audio/wav') {
  const sha256 = createHash('sha256').update(data).digest('hex')
  await tx.insert(media).values({ sha256, type, bytes: data.length, data }).onConflictDoNothing()
  return { sha256, type, bytes: data.length }
}

/**
 * A co-creation process modelled on seed 002 (the framework for local co-creation of activity
 * and community services): two sessions, contributions from users, relatives and staff (one
 * with a photo, one spoken), themes, a merged pair, a hidden one with its reason, statements with
 * answers, dots within a budget frame; and a consultation whose deadline is next week.
 */
export async function seedDemoWorkshops(tx: Tx, registry: SyncRegistry, demo: DemoIds, now = new Date()): Promise<{ processId: string; consultationId: string }> {
  registerWorkshopEntities(registry)
  const councilId = demo.councilId
  const processId = uuidv7()
  const consultationId = uuidv7()
  const today = (offset: number) => new Date(now.getTime() + offset * day).toISOString().slice(0, 10)
  const base: Omit<ProcessData, 'kind' | 'title'> = {
    councilId,
    purpose: 'Sammen finder vi ud af, hvordan aktivitets- og samværstilbuddene skal se ud de næste år.',
    frame:
      'Socialudvalgets fem principper gælder. Alt skal kunne holdes inden for lokalområdets økonomiske ramme. Alle lokale aktører inviteres, og lokalområderne rapporterer i samme form.',
    budget: 250_000,
    phase: 'prioritise',
    templateId: null,
    invitees: [
      { id: uuidv7(), name: 'LAP – Landsforeningen af nuværende og tidligere psykiatribrugere', how: 'Brev og e-mail', invitedOn: today(-30) },
      { id: uuidv7(), name: 'Bedre Psykiatri, lokalafdelingen', how: 'E-mail', invitedOn: today(-30) },
      { id: uuidv7(), name: 'Brugerrådet på Solbakken', how: 'På rådsmødet', invitedOn: today(-28) },
      { id: uuidv7(), name: 'Medarbejdere i caféen og værkstedet', how: 'Personalemøde', invitedOn: today(-27) },
    ],
    status: 'Vi har samlet 9 bidrag på to møder. De er sat i tre emner. Nu vælger vi inden for rammen.',
    statusEasy: 'Vi har fået mange gode idéer. Nu vælger vi de vigtigste.',
    proposal: '',
    proposalEasy: '',
    deadline: null,
    caseText: '',
    caseEasy: '',
    response: '',
    responseSentOn: null,
    reportPublished: true,
  }
  const process: ProcessData = { ...base, kind: 'co-creation', title: 'Samskabelse: aktivitets- og samværstilbud i lokalområdet' }
  const consultation: ProcessData = {
    ...base,
    kind: 'consultation',
    title: 'Høring: nye åbningstider i caféen',
    purpose: 'Kommunen spørger rådet, hvad det mener om nye åbningstider.',
    frame: '',
    budget: null,
    phase: 'collect',
    invitees: [],
    status: '',
    statusEasy: '',
    reportPublished: false,
    deadline: new Date(now.getTime() + 7 * day).toISOString(),
    caseText: 'Forvaltningen foreslår, at caféen holder åbent til kl. 21 på hverdage og også har åbent i weekender og på helligdage. Til gengæld lukker den kl. 12 om mandagen.',
    caseEasy: 'Caféen skal måske have åbent om aftenen og i weekenden. Den lukker tidligt om mandagen. Hvad synes du?',
  }

  const question1 = uuidv7()
  const question2 = uuidv7()
  const workshopId = uuidv7()
  const dialogueId = uuidv7()
  const sessions: [string, SessionData][] = [
    [
      workshopId,
      {
        councilId, processId, kind: 'workshop', title: 'Udviklingsværksted', date: today(-14), place: 'Caféen på Solbakken', code: DEMO_WORKSHOP_CODE, inputOpen: true, allowAnonymous: true,
        questions: [
          { id: question1, text: 'Hvad skal der ske i aktivitetstilbuddet?', easyText: 'Hvad vil du gerne lave?' },
          { id: question2, text: 'Hvornår skal tilbuddet have åbent?', easyText: 'Hvornår vil du komme?' },
        ],
        minutes: 'Der var 14 deltagere: brugere, pårørende og medarbejdere. Vi talte om åbningstider og aktiviteter. Alle bidrag står i rapporten med deres nummer.',
      },
    ],
    [
      dialogueId,
      {
        councilId, processId, kind: 'dialogue', title: 'Dialogmøde i caféen', date: today(-7), place: 'Caféen på Solbakken', code: DEMO_CLOSED_CODE, inputOpen: false, allowAnonymous: true,
        questions: [{ id: uuidv7(), text: 'Hvad betyder fællesskabet for dig?', easyText: 'Hvorfor kommer du her?' }],
        minutes: 'Et mindre møde med 8 brugere. Mange talte om at have et sted at gå hen i weekenden.',
      },
    ],
  ]
  const themes: [string, ThemeData][] = [
    [uuidv7(), { councilId, processId, title: 'Åbent i weekender og højtider', easyTitle: 'Åbent, når andre lukker', inProposal: true }],
    [uuidv7(), { councilId, processId, title: 'Aktiviteter og fællesskab', easyTitle: 'Ting vi kan lave sammen', inProposal: false }],
    [uuidv7(), { councilId, processId, title: 'De ældre brugere', easyTitle: 'Husk de ældre', inProposal: false }],
  ]
  const [open, together, older] = themes.map(([id]) => id) as [string, string, string]
  const photo = await medium(tx, PNG, 'image/png')
  const voice = await medium(tx, wav(), 'audio/wav')
  const ids = Array.from({ length: 9 }, () => uuidv7())
  const entry = (n: number, role: Role, text: string, over: Partial<ContributionData> = {}): [string, ContributionData] => [
    ids[n - 1]!,
    {
      councilId, processId, sessionId: workshopId, questionId: question1, ref: formatRef(n), text, photo: null, recording: null, role, anonymous: false, personId: null, name: null,
      relative: role === 'relative', onBehalfOf: null, interview: null, late: false, createdAt: new Date(now.getTime() - 14 * day).toISOString(), themeId: null, mergedWith: [], hiddenReason: null, inProposal: false,
      ...over,
    },
  ]
  const contributions = [
    entry(1, 'user', 'Åbent om søndagen. Det er der, jeg er mest alene.', { themeId: open, questionId: question2, personId: demo.memberId, name: null }),
    entry(2, 'user', 'Vi skal have åbent i julen og påsken.', { themeId: open, questionId: question2, mergedWith: [ids[4]!], anonymous: true }),
    entry(3, 'relative', 'Min søn har brug for faste aktiviteter med de samme mennesker.', { themeId: together, personId: demo.relativeId }),
    entry(4, 'staff', 'Et værksted, hvor brugerne selv planlægger ugens aktiviteter.', { themeId: together, photo }),
    entry(5, 'user', 'Åbent på helligdage, også nytårsaften.', { themeId: open, questionId: question2, mergedWith: [ids[1]!] }),
    entry(6, 'user', 'Jeg vil gerne have en gåtur hver morgen.', { themeId: together, recording: voice, sessionId: dialogueId, questionId: null }),
    entry(7, 'partner', 'De ældre må ikke blive glemt, når der kommer visitation.', { themeId: older, sessionId: dialogueId, questionId: null }),
    entry(8, 'user', 'En bestemt medarbejder skal fyres.', { hiddenReason: 'Vi skriver ikke om enkelte medarbejdere. Sig det gerne til lederen.', anonymous: true }),
    entry(9, 'user', 'Kaffen er for dyr.', { sessionId: dialogueId, questionId: null, anonymous: true }),
  ]
  const statements: [string, StatementData][] = [
    [uuidv7(), { councilId, processId, sessionId: workshopId, text: 'Tilbuddet skal have åbent i weekenden.', easyText: 'Åbent lørdag og søndag.', open: true }],
    [uuidv7(), { councilId, processId, sessionId: workshopId, text: 'Man skal visiteres for at komme i tilbuddet.', easyText: 'Man skal have lov fra kommunen for at komme.', open: true }],
    [uuidv7(), { councilId, processId, sessionId: workshopId, text: 'Brugerne skal selv planlægge aktiviteterne.', easyText: 'Vi bestemmer selv, hvad vi laver.', open: true }],
  ]
  const options = [
    { id: uuidv7(), text: 'Åbent i weekenden (1 år)', cost: 140_000 },
    { id: uuidv7(), text: 'Brugerstyret værksted', cost: 60_000 },
    { id: uuidv7(), text: 'Morgengåtur med medarbejder', cost: 30_000 },
    { id: uuidv7(), text: 'Åbent på helligdage', cost: 50_000 },
  ]
  const prioritisationId = uuidv7()
  const prioritisation: PrioritisationData = { councilId, processId, title: 'Hvad skal pengene bruges på?', method: 'dots', perPerson: 3, withinBudget: true, options, open: true }
  const viewpoints = [
    entry(1, 'user', 'Godt med aftenåbent. Men mandag formiddag er vigtig for mig.', { processId: consultationId, sessionId: null, questionId: null, personId: demo.memberId }),
    entry(2, 'relative', 'Weekendåbent vil gøre en stor forskel for min mor.', { processId: consultationId, sessionId: null, questionId: null, personId: demo.relativeId }),
  ].map(([, data]): [string, ContributionData] => [uuidv7(), data])

  const writes: ServerWrite[] = [
    { entity: 'workshop-process', id: processId, data: process },
    { entity: 'workshop-process', id: consultationId, data: consultation },
    ...sessions.map(([id, data]) => ({ entity: 'workshop-session', id, data })),
    ...themes.map(([id, data]) => ({ entity: 'workshop-theme', id, data })),
    ...contributions.map(([id, data]) => ({ entity: 'workshop-contribution', id, data })),
    ...viewpoints.map(([id, data]) => ({ entity: 'workshop-contribution', id, data })),
    ...statements.map(([id, data]) => ({ entity: 'workshop-statement', id, data })),
    { entity: 'workshop-prioritisation', id: prioritisationId, data: prioritisation },
  ]
  await writeServerRecords(tx, registry, writes)

  // Who came, by role (no one gave their name); answers and dots of people who are not in the demo's accounts.
  const came: [string, Role, number][] = [
    [workshopId, 'user', 8], [workshopId, 'relative', 3], [workshopId, 'staff', 2], [workshopId, 'partner', 1], [dialogueId, 'user', 8],
  ]
  const joined = today(-14)
  await tx.insert(workshopParticipants).values(came.flatMap(([sessionId, role, n]) => Array.from({ length: n }, () => ({ id: uuidv7(), processId, sessionId, personId: null, role, joinedAt: joined }))))
  const answers: ['agree' | 'disagree' | 'pass', number][][] = [
    [['agree', 7], ['disagree', 1], ['pass', 1]],
    [['agree', 3], ['disagree', 4], ['pass', 2]],
    [['agree', 2], ['disagree', 1], ['pass', 5]],
  ]
  await tx.insert(workshopReactions).values(
    statements.flatMap(([statementId], i) => answers[i]!.flatMap(([answer, n]) => Array.from({ length: n }, () => ({ id: uuidv7(), processId, statementId, personId: null, answer })))),
  )
  const dots = [{ [options[0]!.id]: 2, [options[2]!.id]: 1 }, { [options[1]!.id]: 2, [options[3]!.id]: 1 }, { [options[0]!.id]: 3 }, { [options[2]!.id]: 1, [options[3]!.id]: 2 }]
  await tx.insert(workshopAllocations).values(dots.map((allocation) => ({ id: uuidv7(), processId, prioritisationId, personId: null, allocation })))
  return { processId, consultationId }
}
