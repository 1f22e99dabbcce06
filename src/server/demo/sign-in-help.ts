import { eq } from 'drizzle-orm'
import type { Db } from '../db/database.js'
import { people } from '../db/schema.js'
import { DEMO_ACCOUNTS } from './accounts.js'
import { demoBallotCardHelp } from './elections.js'

/** Printed at every start while the demo staff account exists, with a warning for production. */
export async function demoSignInHelp(db: Db): Promise<string> {
  const [admin] = await db.select({ id: people.id }).from(people).where(eq(people.email, DEMO_ACCOUNTS.admin.email))
  if (!admin) return ''
  return [
    'Demo sign-in (fictional people, public passwords):',
    `  Staff, administrator: ${DEMO_ACCOUNTS.admin.email} / ${DEMO_ACCOUNTS.admin.password}`,
    `  Staff, secretary:     ${DEMO_ACCOUNTS.secretary.email} / ${DEMO_ACCOUNTS.secretary.password}`,
    `  Member card code:     ${DEMO_ACCOUNTS.memberCard}   Relative card code: ${DEMO_ACCOUNTS.relativeCard}`,
    ...(await demoBallotCardHelp(db)),
    'WARNING: never use a database with demo data for real people. Start a real installation with',
    'DEMO_DATA=false and create the first administrator with `npm run admin:create`.',
    '',
  ].join('\n')
}
