import type { ShallowRef } from 'vue'
import type { CouncilMemberData, CouncilRecordData } from '../../shared/accounts/entities'
import { COUNCIL_ENTITY, COUNCIL_MEMBER_ENTITY } from '../../shared/accounts/names'
import { useSessionStore } from '../accounts/session-store'
import { useSync } from '../sync/sync-service'
import { useLiveQuery } from '../sync/use-live-query'

export interface MyMembership {
  councilId: string
  councilName: string
  role: CouncilMemberData['role']
}

/**
 * The signed-in person's own place in each council ("Formand i Brugerrådet på Solbakken"), from
 * the council's member records on this device: the role is the membership's, not the kind of
 * person they are.
 */
export function useMyMemberships(): ShallowRef<MyMembership[]> {
  const session = useSessionStore()
  const { db } = useSync()
  return useLiveQuery(
    async () => {
      const person = session.person
      if (!person) return []
      const rows = await db.records.where('entity').equals(COUNCIL_MEMBER_ENTITY).toArray()
      const mine = rows.map((row) => row.data as CouncilMemberData).filter((member) => member.personId === person.personId)
      const councils = await db.records.bulkGet(mine.map((m): [string, string] => [COUNCIL_ENTITY, m.councilId]))
      return mine
        .map((m, i) => ({ councilId: m.councilId, councilName: (councils[i]?.data as CouncilRecordData | undefined)?.name ?? '', role: m.role }))
        .filter((m) => m.councilName !== '')
        .sort((a, b) => a.councilName.localeCompare(b.councilName, 'da'))
    },
    [] as MyMembership[],
    [() => session.person?.personId],
  )
}
