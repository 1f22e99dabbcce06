/** What the person sees about their unsent work, in the words of the issue and DESIGN.md. */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'retrying' | 'outdated'

export interface SyncSnapshot {
  phase: SyncPhase
  /** Outbox entries still on their way. */
  pending: number
  /** Outbox entries the server refused or that conflict; they wait for the person. */
  needsAttention: number
  /** Someone is signed in; unsent work of a signed-out person waits for them to sign in. */
  signedIn: boolean
}

export interface StatusMessage {
  key: string
  count?: number
  tone: 'ok' | 'waiting' | 'offline' | 'problem'
}

export function syncStatusMessage(s: SyncSnapshot): StatusMessage {
  if (s.phase === 'outdated') return { key: 'sync.outdated', tone: 'problem' }
  if (s.needsAttention > 0) return { key: 'sync.needsAttention', count: s.needsAttention, tone: 'problem' }
  if (s.phase === 'offline') {
    return s.pending > 0 ? { key: 'sync.offlineWaiting', count: s.pending, tone: 'offline' } : { key: 'sync.offline', tone: 'offline' }
  }
  if (s.pending > 0 && !s.signedIn) return { key: 'sync.waitingForSignIn', count: s.pending, tone: 'waiting' }
  if (s.pending > 0) return { key: 'sync.waiting', count: s.pending, tone: 'waiting' }
  return { key: 'sync.allSent', tone: 'ok' }
}
