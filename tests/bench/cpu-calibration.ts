/**
 * Lighthouse's mobile preset slows the CPU down 4×, which is meant to turn a typical high-end
 * desktop (BenchmarkIndex about 1500) into the mid-tier phone the preset stands for. On a faster
 * host 4× leaves the "phone" faster than that, on a slower one slower (Lighthouse then warns and
 * asks for calibration: docs/throttling.md, "Calibrating the CPU slowdown"). These are the points
 * Lighthouse's maintainers calibrated (their CPU throttling calculator): BenchmarkIndex → the
 * slowdown that gives the preset's phone; between them the slowdown is interpolated.
 */
const CALIBRATED: readonly (readonly [benchmarkIndex: number, slowdown: number])[] = [
  [150, 1],
  [800, 2],
  [1300, 3],
  [1533, 4],
  [2000, 6],
]

/** The CPU slowdown that makes this host the preset's phone; null when the host is slower than that phone. */
export function calibratedSlowdown(benchmarkIndex: number): number | null {
  if (!Number.isFinite(benchmarkIndex) || benchmarkIndex < CALIBRATED[0]![0]) return null
  const upper = CALIBRATED.findIndex(([index]) => index > benchmarkIndex)
  // Above the last point the last step's slope goes on (2000 → 6×, as the calculator does).
  const [from, to] = upper === -1 ? [CALIBRATED.at(-2)!, CALIBRATED.at(-1)!] : [CALIBRATED[upper - 1]!, CALIBRATED[upper]!]
  const slowdown = from[1] + ((benchmarkIndex - from[0]) / (to[0] - from[0])) * (to[1] - from[1])
  return Math.round(slowdown * 10) / 10
}
