import { randomBytes } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
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
    holdKey: await holdKeyOf(db, actor.personId),
  }
}

/**
 * The person's hold key (people.hold_key), made the first time it is asked for. Two first
 * sign-ins at once both get the one that was stored first: a key is never replaced.
 */
async function holdKeyOf(db: Db, personId: string): Promise<string> {
  const [stored] = await db.select({ holdKey: people.holdKey }).from(people).where(eq(people.id, personId))
  if (stored?.holdKey) return stored.holdKey
  const [made] = await db
    .update(people)
    .set({ holdKey: sql`coalesce(${people.holdKey}, ${randomBytes(32).toString('base64url')})` })
    .where(eq(people.id, personId))
    .returning({ holdKey: people.holdKey })
  if (!made?.holdKey) throw new Error(`no person ${personId} to make a hold key for`)
  return made.holdKey
}
