/**
 * One measured figure of `npm run bench`: the value, its baseline measured in the same run, and
 * the goal from DESIGN.md ("Performance budgets"). Ratios from one run compare; absolute figures
 * from different machines do not.
 */
export interface BenchFigure {
  /** What was measured, e.g. "push 3,000 mutations (PGlite)". */
  measure: string
  value: number
  unit: string
  /** The same work done the plain way in the same run (null where there is none, e.g. a score). */
  baseline: number | null
  baselineLabel: string
  /** The goal in words, e.g. "≥ 0.5 × baseline". */
  goal: string
  /** Whether the goal is met, decided by the suite that knows its direction. */
  met: boolean
}

/** A bench suite: a file tests/bench/<name>.bench.ts whose default export runs it. */
export type BenchSuite = () => Promise<BenchFigure[]>

export const ratio = (value: number, baseline: number) => value / baseline
