import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

/** E2E_PORT and E2E_DIST let two runs share a machine, each with its own build and server. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4180)

/** Debian's Chromium: the machine cannot download Playwright's own browser builds. */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
}

/**
 * Debian's headless shell of the same Chromium (apt-get install chromium-headless-shell), which is
 * what Playwright itself runs for headless tests: the full browser spent about a quarter of the
 * browser suite's CPU in its browser process. The full browser when the shell is not installed;
 * Lighthouse (the bench) always uses the full one. CHROMIUM_PATH overrides both.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell'
export const e2eLaunchOptions = {
  ...chromiumLaunchOptions,
  executablePath: process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : chromiumLaunchOptions.executablePath),
}

const SERVICE_WORKER_TAG = /@service-worker/

function traceMode(): 'off' | 'retain-on-failure' {
  const asked = process.env.E2E_TRACE
  if (asked === 'off' || asked === 'retain-on-failure') return asked
  return process.env.CI ? 'off' : 'retain-on-failure'
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    // A trace costs about a fifth of the browser suite's time (DOM snapshots on every action; the
    // network log needs them), and nobody can open one from a CI run, which keeps only its output.
    // Outside CI, or with E2E_TRACE=retain-on-failure, a failed test keeps its trace.
    trace: traceMode(),
    launchOptions: e2eLaunchOptions,
  },
  /**
   * A test about what the service worker does (offline reloads, the update prompt, what is kept
   * for offline use) says so with the tag @service-worker and runs with it, as a person's browser
   * has it. The others run with service workers blocked: each new browser context would install
   * one and download its whole precache (about 275 files, 1.2 MB written to Cache Storage) beside
   * the test, which took over a quarter of their time (782 s → 563 s of test time for the same 148
   * tests, 28 Nov) and tests nothing they are about. A test that does need it and lacks the tag
   * fails in waitForServiceWorker (tests/e2e/helpers.ts), or on its offline reload; never passes.
   * The service worker's project comes first, so its longest tests (the update prompt's, which
   * make a second build) start early instead of ending the run.
   */
  projects: [
    {
      name: 'chromium, service worker',
      grep: SERVICE_WORKER_TAG,
      use: { ...devices['Pixel 7'], defaultBrowserType: 'chromium', launchOptions: e2eLaunchOptions, serviceWorkers: 'allow' },
    },
    {
      name: 'chromium',
      grepInvert: SERVICE_WORKER_TAG,
      use: { ...devices['Pixel 7'], defaultBrowserType: 'chromium', launchOptions: e2eLaunchOptions, serviceWorkers: 'block' },
    },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://localhost:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { PORT: String(E2E_PORT), LOG_LEVEL: 'warn', E2E_DIST: process.env.E2E_DIST ?? 'dist' },
  },
})
