import type { Me } from '../../shared/accounts/model'
import { api, ApiError, onApiSessionEnded } from '../api'
import { sessionEpoch, sessionUnchangedSince } from '../session-epoch'
import { onSessionEnded, runningSync, setBeforeSync, useSync } from '../sync/sync-service'
import { onOtherTabChange } from './other-tabs'
import { cachedSession, SESSION_STORAGE_KEY, useSessionStore } from './session-store'
import { endedNotice, HELD_KEY, NOTICE_KEY, type Notice } from './notice'
import { changeDevice, PENDING_SIGN_OUT_KEY, sameIdentity } from './sign-out'

const stores = () => ({ localStorage, sessionStorage, caches: 'caches' in window ? caches : undefined })
const ANONYMOUS: Me = { kind: 'anonymous' }

function leaveNotice(notice: Notice, held: number): void {
  sessionStorage.setItem(NOTICE_KEY, notice)
  if (held > 0) sessionStorage.setItem(HELD_KEY, String(held))
}

/** Full page load, so no in-memory state of the previous person survives. */
export function loadFresh(path: string): void {
  window.location.replace(path)
}

async function serverSignOut(): Promise<void> {
  try {
    await api('POST', '/api/auth/sign-out', {})
  } catch (error) {
    // Any answer but a lost request or a server in trouble means there is nothing left to tell:
    // a session already ended is gone, and a kiosk another tab started here is not signed out
    // this way (409); /api/me then says who this device is.
    if (!(error instanceof ApiError) || error.offline || error.status >= 500) throw error
  }
}

export interface IdentityChange {
  /** Said once on the next page ("Du er blevet logget ud …"), when the previous person's data went. */
  notice?: Notice
  /** Where the fresh page opens; the current address when not given. */
  then?: string
  /** End the session on the server too: a sign-out here, or one the server ended (its cookie goes). */
  signOut?: boolean
  /** Another tab made the change: the database and storage are done, only this tab must follow. */
  madeElsewhere?: boolean
}

let queue: Promise<unknown> = Promise.resolve()
let reloading = false

/**
 * The single way the app changes who it is signed in as: sign-in, sign-out, "Skift person", a
 * kiosk started or left, and every way of learning that the server ended the session (/api/me
 * at start, a 401 session_ended from sync or any API call, another tab). Changes run one at a
 * time, each against what the page shows at that moment, so two messages about the same ended
 * session cannot race each other into "nothing changed". When the previous person's data was
 * wiped the next page loads from scratch (`reloading`), so nothing of them stays in memory.
 */
export function changeIdentity(next: Me, how: IdentityChange = {}): Promise<{ reloading: boolean }> {
  return inTurn(() => change(next, how))
}

/** Held by the tab whose identity change is under way; other tabs of this browser wait for it. */
const IDENTITY_LOCK = 'brugerstemme.identity'

function inTurn(task: () => Promise<{ reloading: boolean }>): Promise<{ reloading: boolean }> {
  const run = queue.then(() => acrossTabs(task))
  queue = run.catch(() => undefined)
  return run
}

/**
 * One tab at a time: a tab that starts while another hands the database over must not hand it
 * back to the person who is leaving (its page still shows them until the storage event comes).
 * Without Web Locks (browsers before 2022) tabs rely on the check in `change` alone.
 */
async function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  return 'locks' in navigator ? await navigator.locks.request(IDENTITY_LOCK, task) : task()
}

async function change(next: Me, how: IdentityChange): Promise<{ reloading: boolean }> {
  // The page is on its way out; whatever else was queued is decided again on the fresh page.
  if (reloading) return { reloading }
  const session = useSessionStore()
  const from = session.me
  // What the browser's storage says now, not what this page last heard: another tab may have
  // changed who is signed in, and its storage event may not have reached this page yet.
  const stored = cachedSession()
  if (how.madeElsewhere || !sameIdentity(from, stored)) return followOtherTab(from, stored, how.then)
  if (how.signOut) {
    // Pending until the server has heard it (changeDevice clears it then), so a crash now cannot
    // sign the person back in; and another tab whose request is answered session_ended in the
    // meantime knows it was this browser's own sign-out (see sessionEnded).
    localStorage.setItem(PENDING_SIGN_OUT_KEY, '1')
  }
  const { db } = useSync()
  // Before the app's later start (start-later.ts) nothing syncs yet: there is no pull on its way to
  // drop, and sync starts for whoever is signed in by then. An admin page opened first asks the
  // server before the first paint, so this must not wait for sync to start.
  const runner = runningSync()
  const result = await changeDevice({
    db,
    engine: runner?.engine ?? { invalidate: () => {} },
    stores: stores(),
    from,
    to: next,
    ...(how.signOut ? { signOutOnServer: serverSignOut } : {}),
    keep: [SESSION_STORAGE_KEY],
  })
  session.set(next)
  // A session the server has just started here (a sign-in, a kiosk started or left) ended the one
  // before it there: a sign-out still pending from earlier must not end the new one.
  if (!how.signOut && next.kind !== 'anonymous' && !sameIdentity(from, next)) localStorage.removeItem(PENDING_SIGN_OUT_KEY)
  if (result.fresh) {
    if (how.notice) leaveNotice(how.notice, result.held)
    return reload(how.then)
  }
  if (runner && !sameIdentity(from, next)) {
    runner.scheduler.stop()
    runner.scheduler.start()
  }
  return { reloading }
}

/** Another tab changed who is signed in and has done the rest: this page only follows it. */
function followOtherTab(from: Me, now: Me, then: string | undefined): { reloading: boolean } {
  if (sameIdentity(from, now)) {
    useSessionStore().set(now)
    return { reloading }
  }
  sessionStorage.clear()
  if (from.kind !== 'anonymous') leaveNotice('signed-out', 0)
  return reload(then)
}

function reload(then: string | undefined): { reloading: boolean } {
  reloading = true
  loadFresh(then ?? window.location.pathname + window.location.search)
  return { reloading }
}

/** Signs out after the person has decided about unsent work (see SignOutButtons.vue). */
export async function signOut(then: string): Promise<void> {
  await changeIdentity(ANONYMOUS, { signOut: true, notice: 'signed-out', then })
}

/**
 * The server ended this device's session (card revoked, signed out elsewhere, expired), or
 * another tab of this browser is signing out right now and this tab heard it from the server
 * first: then it says "Du er logget ud", as when it hears it from that tab.
 */
function sessionEnded(): void {
  const me = useSessionStore().me
  void changeIdentity(ANONYMOUS, { signOut: true, notice: endedNotice(me, ownSignOut(me)) })
}

/** This page sent a sign-out another tab of this browser had begun (flushPendingSignOut). */
let sentPendingSignOut = false

/**
 * Whether the session of `me` ended by this browser's own sign-out, begun in another tab: that
 * tab has it pending, is done with it (the cached session is no longer `me`), or this page sent it.
 */
function ownSignOut(me: Me): boolean {
  return localStorage.getItem(PENDING_SIGN_OUT_KEY) !== null || sentPendingSignOut || !sameIdentity(cachedSession(), me)
}

async function flushPendingSignOut(): Promise<boolean> {
  if (!localStorage.getItem(PENDING_SIGN_OUT_KEY)) return true
  try {
    await serverSignOut()
    localStorage.removeItem(PENDING_SIGN_OUT_KEY)
    sentPendingSignOut = true
    return true
  } catch {
    return false
  }
}

/**
 * Asks the server who this device is and follows its answer. A person or kiosk the server no
 * longer knows here was signed out elsewhere, revoked or expired: the device signs out too and
 * says so. Offline, the cached session stands.
 */
export async function askServer(): Promise<void> {
  if (!(await flushPendingSignOut())) return
  const session = useSessionStore()
  const asked = session.me
  const sent = sessionEpoch()
  let server: Me
  try {
    server = await api<Me>('GET', '/api/me')
  } catch (error) {
    // Offline or a server in trouble: the cached session stands until the server can answer.
    if (!(error instanceof ApiError)) throw error
    return
  }
  // Someone signed in or out while the question was on its way: that answer is out of date. A
  // sign-in whose answer has not been acted on yet (the page that made it changes the identity,
  // with where to go next) is one too: the app asks after its first paint, when a card's link
  // may already be signing in.
  if (!sameIdentity(asked, session.me) || !sessionUnchangedSince(sent)) return
  if (server.kind === 'anonymous' && asked.kind !== 'anonymous') {
    // A sign-out another tab of this browser began (or finished) while this tab asked is this
    // browser's own: said as that tab says it, not as one the server made.
    await changeIdentity(ANONYMOUS, { signOut: true, notice: endedNotice(asked, ownSignOut(asked)) })
  } else await changeIdentity(server)
}

/**
 * At start, before anything syncs: everything that can learn of an ended session reports here,
 * the local data is made to match the cached session, then the server is asked.
 */
export function startAccounts(): void {
  setBeforeSync(flushPendingSignOut)
  onSessionEnded(sessionEnded)
  onApiSessionEnded(sessionEnded)
  // Another tab signed in or out: this tab must not go on showing the previous person.
  onOtherTabChange(() => void changeIdentity(cachedSession(), { madeElsewhere: true }))
  // This runs after the first paint, so the session is read when its turn comes: a page may have
  // changed it already (a card's link signs in at once).
  void inTurn(() => change(useSessionStore().me, {})).then(({ reloading }) => (reloading ? undefined : askServer()))
}
