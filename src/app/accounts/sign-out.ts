import type { Me } from '../../shared/accounts/model'
import { mediaRefsIn } from '../../shared/sync/media'
import { ANONYMOUS_OWNER, OWNER_META_KEY, dataOwner, heldChanges, type HeldEntry, type LocalDb, type LocalMedium, type PlainHeld } from '../sync/local-db'
import { seal, unseal, type HeldWork } from './held-seal'
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
export async function heldCount(db: LocalDb, owner: string): Promise<number> {
  return heldChanges(await db.held.where('owner').equals(owner).toArray())
}

export interface HandOver {
  /** The previous person's synced records and cursors were removed. */
  wiped: boolean
  /** Outbox entries of the previous person moved aside, to wait for them. */
  held: number
  /** Entries of the new owner, held from an earlier visit, back in the outbox. */
  restored: number
}

/** A person's hold key (Me.holdKey) and whose data it is for (ownerOf). */
export interface HoldKey {
  owner: string
  key: string
}

/**
 * Makes the local database belong to `nextOwner`. The previous owner's records and sync cursors
 * go (so the new person pulls exactly what they may read, from the start), their unsent work is
 * held, and the new owner's held work comes back. Public data is kept only when an anonymous
 * device signs in: an anonymous device holds nothing personal. One transaction: a crash leaves
 * either the old owner's data or the new owner's, never a mix.
 *
 * `keys.from` seals the leaving person's work, with the photos and recordings it names, when it
 * is theirs (its owner is the database's); `keys.to` opens the arriving person's. Work without a
 * key is held as it is (a kiosk's; a session cached by an app before hold keys). Work that does
 * not open with the key given stays held: it is never dropped.
 */
export async function handOver(db: LocalDb, nextOwner: string, keys: { from?: HoldKey; to?: HoldKey } = {}): Promise<HandOver> {
  // WebCrypto's promises are not IndexedDB's: awaiting one inside a transaction would end it. So
  // the work is sealed and opened first, then moved in one transaction that checks nothing
  // changed meanwhile, and starts over if something did. Sealing that fails (a recording that
  // cannot be read, a full disk) or keeps being overtaken gives way to holding plainly, sealed
  // right after (sealHeld): a sign-out never waits on it, and nothing is lost to it.
  let sealing = true
  for (let attempt = 0; ; attempt++) {
    const previous = await dataOwner(db)
    if (previous === nextOwner) return { wiped: false, held: 0, restored: 0 }
    const sealWith = sealing && attempt < 3 && previous !== ANONYMOUS_OWNER && keys.from?.owner === previous ? keys.from.key : undefined
    const sealed = sealWith ? await leavingWork(db, previous, sealWith).catch(sealingFailed) : null
    if (sealWith && !sealed) sealing = false
    const arriving = nextOwner === ANONYMOUS_OWNER ? [] : await arrivingWork(db, nextOwner, keys.to?.owner === nextOwner ? keys.to.key : undefined)
    const moved = db.transaction('rw', [db.records, db.outbox, db.meta, db.held, db.media], async () => {
      if ((await dataOwner(db)) !== previous) return null
      if (sealed && !sameNumbers(await ownedOutbox(db).then((entries) => entries.map((e) => e.seq!)), sealed.seqs)) return null
      if ((await db.held.bulkGet(arriving.map((work) => work.seq))).some((row) => row === undefined)) return null
      // Held plainly, it is read here, in the transaction that moves it.
      const leaving = previous === ANONYMOUS_OWNER ? null : (sealed ?? (await leavingWork(db, previous, undefined)))
      if (leaving) {
        if (leaving.rows.length) await db.held.bulkAdd(leaving.rows)
        if (leaving.seqs.length) await db.outbox.bulkDelete(leaving.seqs)
        await db.records.clear()
        // Sync cursors and the client id: the next person starts as a new client from scratch.
        await db.meta.clear()
        // Their photos and recordings go too, except those plain held work still names.
        await removeUnusedMedia(db)
      }
      let restored = 0
      for (const work of arriving) {
        for (const { entry, record } of work.entries) {
          await db.outbox.add(entry)
          if (record) await db.records.put(record)
        }
        for (const medium of work.media) if (!(await db.media.get(medium.sha256))) await db.media.put(medium)
        restored += work.entries.length
      }
      if (arriving.length) await db.held.bulkDelete(arriving.map((work) => work.seq))
      await db.meta.put({ key: OWNER_META_KEY, value: nextOwner })
      return { wiped: leaving !== null, held: leaving?.seqs.length ?? 0, restored }
    })
    // A sealed copy the disk has no room for: hold plainly instead (smaller: no copy of the media).
    const done = await moved.catch((error: unknown) => {
      if (!sealed) throw error
      sealing = false
      return sealingFailed(error)
    })
    if (!done) continue
    if (!sealed && done.held > 0 && keys.from?.owner === previous) await sealHeld(db, previous, keys.from.key).catch(sealingFailed)
    return done
  }
}

function sealingFailed(error: unknown): null {
  console.error('unsent work could not be sealed; it is held as it is', error)
  return null
}

/**
 * Seals `owner`'s plainly held work into one row, with the media it names, after the hand-over
 * held it plainly. Held rows change only in a hand-over, so one check that they are all still
 * there is enough.
 */
async function sealHeld(db: LocalDb, owner: string, key: string): Promise<void> {
  const rows = (await db.held.where('owner').equals(owner).sortBy('seq')).filter((row): row is HeldEntry & PlainHeld => 'entry' in row)
  if (rows.length === 0) return
  const entries = rows.map(({ entry, record }) => ({ entry, ...(record ? { record } : {}) }))
  const row = { owner, sealed: await seal(key, owner, { entries, media: await mediaNamedBy(db, entries) }), count: entries.length }
  await db.transaction('rw', [db.records, db.outbox, db.held, db.media], async () => {
    if ((await db.held.bulkGet(rows.map((r) => r.seq!))).some((r) => r === undefined)) return
    await db.held.bulkDelete(rows.map((r) => r.seq!))
    await db.held.add(row)
    await removeUnusedMedia(db)
  })
}

async function mediaNamedBy(db: LocalDb, entries: HeldWork['entries']): Promise<LocalMedium[]> {
  const shas = new Set(entries.flatMap(({ entry }) => mediaRefsIn(entry.patch).map((ref) => ref.sha256)))
  return (await db.media.bulkGet([...shas])).filter((medium): medium is LocalMedium => medium !== undefined)
}

/** The outbox entries that belong to whoever is signed in (a sealed ballot belongs to no one). */
async function ownedOutbox(db: LocalDb) {
  return (await db.outbox.orderBy('seq').toArray()).filter((e) => !isUnownedWork(e.entity))
}

const sameNumbers = (a: number[], b: number[]) => a.length === b.length && a.every((n, i) => n === b[i])

/** The leaving owner's unsent work as held rows: sealed in one row with `key`, else one plain row per change. */
async function leavingWork(db: LocalDb, owner: string, key: string | undefined): Promise<{ seqs: number[]; rows: HeldEntry[] }> {
  const outbox = await ownedOutbox(db)
  const entries: HeldWork['entries'] = []
  for (const { seq: _seq, ...entry } of outbox) {
    const record = await db.records.get([entry.entity, entry.entityId])
    entries.push({ entry, ...(record ? { record } : {}) })
  }
  const seqs = outbox.map((e) => e.seq!)
  if (entries.length === 0) return { seqs, rows: [] }
  if (!key) return { seqs, rows: entries.map((work) => ({ owner, ...work })) }
  return { seqs, rows: [{ owner, sealed: await seal(key, owner, { entries, media: await mediaNamedBy(db, entries) }), count: entries.length }] }
}

/** The arriving owner's held work that can be opened, each with its row's number. */
async function arrivingWork(db: LocalDb, owner: string, key: string | undefined): Promise<(HeldWork & { seq: number })[]> {
  const works: (HeldWork & { seq: number })[] = []
  for (const row of await db.held.where('owner').equals(owner).sortBy('seq')) {
    if ('entry' in row) {
      works.push({ seq: row.seq!, entries: [{ entry: row.entry, ...(row.record ? { record: row.record } : {}) }], media: [] })
      continue
    }
    if (!key) continue
    try {
      works.push({ seq: row.seq!, ...(await unseal(key, owner, row.sealed)) })
    } catch (error) {
      console.error('held work did not open with this person’s key; it stays held', error)
    }
  }
  return works
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

/**
 * The person's hold key with the owner it is for. A session cached by an app from before hold
 * keys has none until the server next answers /api/me; its work is then held as it is.
 */
async function holdKeyOf(me: Me): Promise<HoldKey | undefined> {
  if (me.kind !== 'person' || typeof (me.holdKey as unknown) !== 'string') return undefined
  return { owner: await ownerOf(me), key: me.holdKey }
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
  const result = await handOver(change.db, await ownerOf(change.to), { from: await holdKeyOf(change.from), to: await holdKeyOf(change.to) })
  const fresh = leaving || result.wiped
  if (fresh) await wipeBrowserStorage(change.stores, change.keep)
  if (change.signOutOnServer) {
    if (serverKnows) change.stores.localStorage.removeItem(PENDING_SIGN_OUT_KEY)
    else change.stores.localStorage.setItem(PENDING_SIGN_OUT_KEY, '1')
  }
  return { ...result, fresh }
}
