import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createSignInLimits } from './accounts/rate-limit.js'
import { buildServer, privacyPreservingSerializers } from './app.js'
import { ConfigError, readConfig } from './config.js'
import { DataDirLockedError, lockDataDir } from './db/data-dir-lock.js'
import { openDatabase } from './db/database.js'
import { seedDemoIfEmpty } from './db/seed.js'
import { demoSignInHelp } from './demo/sign-in-help.js'
import { loadElectionSecret } from './elections/secret.js'
import { projectRoot } from './project-root.js'
import { createSyncRegistry } from './sync/entities.js'

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }
  return pkg.version
}

async function main(): Promise<void> {
  const config = readConfig()
  const electionSecret = loadElectionSecret(config.electionSecret, config.dataDir)
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir)
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: config.dataDir },
  ).catch((error: unknown) => {
    unlock()
    throw error
  })

  const registry = createSyncRegistry()
  const { seeded } = config.demoData ? await seedDemoIfEmpty(database.db, registry, electionSecret) : { seeded: false }
  const demoSignIn = await demoSignInHelp(database.db)
  const app = await buildServer({
    database,
    staticDir: config.staticDir,
    renderModule: config.renderModule,
    version: packageVersion(),
    trustProxy: config.trustProxy,
    syncRegistry: registry,
    signInLimits: createSignInLimits(database.db, electionSecret, { perAddress: config.signInAttemptsPerAddress }),
    electionSecret,
    mutationRetentionDays: config.mutationRetentionDays,
    publicOrigin: config.publicOrigin,
    endedSessionDays: config.endedSessionDays,
    logger: { level: config.logLevel, serializers: privacyPreservingSerializers },
  })

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    // A connection that never ends must not keep the process (and the PGlite lock) forever.
    setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting anyway')
      unlock()
      process.exit(1)
    }, 10_000).unref()
    app
      .close()
      .then(() => {
        unlock()
        process.exit(0)
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed')
        unlock()
        process.exit(1)
      })
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))

  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const where = database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'
  const local = `http://${shownHost}:${port}/`
  // Behind a proxy people use the public address; the operator also needs this process's own.
  const shown = config.publicOrigin ? `${config.publicOrigin}/ (this process listens on ${local})` : local
  console.log(`\nDatabase: ${where}${seeded ? ' (demo data loaded)' : ''}\nBrugerstemme is running at ${shown}\n${demoSignIn}`)
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message)
  } else {
    console.error('Brugerstemme could not start:', error)
  }
  process.exit(1)
})
