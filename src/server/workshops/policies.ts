import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import type { MediaRef } from '../../shared/sync/media.js'
import { uuidv7 } from '../../shared/sync/uuidv7.js'
import {
  Allocate,
  AllocatePayload,
  Contribute,
  ContributePayload,
  PROCESSING_FIELDS,
  React,
  ReactPayload,
  WorkshopContribution,
  WorkshopPrioritisation,
  WorkshopProcess,
  WorkshopSession,
  WorkshopStatement,
  WorkshopTheme,
  type AllocatePayload as AllocateData,
  type ContributePayload as ContributeData,
  type ContributionData,
  type PrioritisationData,
  type ProcessData,
  type ReactPayload as ReactData,
  type SessionData,
  type StatementData,
} from '../../shared/workshops/entities.js'
import { allocationProblem, formatRef, isLate } from '../../shared/workshops/rules.js'
import { isStaffFor, type Actor } from '../accounts/actor.js'
import { media, workshopAllocations, workshopParticipants, workshopReactions } from '../db/schema.js'
import { insidePrincipal, personPrincipal, PUBLIC, staffPrincipal } from '../sync/audience.js'
import { SIGN_IN_REQUIRED, type CommandResult, type SyncPolicy, type SyncRegistry, type WriteAttempt } from '../sync/registry.js'
import { writeServerRecords, type Tx } from '../sync/server-write.js'
import { contributionContext, hasContributions, isParticipant, processOf, recordHeldOpen } from './store.js'

/** Everyone who joined a session of the process reads its sessions, statements and contributions. */
export const participantPrincipal = (processId: string) => `workshop:${processId}`

type Scoped = { councilId: string; processId: string }

const staffOnly = (actor: Actor, councilId: string) =>
  actor.kind === 'anonymous' ? SIGN_IN_REQUIRED : isStaffFor(actor, councilId) ? true : 'Only the staff of this council change a workshop.'

const staffWrites = <T extends { councilId: string }>(): SyncPolicy<T>['canWrite'] => (actor, attempt) => staffOnly(actor, (attempt.next ?? attempt.current)!.councilId)

/** What the schema cannot say about a process: the rules a facilitator's form keeps too. */
function processProblem(p: ProcessData): string | null {
  const ids = p.invitees.map((i) => i.id)
  if (new Set(ids).size !== ids.length) return 'Each invitee is on the list once; two have the same id.'
  if (p.kind === 'consultation' && p.deadline === null) return 'A consultation needs a deadline.'
  if (p.kind === 'co-creation' && p.deadline !== null) return 'Only a consultation has a deadline.'
  return null
}

/** Announced processes are public: title, phases, frame, invitees (organisations), case and proposal. */
const processPolicy: SyncPolicy<ProcessData> = {
  audience: () => [PUBLIC],
  canWrite: (actor, attempt) => {
    const allowed = staffOnly(actor, (attempt.next ?? attempt.current)!.councilId)
    if (allowed !== true) return allowed
    return (attempt.next && processProblem(attempt.next)) ?? true
  },
}

/**
 * A session belongs to a process of its own council: it is created only for a process that
 * exists (in this push or before) and never moves to another one, so a council's staff cannot
 * put a session, and the contributions to it, into another council's process and report.
 * Its questions each have their own id, which contributions point at.
 */
const sessionPolicy: SyncPolicy<SessionData> = {
  related: { process: { entity: WorkshopProcess.name, field: 'processId' } },
  audience: (d) => [staffPrincipal(d.councilId), insidePrincipal(d.councilId), participantPrincipal(d.processId)],
  canWrite: (actor, attempt, related) => {
    const allowed = staffOnly(actor, (attempt.next ?? attempt.current)!.councilId)
    if (allowed !== true) return allowed
    const next = attempt.next
    if (!next) return true
    if (attempt.current && attempt.current.processId !== next.processId) return 'A session stays in its process; add a new session to the other process instead.'
    const process = related.process as ProcessData | null
    if (!process && !attempt.current) return 'There is no such process; create the process before its sessions.'
    if (process && process.councilId !== next.councilId) return 'A session belongs to the council of its process.'
    const ids = next.questions.map((q) => q.id)
    return new Set(ids).size === ids.length ? true : 'Each question has its own id; two are the same.'
  },
  /**
   * Contributions are never lost (decided for issue 13): a question that contributions answer
   * is not removed from its session, only hidden from participants (question.hidden), so the
   * contributions keep their question in the report; a session with contributions is not
   * deleted (close its input instead). A question or session without contributions may go.
   */
  keeps: async (tx, id, attempt) => {
    if (attempt.op === 'delete') {
      return (await hasContributions(tx, { sessionId: id })) ? 'This session has contributions, so it is kept; close its input instead.' : true
    }
    if (!attempt.current || !attempt.next) return true
    const left = new Set(attempt.next.questions.map((q) => q.id))
    const removed = attempt.current.questions.filter((q) => !left.has(q.id)).map((q) => q.id)
    if (removed.length === 0) return true
    return (await hasContributions(tx, { questionIds: removed })) ? 'A question with contributions is not removed; hide it from participants instead, so the contributions keep their question.' : true
  },
}

/** What joined participants, the council and its staff read. */
const insideProcess = <T extends Scoped>(): SyncPolicy<T> => ({
  audience: (d) => [staffPrincipal(d.councilId), insidePrincipal(d.councilId), participantPrincipal(d.processId)],
  canWrite: staffWrites(),
})

/**
 * A contribution reaches the process's participants, the council and staff; hidden, only staff
 * and its author (who sees the reason). It is created only by the contribute command, so the
 * server gives it its reference; afterwards staff change only where it ended up.
 */
const contributionPolicy: SyncPolicy<ContributionData> = {
  audience: (d) => {
    const author = d.personId ? [personPrincipal(d.personId)] : []
    if (d.hiddenReason !== null) return [staffPrincipal(d.councilId), ...author]
    return [staffPrincipal(d.councilId), insidePrincipal(d.councilId), participantPrincipal(d.processId), ...author]
  },
  canWrite: (actor, attempt: WriteAttempt<ContributionData>) => {
    if (attempt.op === 'delete') return 'A contribution is never deleted; hide it with a reason instead.'
    if (!attempt.current) return 'A contribution is sent with "workshop-contribute", which gives it its reference.'
    const allowed = staffOnly(actor, attempt.current.councilId)
    if (allowed !== true) return allowed
    const next = attempt.next ?? attempt.current
    const changed = (Object.keys(next) as (keyof ContributionData)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(attempt.current![k]))
    const locked = changed.filter((k) => !(PROCESSING_FIELDS as readonly string[]).includes(k))
    return locked.length === 0 ? true : `Only where a contribution ended up can change, not its ${locked.join(', ')}.`
  },
}

const rejected = (code: string, reason: string): CommandResult => ({ status: 'rejected', code, reason })

/** May take part in the process: joined it, a member of its council, or its staff. */
async function mayTakePart(tx: Tx, actor: Actor, processId: string, councilId: string): Promise<boolean> {
  if (actor.kind !== 'person') return false
  if (actor.councilIds.has(councilId)) return true
  return isParticipant(tx, processId, actor.personId)
}

/**
 * A photo or recording must be on the server, as what the contribution calls it, before the
 * contribution names it. The device uploads it first (the outbox sends the media its entries
 * name); when it has not arrived, "media_missing" makes the device upload it again and retry.
 */
async function mediaProblem(tx: Tx, refs: MediaRef[]): Promise<CommandResult | null> {
  if (refs.length === 0) return null
  const stored = await tx.select({ sha256: media.sha256, type: media.type }).from(media).where(inArray(media.sha256, refs.map((r) => r.sha256)))
  for (const ref of refs) {
    const found = stored.find((m) => m.sha256 === ref.sha256)
    if (!found) return rejected('media_missing', 'A photo or recording has not been uploaded yet; it is sent first.')
    if (found.type !== ref.type) return rejected('invalid', `The ${ref.type.startsWith('image/') ? 'photo' : 'recording'} on the server is a ${found.type} file, not ${ref.type}.`)
  }
  return null
}

async function contribute(tx: Tx, registry: SyncRegistry, actor: Actor, p: ContributeData, now: Date, version: number): Promise<CommandResult> {
  const known = await contributionContext(tx, { id: p.id, processId: p.processId, sessionId: p.sessionId, personId: actor.kind === 'person' ? actor.personId : null })
  const existing = known.existing
  if (existing) {
    // Sent again after a lost answer: the same reference, so it lands once.
    return existing.processId === p.processId ? { status: 'applied', data: { ref: existing.ref } } : rejected('invalid', 'This contribution belongs to another process.')
  }
  if (actor.kind !== 'person') return { status: 'rejected', code: 'not_signed_in', reason: 'Join the session again to send this.' }
  const process = known.process
  if (!process) return rejected('not_found', 'There is no such workshop or consultation.')
  if (!actor.councilIds.has(process.councilId) && !known.participant) return rejected('forbidden', 'Join a session of this process first, by its link or code.')
  if (!p.text.trim() && !p.photo && !p.recording) return rejected('invalid', 'Write something, or add a photo or a recording.')
  const missing = await mediaProblem(tx, [p.photo, p.recording].filter((r): r is MediaRef => r !== null))
  if (missing) return missing
  const interview = p.interviewConsentOn !== null
  if (interview && !isStaffFor(actor, process.councilId)) return rejected('forbidden', 'Only staff enter what a person said in an interview.')
  if (p.sessionId) {
    const session = known.session
    if (!session || session.processId !== p.processId) return rejected('not_found', 'There is no such session in this process.')
    // Staff may still enter an interview after the room closed; participants may not.
    if (!session.inputOpen && !interview) return rejected('closed', 'Input to this session is closed. Ask the facilitator.')
    if (p.questionId && !session.questions.some((q) => q.id === p.questionId)) return rejected('not_found', 'There is no such question in this session.')
    if (p.anonymous && !session.allowAnonymous) return rejected('invalid', 'This session does not take anonymous input; send it with your role instead.')
  } else if (process.kind !== 'consultation') {
    return rejected('invalid', 'Choose the session this contribution belongs to.')
  } else if (p.anonymous) {
    return rejected('invalid', 'A viewpoint to a consultation is sent with your name or role, not anonymously.')
  }
  const anonymous = p.anonymous && !interview
  const me = !(anonymous || interview) && known.showsName
  const data: ContributionData = {
    councilId: process.councilId,
    processId: p.processId,
    sessionId: p.sessionId,
    questionId: p.questionId,
    ref: formatRef(known.highestRef + 1),
    text: p.text.trim(),
    photo: p.photo,
    recording: p.recording,
    role: p.role,
    anonymous,
    personId: anonymous || interview ? null : actor.personId,
    name: me ? actor.name : null,
    relative: !anonymous && !interview && actor.personKind === 'relative',
    onBehalfOf: anonymous || interview ? null : actor.actingFor,
    interview: interview ? { enteredBy: actor.personId, consentOn: p.interviewConsentOn! } : null,
    late: process.kind === 'consultation' && isLate(process.deadline, now),
    createdAt: now.toISOString(),
    themeId: null,
    mergedWith: [],
    hiddenReason: null,
    inProposal: false,
  }
  await writeServerRecords(tx, registry, [{ entity: WorkshopContribution.name, id: p.id, data }], { version })
  return { status: 'applied', version, data: { ref: data.ref } }
}

async function react(tx: Tx, actor: Actor, p: ReactData): Promise<CommandResult> {
  if (actor.kind !== 'person') return { status: 'rejected', code: 'not_signed_in', reason: 'Join the session again to send this.' }
  const statement = await recordHeldOpen<StatementData>(tx, WorkshopStatement.name, p.statementId)
  if (!statement) return rejected('not_found', 'There is no such statement.')
  if (!(await mayTakePart(tx, actor, statement.processId, statement.councilId))) return rejected('forbidden', 'Join a session of this process first.')
  if (!statement.open) return rejected('closed', 'Answers to this statement are closed.')
  await tx
    .insert(workshopReactions)
    .values({ id: uuidv7(), processId: statement.processId, statementId: p.statementId, personId: actor.personId, answer: p.answer })
    .onConflictDoUpdate({ target: [workshopReactions.statementId, workshopReactions.personId], set: { answer: p.answer } })
  return { status: 'applied' }
}

async function allocate(tx: Tx, actor: Actor, p: AllocateData): Promise<CommandResult> {
  if (actor.kind !== 'person') return { status: 'rejected', code: 'not_signed_in', reason: 'Join the session again to send this.' }
  const setup = await recordHeldOpen<PrioritisationData>(tx, WorkshopPrioritisation.name, p.prioritisationId)
  if (!setup) return rejected('not_found', 'There is no such prioritisation.')
  const process = await processOf(tx, setup.processId)
  if (!process || !(await mayTakePart(tx, actor, setup.processId, setup.councilId))) return rejected('forbidden', 'Join a session of this process first.')
  if (!setup.open) return rejected('closed', 'This prioritisation is closed.')
  const problem = allocationProblem(setup, process.budget, p.allocation)
  if (problem) {
    const reasons = {
      unknown_option: 'One of the choices is not in this prioritisation.',
      pick_once: 'Each option can be picked once.',
      too_many: `You have ${setup.perPerson} to place; take some back first.`,
      over_budget: 'Your choices cost more than the frame allows; take one back first.',
    }
    return rejected('invalid', reasons[problem.code])
  }
  const allocation = Object.fromEntries(Object.entries(p.allocation).filter(([, n]) => n > 0))
  await tx
    .insert(workshopAllocations)
    .values({ id: uuidv7(), processId: setup.processId, prioritisationId: p.prioritisationId, personId: actor.personId, allocation })
    .onConflictDoUpdate({ target: [workshopAllocations.prioritisationId, workshopAllocations.personId], set: { allocation } })
  return { status: 'applied' }
}

/** The workshop records, the participants' principal and the three commands; registering twice is harmless. */
export function registerWorkshopEntities(registry: SyncRegistry): void {
  if (registry.get(WorkshopProcess.name)) return
  registry.register(WorkshopProcess, processPolicy)
  registry.register(WorkshopSession, sessionPolicy)
  registry.register(WorkshopTheme, insideProcess())
  registry.register(WorkshopStatement, insideProcess())
  registry.register(WorkshopPrioritisation, insideProcess())
  registry.register(WorkshopContribution, contributionPolicy)
  registry.addPrincipals(async (db, actor) => {
    if (actor.kind !== 'person') return []
    const rows = await db
      .selectDistinct({ processId: workshopParticipants.processId })
      .from(workshopParticipants)
      .where(and(eq(workshopParticipants.personId, actor.personId), isNotNull(workshopParticipants.personId)))
    return rows.map((r) => participantPrincipal(r.processId))
  })
  registry.registerCommand({ name: Contribute.name, schema: ContributePayload, handle: (tx, actor, payload, { now, version }) => contribute(tx, registry, actor, payload as ContributeData, now, version) })
  // A reaction or an allocation is an upsert per person outside the sync records: no version needed.
  registry.registerCommand({ name: React.name, schema: ReactPayload, unversioned: true, handle: (tx, actor, payload) => react(tx, actor, payload as ReactData) })
  registry.registerCommand({ name: Allocate.name, schema: AllocatePayload, unversioned: true, handle: (tx, actor, payload) => allocate(tx, actor, payload as AllocateData) })
}
