import path from 'node:path'
import { isLoopbackHost, parsePublicOrigin } from './http/public-origin.js'
import { projectRoot } from './project-root.js'

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  staticDir: string
  /** Where the build put the module that renders public pages: ssr/ beside the app's folder. */
  renderModule: string
  /** Passed to Fastify's trustProxy; only then can HSTS see that the client used HTTPS. */
  trustProxy: boolean | string
  logLevel: string
  /** Load the demo (fictional people with public passwords) into an empty database. */
  demoData: boolean
  /** Sign-in attempts allowed per client address per 15 minutes. */
  signInAttemptsPerAddress: number
  /** ELECTION_SECRET, when set; otherwise a file in the data folder (src/server/elections/secret.ts). */
  electionSecret: string | undefined
  /** Days the answer to a mutation is kept, so a device that sends it again is not applied twice. */
  mutationRetentionDays: number
  /** PUBLIC_ORIGIN: where people reach the app; required unless the server is on localhost only. */
  publicOrigin: string | undefined
  /** Days an ended or expired session is kept (shown under "Mine enheder" and in the export) before it is removed. */
  endedSessionDays: number
}

export class ConfigError extends Error {}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 8080
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number between 0 and 65535, got "${raw}".`)
  }
  return port
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false
  if (raw === 'true') return true
  return raw
}

function parsePositive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number of at least 1, got "${raw}".`)
  return value
}

function parseDemoData(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === 'true' || raw === '1') return true
  if (raw === 'false' || raw === '0') return false
  throw new ConfigError(`DEMO_DATA must be "true" or "false", got "${raw}".`)
}

function readPublicOrigin(env: NodeJS.ProcessEnv, host: string, trustProxy: boolean | string): string | undefined {
  if (env.PUBLIC_ORIGIN) {
    try {
      return parsePublicOrigin(env.PUBLIC_ORIGIN)
    } catch (error) {
      throw new ConfigError((error as Error).message)
    }
  }
  if (!isLoopbackHost(host) || trustProxy !== false) {
    throw new ConfigError(
      'PUBLIC_ORIGIN must be set when the server is reached other than on localhost (HOST or TRUST_PROXY is set): the address people open, such as https://brugerstemme.kommune.dk.',
    )
  }
  return undefined
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const root = projectRoot()
  const host = env.HOST || 'localhost'
  const trustProxy = parseTrustProxy(env.TRUST_PROXY)
  const staticDir = path.resolve(env.STATIC_DIR || path.join(root, 'dist', 'client'))
  return {
    port: parsePort(env.PORT),
    host,
    dataDir: path.resolve(env.DATA_DIR || path.join(root, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    staticDir,
    renderModule: path.join(path.dirname(staticDir), 'ssr', 'render-page.js'),
    trustProxy,
    logLevel: env.LOG_LEVEL || 'info',
    demoData: parseDemoData(env.DEMO_DATA),
    signInAttemptsPerAddress: parsePositive('SIGN_IN_ATTEMPTS_PER_ADDRESS', env.SIGN_IN_ATTEMPTS_PER_ADDRESS, 100),
    electionSecret: env.ELECTION_SECRET || undefined,
    mutationRetentionDays: parsePositive('SYNC_MUTATION_RETENTION_DAYS', env.SYNC_MUTATION_RETENTION_DAYS, 30),
    publicOrigin: readPublicOrigin(env, host, trustProxy),
    endedSessionDays: parsePositive('ENDED_SESSION_DAYS', env.ENDED_SESSION_DAYS, 30),
  }
}
