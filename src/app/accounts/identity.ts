import type { Me } from '../../shared/accounts/model'
import { api, ApiError, onApiSessionEnded } from '../api'
import { onSessionEnded, setBeforeSync, useSync } from '../sync/sync-service'
import { SESSION_STORAGE_KEY, useSessionStore } from './session-store'
import { handOver, ownerOf, PENDING_SIGN_OUT_KEY, signOutDevice, wipeBrowserStorage, type HandOver } from './sign-out'

/** A one-off message for the next page load; sessionStorage so it never outlives the tab. */
export const NOTICE_KEY = 'brugerstemme.notice'
export type Notice = 'session-ended' | 'signed-out'
export const HELD_KEY = 'brugerstemme.notice-held'

const stores = () => ({ localStorage, sessionStorage, caches: 'caches' in window ? caches : undefined })

function leaveNotice(notice: Notice, held: number): void {
  sessionStorage.setItem(NOTICE_KEY, notice)
  if (held > 0) sessionStorage.setItem(HELD_KEY, String(held))
}

/**
 * The single way the app changes who it is signed in as. The local database is handed over
 * first, then the session store follows, then sync starts again for the new scopes. When a
 * previous person's data was wiped the caller loads the next page from scratch, so nothing of
 * them stays in memory either (other features' stores and caches).
 */
export async function adoptIdentity(me: Me): Promise<HandOver> {
  const { db, engine, scheduler } = useSync()
  const session = useSessionStore()
  engine.invalidate()
  const result = await handOver(db, await ownerOf(me))
  if (result.wiped) await wipeBrowserStorage(stores())
  session.set(me)
  scheduler.stop()
  scheduler.start()
  return result
}

/** Full page load, so no in-memory state of the previous person survives. */
export function loadFresh(path: string): void {
  window.location.replace(path)
}

async function serverSignOut(): Promise<void> {
  await api('POST', '/api/auth/sign-out', {})
}

/** Signs out after the person has decided about unsent work (see SignOutDialog.vue). */
export async function signOut(then: string, notice: Notice = 'signed-out'): Promise<void> {
  const { db, engine } = useSync()
  const result = await signOutDevice({ db, engine, signOutOnServer: serverSignOut, stores: stores() })
  leaveNotice(notice, result.held)
  loadFresh(then)
}

let ending = false

/** The server ended this device's session: the same local sign-out, no question to ask. */
export async function endSessionLocally(): Promise<void> {
  const session = useSessionStore()
  if (ending || session.me.kind === 'anonymous') return
  ending = true
  await signOut(window.location.pathname, 'session-ended')
}

/** For the accounts screens' own API calls: a 401 session_ended signs the device out. */
export async function accountsApi<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  try {
    return await api<T>(method, path, body)
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && error.code === 'session_ended') void endSessionLocally()
    throw error
  }
}

async function flushPendingSignOut(): Promise<boolean> {
  if (!localStorage.getItem(PENDING_SIGN_OUT_KEY)) return true
  try {
    await serverSignOut()
    localStorage.removeItem(PENDING_SIGN_OUT_KEY)
    return true
  } catch {
    return false
  }
}

const sameIdentity = (a: Me, b: Me) =>
  a.kind === b.kind && (a.kind !== 'person' || a.personId === (b as typeof a).personId) && (a.kind !== 'kiosk' || a.councilId === (b as typeof a).councilId)

/**
 * At start: make the local data match the cached session, tell the server about a sign-out made
 * offline, then ask the server who this device is. A person the server no longer knows here was
 * signed out elsewhere (or their card was revoked): the device signs out too and says so.
 */
export async function startAccounts(): Promise<void> {
  const session = useSessionStore()
  setBeforeSync(flushPendingSignOut)
  onSessionEnded(() => void endSessionLocally())
  onApiSessionEnded(() => void endSessionLocally())
  window.addEventListener('storage', (event) => {
    // Another tab signed in or out: this tab must not go on showing the previous person.
    if (event.key !== SESSION_STORAGE_KEY) return
    const next: Me = event.newValue ? (JSON.parse(event.newValue) as Me) : { kind: 'anonymous' }
    if (!sameIdentity(next, session.me)) window.location.reload()
  })
  const { db } = useSync()
  await handOver(db, await ownerOf(session.me))
  if (!(await flushPendingSignOut())) return
  const asked = session.me
  let server: Me
  try {
    server = await api<Me>('GET', '/api/me')
  } catch {
    return
  }
  // Someone signed in or out while the question was on its way: that answer is out of date.
  if (!sameIdentity(asked, session.me)) return
  if (sameIdentity(server, session.me)) {
    session.set(server)
  } else if (server.kind === 'anonymous') {
    await endSessionLocally()
  } else {
    const result = await adoptIdentity(server)
    if (result.wiped) loadFresh(window.location.pathname)
  }
}
