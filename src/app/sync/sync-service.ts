import { refusing } from '../ssr/refusing'
import type { SyncEngine } from './engine'
import { createLocalDb, type LocalDb } from './local-db'
import type { SyncScheduler } from './scheduler'
import { lazyWriter, type Writer } from './lazy-writer'
import { askForPersistentStorage } from './storage'

export interface SyncService {
  db: LocalDb
  writer: Writer
  /** Resolves once sync has started (after the first paint); code that pushes, pulls or fetches waits for it. */
  runner: Promise<SyncRunner>
}

export interface SyncRunner {
  engine: SyncEngine
  scheduler: SyncScheduler
}

let service: SyncService | undefined

const sessionEndedListeners = new Set<() => void>()

/** The server ended this device's session (card revoked, signed out elsewhere); accounts wipes. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener)
  return () => sessionEndedListeners.delete(listener)
}

let beforeSync: (() => Promise<boolean>) | null = null

/**
 * Runs before every sync; a false answer skips it. Accounts uses it so that a device signed out
 * while offline tells the server first: until then the browser still holds the old session
 * cookie, and a sync would fetch that person's data again for whoever uses the device next.
 */
export function setBeforeSync(check: () => Promise<boolean>): void {
  beforeSync = check
}

type ScopeSource = () => readonly string[]
const scopeSources = new Set<ScopeSource>()

/**
 * Features tell the engine what this device follows (the councils a person belongs to, the ones
 * they chose to keep, an election's scope…); the engine pulls the union. Returns an unregister.
 */
export function registerScopes(source: ScopeSource): () => void {
  scopeSources.add(source)
  scopesChanged()
  return () => {
    scopeSources.delete(source)
    scopesChanged()
  }
}

/** A feature's scopes changed: pull at once and open or close the poke stream. */
export function scopesChanged(): void {
  running?.scheduler.refreshEvents()
  running?.scheduler.request(0)
}

let signedInCheck: () => boolean = () => false

/** Accounts tells the engine whether someone is signed in (unsent work of nobody waits for a sign-in). */
export function setSignedInCheck(check: () => boolean): void {
  signedInCheck = check
}

export function isSignedIn(): boolean {
  return signedInCheck()
}

/**
 * The app's local database and writer, there from the first render: features write through
 * `writer` and read `db` with useLiveQuery; they never talk to the server themselves. What
 * talks to the server (the engine, its scheduler and transport) is `runner`, started after the
 * first paint (sync-runner.ts): the first pull and its IndexedDB writes do not compete with the
 * page's first render, and its code is not in the first download.
 */
export function startSync(): SyncService {
  if (service) return service
  const db = createLocalDb()
  const writer = lazyWriter(db)
  writer.onWrite(() => void askForPersistentStorage())
  service = { db, writer, runner }
  return service
}

let attach: (runner: SyncRunner) => void = () => {}
const runner = new Promise<SyncRunner>((resolve) => (attach = resolve))
let running: SyncRunner | null = null

/** Sync's engine and scheduler once sync has started (after the first paint), null before. */
export function runningSync(): SyncRunner | null {
  return running
}

/** sync-runner.ts hands its engine and scheduler over once. */
export function attachRunner(started: SyncRunner): void {
  running = started
  attach(started)
}

/** What sync-runner.ts needs from what features registered here. */
export const registered = {
  scopes: (): string[] => [...new Set([...scopeSources].flatMap((source) => source()))].sort(),
  beforeSync: () => beforeSync,
  sessionEnded: () => {
    for (const listener of sessionEndedListeners) listener()
  },
}

export function useSync(): SyncService {
  if (__SERVER_RENDER__) return refusing<SyncService>("The device's database and sync")
  if (!service) throw new Error('startSync() has not run.')
  return service
}
