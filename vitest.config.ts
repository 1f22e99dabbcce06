import { configDefaults, defineConfig } from 'vitest/config'
import LongFirstSequencer from './tests/server/sequencer.js'

export default defineConfig({
  test: {
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        // The app's code as the browser runs it (see __SERVER_RENDER__ in env.d.ts).
        define: { __SERVER_RENDER__: 'false' },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          // The PostgreSQL half of the kill -9 test has a file of its own (it runs beside the
          // PGlite half) and nothing to test without a PostgreSQL.
          exclude: [...configDefaults.exclude, ...(process.env.TEST_DATABASE_URL ? [] : ['tests/server/durability-postgres.test.ts'])],
          environment: 'node',
          // Bundles the server once for the tests that start it as an OS process.
          globalSetup: ['tests/server/global-setup.ts'],
          // Each file opens its own databases; two at a time suits the 2-core machine.
          maxWorkers: 2,
          // Files share their worker's modules instead of each loading Fastify, Drizzle, PGlite
          // and the app again in a fresh process (suite 220 s -> 175 s, CPU 400 s -> 305 s, 28 Nov).
          // Safe because no file changes module state another reads: each opens its own
          // databases and servers, caches are keyed by random ids, no mocks of modules or timers.
          isolate: false,
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
