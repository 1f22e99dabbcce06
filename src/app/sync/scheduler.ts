import { backoffDelay } from './backoff.js'
import type { SyncPhase } from './status.js'
import { TransportError } from './transport.js'

const LOCK_NAME = 'brugerstemme-sync'
const AFTER_WRITE_MS = 300
/** Another tab held the lock: look again shortly, in case it started before our write. */
const LOCK_BUSY_RETRY_MS = 2_000

export interface SchedulerOptions {
  syncOnce(): Promise<void>
  onPhase(phase: SyncPhase): void
  /** Where pokes come from; null while the device follows nothing. */
  eventsUrl(): string | null
  /**
   * Applies a poke's own changes (the event's data) instead of a whole sync; false when a sync
   * is needed after all. Without it every poke syncs.
   */
  applyPoke?(data: string): Promise<boolean>
}

/**
 * When to sync: on start, when the connection returns, when the app becomes visible, when the
 * server pokes, and shortly after local writes. One sync at a time across tabs (Web Locks);
 * failures back off exponentially with jitter; offline it pauses and resumes by itself.
 */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined
  private running = false
  private again = false
  private attempt = 0
  private events: EventSource | null = null
  private readonly cleanups: (() => void)[] = []
  /** Requests before start() wait for it: the app starts syncing after its first paint. */
  private started = false
  /**
   * The poke stream opens after the first sync that got through: a device signed out while
   * offline still holds the old cookie until that sync has told the server (beforeSync), and
   * the stream would otherwise reconnect with it first.
   */
  private synced = false

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    if (this.started) return
    this.started = true
    const on = (target: EventTarget, type: string, handler: () => void) => {
      target.addEventListener(type, handler)
      this.cleanups.push(() => target.removeEventListener(type, handler))
    }
    on(window, 'online', () => this.request(0))
    on(window, 'offline', () => this.options.onPhase('offline'))
    on(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') this.request(0)
    })
    // The poke stream opens after this first sync gets through (see `synced`).
    this.request(0)
  }

  stop(): void {
    this.started = false
    this.synced = false
    clearTimeout(this.timer)
    this.events?.close()
    this.events = null
    for (const cleanup of this.cleanups.splice(0)) cleanup()
  }

  afterWrite(): void {
    this.request(AFTER_WRITE_MS)
  }

  /** Opens or closes the poke stream when what the device follows changes. */
  refreshEvents(): void {
    if (!this.started || !this.synced) return
    const url = this.options.eventsUrl()
    if (!url) {
      this.events?.close()
      this.events = null
      return
    }
    if (this.events) return
    this.events = new EventSource(url)
    this.events.addEventListener('poke', (event) => void this.poked((event as MessageEvent<string>).data))
  }

  /**
   * A poke: its changes are applied at once when they are enough (nothing else is running and
   * the device is not behind); otherwise, or when applying fails, it syncs as before.
   */
  private async poked(data: string): Promise<void> {
    const applyPoke = this.options.applyPoke
    if (!applyPoke || this.running || !navigator.onLine) {
      this.request(0)
      return
    }
    this.running = true
    let done: boolean
    try {
      let applied = false
      const ran = await this.withLock(async () => {
        applied = await applyPoke(data)
      })
      done = ran && applied
    } catch {
      // Whatever went wrong, a whole sync puts it right (and reports it).
      done = false
    } finally {
      this.running = false
    }
    if (!done || this.again) {
      this.again = false
      this.request(0)
    }
  }

  request(delayMs: number): void {
    if (!this.started) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.run(), delayMs)
  }

  private async run(): Promise<void> {
    if (!navigator.onLine) {
      this.options.onPhase('offline')
      return
    }
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    this.options.onPhase('syncing')
    try {
      const ran = await this.withLock(() => this.options.syncOnce())
      if (!ran) {
        this.request(LOCK_BUSY_RETRY_MS)
      } else {
        this.attempt = 0
        this.synced = true
        this.refreshEvents()
        // The connection may have dropped while this sync was finishing: say what is true now.
        this.options.onPhase(navigator.onLine ? 'idle' : 'offline')
      }
    } catch (error) {
      if (error instanceof TransportError && error.kind === 'outdated') {
        this.options.onPhase('outdated')
      } else {
        this.options.onPhase(navigator.onLine ? 'retrying' : 'offline')
        this.request(backoffDelay(this.attempt++))
      }
    } finally {
      this.running = false
      if (this.again) {
        this.again = false
        this.request(0)
      }
    }
  }

  /** true when this tab ran the sync, false when another tab was already syncing. */
  private async withLock(sync: () => Promise<void>): Promise<boolean> {
    if (!navigator.locks) {
      // No Web Locks (old browsers): tabs may sync at the same time, which is safe because every
      // mutation is idempotent on the server; it only costs duplicate requests.
      await sync()
      return true
    }
    return navigator.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (!lock) return false
      await sync()
      return true
    })
  }
}
