/**
 * Hybrid logical clock stamps for the chair's moves. A stamp is the wall clock in ms, a counter
 * and the device's id, padded so that comparing the strings compares the stamps. A device stamps
 * a move later than every state it has seen, even when its clock is behind, so a move made after
 * seeing "punkt 4" always beats "punkt 4"; a move made offline before someone else's newer move
 * loses to it, and sending the same move twice changes nothing the second time.
 */
const pad = (n: number, width: number) => String(n).padStart(width, '0')

export function formatHlc(ms: number, counter: number, node: string): string {
  return `${pad(ms, 15)}:${pad(counter, 5)}:${node.toLowerCase().replace(/[^0-9a-z-]/g, '').slice(0, 40) || 'x'}`
}

export function parseHlc(stamp: string): { ms: number; counter: number; node: string } {
  const [ms, counter, node] = stamp.split(':')
  return { ms: Number(ms), counter: Number(counter), node: node ?? '' }
}

/** A stamp after `seen` (the newest stamp this device knows of) and not before its own clock. */
export function nextHlc(seen: string | null, nowMs: number, node: string): string {
  if (!seen) return formatHlc(nowMs, 0, node)
  const last = parseHlc(seen)
  if (nowMs > last.ms) return formatHlc(nowMs, 0, node)
  return formatHlc(last.ms, last.counter + 1, node)
}

export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The newest of some stamped states (the server's and those still waiting in the outbox). */
export function newest<T extends { at: string }>(states: readonly (T | null | undefined)[]): T | null {
  let best: T | null = null
  for (const state of states) if (state && (!best || compareHlc(state.at, best.at) > 0)) best = state
  return best
}
