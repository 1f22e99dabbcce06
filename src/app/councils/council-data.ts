import type { CouncilMemberData, CouncilRecordData } from '../../shared/accounts/entities'
import { COUNCILS_SCOPE, councilScope, MEMBER_ROLES } from '../../shared/accounts/names'
import type { LocalDb } from '../sync/local-db'
import type { RecordReader } from '../sync/record-reader'

export interface CouncilView extends CouncilRecordData {
  id: string
}

export interface MemberView extends CouncilMemberData {
  id: string
}

export async function loadCouncils(records: RecordReader): Promise<CouncilView[]> {
  const rows = await records.inScope('council', COUNCILS_SCOPE)
  return rows.map((row) => ({ id: row.id, ...(row.data as CouncilRecordData) }))
}

export async function loadCouncil(db: LocalDb, id: string): Promise<CouncilView | null> {
  const row = await db.records.get(['council', id])
  return row ? { id: row.id, ...(row.data as CouncilRecordData) } : null
}

/** Members whose term has not ended, the chair first, in the order of the roles. */
export async function loadMembers(db: LocalDb, councilId: string, today: string): Promise<MemberView[]> {
  const rows = await db.records.where('[entity+scope]').equals(['council-member', councilScope(councilId)]).toArray()
  return rows
    .map((row) => ({ id: row.id, ...(row.data as CouncilMemberData) }))
    .filter((member) => member.termEnd === null || member.termEnd >= today)
    .sort((a, b) => MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role) || a.name.localeCompare(b.name, 'da'))
}

/** Councils grouped by the centre they belong to, both in Danish alphabetical order. */
export function groupByCentre(councils: CouncilView[]): { centre: string; councils: CouncilView[] }[] {
  const groups = new Map<string, CouncilView[]>()
  for (const council of councils) groups.set(council.centre, [...(groups.get(council.centre) ?? []), council])
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, 'da'))
    .map(([centre, list]) => ({ centre, councils: list.sort((a, b) => a.name.localeCompare(b.name, 'da')) }))
}

/** Today as YYYY-MM-DD in the device's own time zone (terms are calendar dates). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
