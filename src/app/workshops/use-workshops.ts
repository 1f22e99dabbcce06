import { computed, ref, type Ref } from 'vue'
import type { JoinAnswer, JoinPreview, JoinRequest, Placement, Results } from '../../shared/workshops/api'
import {
  Contribute,
  WorkshopContribution,
  WorkshopPrioritisation,
  WorkshopProcess,
  WorkshopSession,
  WorkshopStatement,
  WorkshopTheme,
  type ContributePayload,
  type ContributionData,
  type PrioritisationData,
  type ProcessData,
  type SessionData,
  type StatementData,
  type ThemeData,
} from '../../shared/workshops/entities'
import { api } from '../api'
import { useSync } from '../sync/sync-service'
import { useLiveQuery } from '../sync/use-live-query'

export interface Rec<Data> {
  id: string
  data: Data
  pending: boolean
}

/** Every process this device holds, newest first. */
export function useProcesses() {
  const { db } = useSync()
  return useLiveQuery(
    async () =>
      (await db.records.where('entity').equals(WorkshopProcess.name).toArray())
        .map((r) => ({ id: r.id, data: r.data as ProcessData, pending: r.pending === 1 }))
        .sort((a, b) => b.id.localeCompare(a.id)),
    [] as Rec<ProcessData>[],
  )
}

async function ofProcess<T extends { processId: string }>(entity: string, processId: string): Promise<Rec<T>[]> {
  const { db } = useSync()
  return (await db.records.where('entity').equals(entity).toArray())
    .filter((r) => (r.data as T).processId === processId)
    .map((r) => ({ id: r.id, data: r.data as T, pending: r.pending === 1 }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

export interface ProcessView {
  process: Rec<ProcessData> | null
  sessions: Rec<SessionData>[]
  themes: Rec<ThemeData>[]
  statements: Rec<StatementData>[]
  prioritisations: Rec<PrioritisationData>[]
  contributions: Rec<ContributionData>[]
}

/** A process and everything in it that this device may read; undefined while loading. */
export function useProcessView(id: Ref<string>) {
  const { db } = useSync()
  return useLiveQuery(
    async (): Promise<ProcessView> => {
      const record = await db.records.get([WorkshopProcess.name, id.value])
      return {
        process: record ? { id: record.id, data: record.data as ProcessData, pending: record.pending === 1 } : null,
        sessions: await ofProcess<SessionData>(WorkshopSession.name, id.value),
        themes: await ofProcess<ThemeData>(WorkshopTheme.name, id.value),
        statements: await ofProcess<StatementData>(WorkshopStatement.name, id.value),
        prioritisations: await ofProcess<PrioritisationData>(WorkshopPrioritisation.name, id.value),
        contributions: (await ofProcess<ContributionData>(WorkshopContribution.name, id.value)).sort((a, b) => refNo(a.data.ref) - refNo(b.data.ref)),
      }
    },
    undefined as ProcessView | undefined,
    [id],
  )
}

const refNo = (ref: string) => Number(ref.slice(2)) || 0

const MINE_KEY = 'brugerstemme.workshops.mine.v1'

export interface MineEntry {
  id: string
  processId: string
  text: string
  sentAt: number
  /** Whether it was sent with a photo or a voice recording (absent in entries kept before media). */
  photo?: boolean
  recording?: boolean
}

/**
 * The contributions sent from this device by the person signed in on it: their ids are what finds
 * them again, anonymous ones too. Kept in localStorage, which a change of person wipes.
 */
export const mine = ref<MineEntry[]>(readMine())

function readMine(): MineEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(MINE_KEY) ?? '[]')
    return Array.isArray(parsed) ? (parsed as MineEntry[]) : []
  } catch {
    return []
  }
}

/** Queues a contribution in the outbox (it lands once, also after being offline) and remembers it as mine. */
export async function sendContribution(payload: ContributePayload): Promise<string> {
  const { writer } = useSync()
  await writer.send(Contribute, payload, payload.id)
  mine.value = [...mine.value, { id: payload.id, processId: payload.processId, text: payload.text, sentAt: Date.now(), photo: payload.photo !== null, recording: payload.recording !== null }]
  localStorage.setItem(MINE_KEY, JSON.stringify(mine.value))
  return payload.id
}

/** Whether the contribution still waits in the outbox on this device. */
export function useWaiting() {
  const { db } = useSync()
  return useLiveQuery(async () => new Set((await db.outbox.toArray()).filter((e) => e.entity === Contribute.name).map((e) => e.entityId)), new Set<string>())
}

/** The contribution as pulled, once the server has it and this device may read it. */
export function useContribution(id: Ref<string>) {
  const { db } = useSync()
  return useLiveQuery(async () => ((await db.records.get([WorkshopContribution.name, id.value]))?.data as ContributionData | undefined) ?? null, null as ContributionData | null, [id])
}

export const previewJoin = (code: string) => api<JoinPreview>('GET', `/api/workshops/join/${encodeURIComponent(code)}`)
export const joinSession = (body: JoinRequest) => api<JoinAnswer>('POST', '/api/workshops/join', body)
export const fetchResults = (processId: string) => api<Results>('GET', `/api/workshops/${processId}/results`)
export const fetchPlacements = (ids: string[]) => api<Placement[]>('POST', '/api/workshops/mine', { ids })

/** How a whole-krone amount reads in Danish: "60.000 kr." */
export const kroner = (n: number) => `${n.toLocaleString('da-DK')} kr.`

export const processesOf = (list: Ref<Rec<ProcessData>[]>, kind: ProcessData['kind']) => computed(() => list.value.filter((p) => p.data.kind === kind))
