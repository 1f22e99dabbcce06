import { createHmac } from 'node:crypto'
import { and, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../db/database.js'
import { attemptLimits } from '../db/schema.js'

/**
 * How a key slows down: the first `free` attempts in a window cost nothing, each one after that
 * makes the key wait twice as long as the one before, from firstDelayMs up to maxDelayMs. Nobody
 * is ever locked out for a whole window: the wait stays short enough for the owner to get in.
 */
export interface LimitRule {
  free: number
  windowMs: number
  firstDelayMs: number
  maxDelayMs: number
}

const WINDOW = 15 * 60_000

/**
 * Wrong passwords for one account from one address: three typos are free, then 1 s, 2 s, 4 s …
 * up to 5 minutes. Another address is not slowed by it, so the owner signing in from their own
 * device passes even while someone guesses elsewhere.
 */
export const PAIR_RULE: LimitRule = { free: 3, windowMs: WINDOW, firstDelayMs: 1000, maxDelayMs: 5 * 60_000 }
/**
 * Wrong passwords for one account from all addresses: past this many in a window the account is
 * being guessed at, and every address gets a delay from its first wrong password (an address
 * that has not failed still passes with the right one).
 */
export const ACCOUNT_UNDER_ATTACK = 20
/** Failed sign-ins (password or card) from one address: all tablets of a care home may share one. */
export const addressRule = (free: number): LimitRule => ({ free, windowMs: WINDOW, firstDelayMs: 1000, maxDelayMs: 30_000 })
/** Pushes from devices nobody is signed in on, per address: they store nothing, so few are needed. */
export const ANONYMOUS_PUSH_RULE: LimitRule = { free: 60, windowMs: 60_000, firstDelayMs: 1000, maxDelayMs: 60_000 }

/**
 * Counts attempts per key in the database, so every server process on one database shares the
 * limits. Keys are HMACs (see keyOf): the table never holds an address or an e-mail in clear.
 */
export class AttemptLimiter {
  private readonly hmacKey: Buffer

  constructor(
    private readonly db: Db,
    secret: Uint8Array,
    private readonly now: () => number = Date.now,
  ) {
    // A key of its own, derived from the server secret, so these HMACs reveal nothing of it.
    this.hmacKey = createHmac('sha256', secret).update('brugerstemme/attempt-limits/v1').digest()
  }

  /** The stored key for a kind of limit and its parts (an address, an e-mail). */
  keyOf(kind: string, ...parts: string[]): string {
    return createHmac('sha256', this.hmacKey).update([kind, ...parts].join('\u0000')).digest('base64url')
  }

  /** Seconds to wait before any of these keys may try again, or 0. */
  async waitSeconds(keys: string[]): Promise<number> {
    const now = new Date(this.now())
    const rows = await this.db
      .select({ blockedUntil: attemptLimits.blockedUntil })
      .from(attemptLimits)
      .where(and(inArray(attemptLimits.key, keys), gt(attemptLimits.blockedUntil, now)))
    const until = Math.max(0, ...rows.map((r) => r.blockedUntil!.getTime()))
    return until === 0 ? 0 : Math.max(1, Math.ceil((until - now.getTime()) / 1000))
  }

  /** Counts one attempt against the key and sets its delay; returns the count in this window. */
  async fail(key: string, rule: LimitRule): Promise<number> {
    const nowMs = this.now()
    const now = new Date(nowMs)
    const windowEnds = new Date(nowMs + rule.windowMs)
    const expired = sql`${attemptLimits.windowEndsAt} <= ${now.toISOString()}::timestamptz`
    const [row] = await this.db
      .insert(attemptLimits)
      .values({ key, failures: 1, windowEndsAt: windowEnds, blockedUntil: null })
      .onConflictDoUpdate({
        target: attemptLimits.key,
        set: {
          failures: sql`case when ${expired} then 1 else ${attemptLimits.failures} + 1 end`,
          windowEndsAt: sql`case when ${expired} then ${windowEnds.toISOString()}::timestamptz else ${attemptLimits.windowEndsAt} end`,
        },
      })
      .returning({ failures: attemptLimits.failures })
    const failures = row!.failures
    const over = failures - rule.free
    if (over > 0) {
      const delay = Math.min(rule.firstDelayMs * 2 ** Math.min(over - 1, 30), rule.maxDelayMs)
      const until = new Date(nowMs + delay)
      await this.db
        .update(attemptLimits)
        .set({ blockedUntil: until, windowEndsAt: sql`greatest(${attemptLimits.windowEndsAt}, ${until.toISOString()}::timestamptz)` })
        .where(sql`${attemptLimits.key} = ${key}`)
    }
    await this.sweep(now)
    return failures
  }

  async clear(key: string): Promise<void> {
    await this.db.delete(attemptLimits).where(sql`${attemptLimits.key} = ${key}`)
  }

  /** Rows whose window and delay have both passed: nothing about them is needed any more. */
  async sweep(now = new Date(this.now())): Promise<void> {
    await this.db
      .delete(attemptLimits)
      .where(and(lte(attemptLimits.windowEndsAt, now), or(isNull(attemptLimits.blockedUntil), lte(attemptLimits.blockedUntil, now))))
  }
}

export interface SignInLimits {
  limiter: AttemptLimiter
  /** Failed sign-ins per address before they slow down (SIGN_IN_ATTEMPTS_PER_ADDRESS). */
  address: LimitRule
}

export function createSignInLimits(db: Db, secret: Uint8Array, options: { now?: () => number; perAddress?: number } = {}): SignInLimits {
  return { limiter: new AttemptLimiter(db, secret, options.now), address: addressRule(options.perAddress ?? 100) }
}
