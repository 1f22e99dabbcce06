import { eq, inArray } from 'drizzle-orm'
import type { Me } from '../../shared/accounts/model.js'
import type { Db } from '../db/database.js'
import { councils, people, relativeLinks } from '../db/schema.js'
import type { Actor } from './actor.js'

/** The app's view of who is signed in on this device. */
export async function meOf(db: Db, actor: Actor): Promise<Me> {
  if (actor.kind === 'anonymous') return { kind: 'anonymous' }
  if (actor.kind === 'kiosk') {
    const [council] = await db.select().from(councils).where(eq(councils.id, actor.councilId))
    return { kind: 'kiosk', councilId: actor.councilId, councilName: council?.name ?? '', mode: actor.mode }
  }
  const links = await db.select().from(relativeLinks).where(eq(relativeLinks.relativeId, actor.personId))
  const residents = links.length
    ? await db.select({ personId: people.id, name: people.name }).from(people).where(inArray(people.id, links.map((l) => l.residentId)))
    : []
  return {
    kind: 'person',
    personId: actor.personId,
    name: actor.name,
    personKind: actor.personKind,
    staffRole: actor.staffRole,
    councilIds: [...actor.councilIds].sort(),
    staffCouncilIds: [...actor.staffCouncilIds].sort(),
    linkedResidents: residents.sort((a, b) => a.name.localeCompare(b.name, 'da')),
    actingFor: residents.find((r) => r.personId === actor.actingFor) ?? null,
  }
}
