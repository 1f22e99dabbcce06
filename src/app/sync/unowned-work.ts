/**
 * Kinds of outbox entry that belong to no signed-in person: a sealed ballot is authorised by its
 * ballot card, not by the session that happened to be open when it was cast. Such work stays in
 * the outbox when the device changes hands, so a ballot is never parked under a person who may
 * never come back to this tablet, and it never makes a sign-out ask about "unsent work".
 */
const unowned = new Set<string>()

export function registerUnownedWork(entity: string): () => void {
  unowned.add(entity)
  return () => unowned.delete(entity)
}

export function isUnownedWork(entity: string): boolean {
  return unowned.has(entity)
}
