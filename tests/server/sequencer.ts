import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The server files that take longest, longest first (seconds on the 2-core machine, 28 Nov). On a
 * clean clone Vitest has no timings yet and starts the largest files first; the kill -9 tests are
 * small files and started last, so the run ended with one worker idle for over a minute.
 * Starting them first lets the short files fill the other worker meanwhile. Vitest's own order
 * (by the last run's timings, when it has them) follows for the rest.
 */
const LONG_FIRST = [
  'durability-pglite.test.ts', // 45–80
  'durability-postgres.test.ts', // 35–50
  'accounts-sign-in.test.ts', // 31
  'accounts-admin-create.test.ts', // 21
  'database.test.ts', // 14
  'accounts-cards.test.ts', // 12
  'access-matrix.test.ts', // 11
  'server-processes.test.ts', // 11
]

const rank = (spec: TestSpecification) => {
  const index = LONG_FIRST.findIndex((name) => spec.moduleId.endsWith(`/tests/server/${name}`))
  return index === -1 ? LONG_FIRST.length : index
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    // Projects run one after the other (unit, then server) in Vitest's order; within one, the
    // listed files go first and the rest keep Vitest's order (Array.prototype.sort is stable).
    const projects = [...new Set(sorted.map((spec) => spec.project.name))]
    const project = (spec: TestSpecification) => projects.indexOf(spec.project.name)
    return sorted.sort((a, b) => project(a) - project(b) || rank(a) - rank(b))
  }
}
