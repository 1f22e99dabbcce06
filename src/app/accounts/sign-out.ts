import type { Me } from '../../shared/accounts/model'
import { ANONYMOUS_OWNER, OWNER_META_KEY, dataOwner, type HeldEntry, type LocalDb } from '../sync/local-db'
import { removeUnusedMedia } from '../sync/media-store'
import { isUnownedWork } from '../sync/unowned-work'

/**
 * What happens to a person's data on this device when the device changes hands: sign-out,
 * "Skift person", a session the server ended, a kiosk started or left, or simply someone else
 * signing in. No browser globals beyond the ones passed in, so it runs against fake-indexeddb.
 *
 * Unsent work is never dropped. Before an explicit sign-out the app tries to send it and asks
 * the person if it still cannot go (see SignOutDialog.vue). Whatever is still unsent when the
 * device changes hands is moved out of the outbox into `held`, under a hash of its owner, so it
 * is never pushed under the next person's session, and it goes back into the outbox when the
 * same person signs in on this device again.
 */

/** Device settings (text size, colours, language) say nothing about a person; they stay. */
export const SETTINGS_KEY = 'brugerstemme.settings.v1'
/** Set when the server could not be told about a sign-out (offline); holds no personal data. */
export const PENDING_SIGN_OUT_KEY = 'brugerstemme.sign-out-pending.v1'
/** Say nothing about a person, so they survive a wipe: the settings, and a sign-out the server has not heard yet. */
const KEPT_KEYS = [SETTINGS_KEY, PENDING_SIGN_OUT_KEY]
const PRECACHE_PREFIX = 'workbox-precache'

/**
 * Who the local data belongs to, as a hash: the device must recognise the person when they
 * come back, but what stays behind (held work) should not name them.
 */
export async function ownerOf(me: Me): Promise<string> {
  if (me.kind === 'anonymous') return ANONYMOUS_OWNER
  const identity = me.kind === 'person' ? `person:${me.personId}` : `kiosk:${me.councilId}`
  return `h:${await sha256Hex(`brugerstemme-owner:${identity}`)}`
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The person's work not on the server yet, refused and conflicting entries included. Unowned
 * work (a sealed ballot) is left out: it stays and is sent whoever signs in next.
 */
export function unsentCount(db: LocalDb): Promise<number> {
  return db.outbox.filter((entry) => !isUnownedWork(entry.entity)).count()
}

/** Entries held for a person who signed out with unsent work, waiting for them to come back. */
export function heldCount(db: LocalDb, owner: string): Promise<number> {
  return db.held.where('owner').equals(owner).count()
}

export interface HandOver {
  /** The previous person's synced records and cursors were removed. */
  wiped: boolean
  /** Outbox entries of the previous person moved aside, to wait for them. */
  held: number
  /** Entries of the new owner, held from an earlier visit, back in the outbox. */
  restored: number
}

/**
 * Makes the local database belong to `nextOwner`. The previous owner's records and sync cursors
 * go (so the new person pulls exactly what they may read, from the start), their unsent work is
 * held, and the new owner's held work comes back. Public data is kept only when an anonymous
 * device signs in: an anonymous device holds nothing personal. One transaction: a crash leaves
 * either the old owner's data or the new owner's, never a mix.
 */
export async function handOver(db: LocalDb, nextOwner: string): Promise<HandOver> {
  return db.transaction('rw', [db.records, db.outbox, db.meta, db.held, db.media], async () => {
    const previous = await dataOwner(db)
    if (previous === nextOwner) return { wiped: false, held: 0, restored: 0 }
    let held = 0
    const wiped = previous !== ANONYMOUS_OWNER
    if (wiped) {
      const entries = (await db.outbox.orderBy('seq').toArray()).filter((e) => !isUnownedWork(e.entity))
      for (const { seq: _seq, ...entry } of entries) {
        const record = await db.records.get([entry.entity, entry.entityId])
        await db.held.add({ owner: previous, entry, ...(record ? { record } : {}) })
      }
      held = entries.length
      if (entries.length) await db.outbox.bulkDelete(entries.map((e) => e.seq!))
      await db.records.clear()
      // Sync cursors and the client id: the next person starts as a new client from scratch.
      await db.meta.clear()
      // Their photos and recordings go too, except those their held work still names.
      await removeUnusedMedia(db)
    }
    const mine: HeldEntry[] = nextOwner === ANONYMOUS_OWNER ? [] : await db.held.where('owner').equals(nextOwner).sortBy('seq')
    for (const { entry, record } of mine) {
      await db.outbox.add(entry)
      if (record) await db.records.put(record)
    }
    if (mine.length) await db.held.bulkDelete(mine.map((h) => h.seq!))
    await db.meta.put({ key: OWNER_META_KEY, value: nextOwner })
    return { wiped, held, restored: mine.length }
  })
}

export interface BrowserStores {
  localStorage: Storage
  sessionStorage: Storage
  caches?: CacheStorage
}

/**
 * Empties the browser storage the app uses, apart from the device settings, a sign-out the
 * server has not heard yet (another tab may have begun it), the app shell
 * precache (the app's own files, the same for everyone, needed to start offline) and the `keep`
 * keys (the session key, which the caller overwrites next: other tabs then see one change).
 */
export async function wipeBrowserStorage(stores: BrowserStores, keep: readonly string[] = []): Promise<void> {
  if (stores.caches) {
    for (const name of await stores.caches.keys()) {
      if (!name.startsWith(PRECACHE_PREFIX)) await stores.caches.delete(name)
    }
  }
  // Last and without a pause: a form on screen cannot write its draft back in between.
  const keys: string[] = []
  for (let i = 0; i < stores.localStorage.length; i++) keys.push(stores.localStorage.key(i)!)
  for (const key of keys) if (!KEPT_KEYS.includes(key) && !keep.includes(key)) stores.localStorage.removeItem(key)
  stores.sessionStorage.clear()
}

/** The same person (or kiosk), whatever else changed about them (councils, acting for). */
export function sameIdentity(a: Me, b: Me): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'person') return a.personId === (b as typeof a).personId
  if (a.kind === 'kiosk') return a.councilId === (b as typeof a).councilId
  return true
}

/** Tries once to send what waits; how many entries are still not on the server. */
export async function sendWhatWaits(deps: { db: LocalDb; engine: { pushAll(): Promise<void> } }): Promise<number> {
  if ((await unsentCount(deps.db)) === 0) return 0
  try {
    await deps.engine.pushAll()
  } catch {
    // Offline or refused: what is left is counted below and the person is asked.
  }
  return unsentCount(deps.db)
}

export interface DeviceChange {
  db: LocalDb
  engine: { invalidate(): void }
  stores: BrowserStores
  /** Who the page showed until now (its session store), which may differ from the database's owner. */
  from: Me
  to: Me
  /**
   * POST /api/auth/sign-out; rejects when the server cannot be reached. Given when the session
   * cookie must go as well: a sign-out here, or a session the server already ended.
   */
  signOutOnServer?: () => Promise<void>
  /** localStorage keys that survive the wipe besides the settings (see wipeBrowserStorage). */
  keep?: readonly string[]
}

export interface DeviceChanged extends HandOver {
  /**
   * Something of the previous person was on the device (in the database, in storage or on the
   * screen): it is wiped, and the page must load from scratch so nothing of them stays in memory.
   */
  fresh: boolean
}

/**
 * What the device does whenever who it is signed in as changes: a sign-in, a sign-out, "Skift
 * person", a session the server ended, a kiosk started or left. The caller has already asked
 * about unsent work (an explicit sign-out); whatever is still unsent is held, never dropped.
 * Leaving a person wipes their data even when the database had already been handed over
 * (another tab, an earlier start): their drafts in localStorage and the runtime caches are not
 * in the database. Offline, the wipe still happens (a shared device must not show the person's
 * data to the next one) and the server is told later (PENDING_SIGN_OUT_KEY, see identity.ts).
 */
export async function changeDevice(change: DeviceChange): Promise<DeviceChanged> {
  const leaving = change.from.kind !== 'anonymous' && !sameIdentity(change.from, change.to)
  if (!sameIdentity(change.from, change.to)) change.engine.invalidate()
  let serverKnows = true
  if (change.signOutOnServer) {
    try {
      await change.signOutOnServer()
    } catch {
      serverKnows = false
    }
  }
  const result = await handOver(change.db, await ownerOf(change.to))
  const fresh = leaving || result.wiped
  if (fresh) await wipeBrowserStorage(change.stores, change.keep)
  if (change.signOutOnServer) {
    if (serverKnows) change.stores.localStorage.removeItem(PENDING_SIGN_OUT_KEY)
    else change.stores.localStorage.setItem(PENDING_SIGN_OUT_KEY, '1')
  }
  return { ...result, fresh }
}
