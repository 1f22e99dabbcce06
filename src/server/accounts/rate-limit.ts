/**
 * Counts attempts per key in a fixed window, in memory only. Keys (an account's e-mail hash or a
 * client address) are forgotten when their window ends, so no address outlives the limiter's need.
 */
export class WindowLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>()

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    this.sweep()
    const entry = this.hits.get(key)
    if (!entry || entry.count < this.max) return 0
    return Math.max(1, Math.ceil((entry.resetAt - this.now()) / 1000))
  }

  hit(key: string): void {
    const now = this.now()
    const entry = this.hits.get(key)
    if (!entry || entry.resetAt <= now) this.hits.set(key, { count: 1, resetAt: now + this.windowMs })
    else entry.count++
  }

  reset(key: string): void {
    this.hits.delete(key)
  }

  /** How many keys are held right now (for the test that addresses are forgotten). */
  get size(): number {
    this.sweep()
    return this.hits.size
  }

  private sweep(): void {
    const now = this.now()
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key)
  }
}

export interface SignInLimits {
  /** Failed staff sign-ins per account. */
  account: WindowLimiter
  /** Failed sign-in attempts (staff or card) per client address. */
  address: WindowLimiter
}

/**
 * Five wrong passwords per account per 15 minutes. Per address the limit is higher and can be
 * set: every tablet of a care home may reach the server through one and the same address.
 */
export function createSignInLimits(now?: () => number, perAddress = 100): SignInLimits {
  const window = 15 * 60_000
  return { account: new WindowLimiter(5, window, now), address: new WindowLimiter(perAddress, window, now) }
}
