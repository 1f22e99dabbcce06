// `npm run admin:create`: the first administrator of a real installation (DEMO_DATA=false), or
// another one later. Reads ADMIN_NAME, ADMIN_EMAIL and ADMIN_PASSWORD, or asks on the terminal.
import { eq } from 'drizzle-orm'
import { createInterface } from 'node:readline/promises'
import { Writable } from 'node:stream'
import { PASSWORD_MIN_LENGTH } from '../../shared/accounts/model.js'
import { ConfigError, readConfig } from '../config.js'
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js'
import { openDatabase } from '../db/database.js'
import { people } from '../db/schema.js'
import { isUniqueViolation } from './admin-common.js'
import { createStaff, normalizeEmail } from './admin-staff.js'

class Refusal extends Error {}

/** Asks on the terminal; the password is not echoed, so no one reading along sees it. */
async function ask(question: string, hidden = false): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) })
  try {
    const answer = rl.question(question)
    muted = hidden
    const value = await answer
    if (hidden) process.stdout.write('\n')
    return value
  } finally {
    rl.close()
  }
}

async function readInput(env: NodeJS.ProcessEnv) {
  const needsTerminal = !env.ADMIN_NAME || !env.ADMIN_EMAIL || !env.ADMIN_PASSWORD
  if (needsTerminal && !process.stdin.isTTY) {
    throw new Refusal('Set ADMIN_NAME, ADMIN_EMAIL and ADMIN_PASSWORD, or run the command in a terminal to be asked for them.')
  }
  const name = (env.ADMIN_NAME ?? (await ask('Name: '))).trim()
  const email = normalizeEmail(env.ADMIN_EMAIL ?? (await ask('E-mail: ')))
  const password = env.ADMIN_PASSWORD ?? (await ask(`Password (at least ${PASSWORD_MIN_LENGTH} characters, not shown): `, true))
  if (name.length === 0 || name.length > 120) throw new Refusal('The name must be between 1 and 120 characters.')
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new Refusal(`"${email}" is not an e-mail address.`)
  if (password.length < PASSWORD_MIN_LENGTH) throw new Refusal(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long. A sentence of a few words is easy to remember.`)
  if (password.length > 1024) throw new Refusal('The password must be at most 1024 characters long.')
  return { name, email, password }
}

async function main(): Promise<void> {
  const config = readConfig()
  let unlock = () => {}
  if (!config.databaseUrl) {
    try {
      unlock = lockDataDir(config.dataDir)
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        throw new Refusal(`The Brugerstemme server is running on ${config.dataDir}. Stop the server first, then run npm run admin:create again.`)
      }
      throw error
    }
  }
  try {
    const input = await readInput(process.env)
    const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir })
    try {
      const [taken] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, input.email))
      if (taken) throw new Refusal(`Someone already has the e-mail ${input.email}. Choose another address.`)
      const row = await database.db
        .transaction((tx) => createStaff(tx, { ...input, staffRole: 'admin', councilIds: [] }, { kind: 'system' }))
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new Refusal(`Someone already has the e-mail ${input.email}. Choose another address.`) : error
        })
      console.log(`Created the administrator ${row.name} <${row.email}>. Start the server and sign in with this e-mail and password.`)
    } finally {
      await database.close()
    }
  } finally {
    unlock()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof Refusal || error instanceof ConfigError) console.error(error.message)
    else console.error('Could not create the administrator:', error)
    process.exit(1)
  },
)
