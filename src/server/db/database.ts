import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { projectRoot } from '../project-root.js'
import { withNamedStatements } from './pglite-statements.js'
import * as schema from './schema.js'

export type DatabaseKind = 'pglite' | 'postgres'
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

export interface Database {
  kind: DatabaseKind
  db: Db
  /** The PostgreSQL connection string, for connections that must be dedicated (LISTEN). */
  url?: string
  close(): Promise<void>
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null /* null: in memory, for tests */ }
  | { kind: 'postgres'; url: string }

const migrationsFolder = () => path.join(projectRoot(), 'drizzle')

/** Opens the database and applies every committed migration before anyone can use it. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 })
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {})
    const db = drizzlePg(pool, { schema })
    try {
      await migratePg(db, { migrationsFolder: migrationsFolder() })
    } catch (error) {
      await pool.end()
      throw error
    }
    return { kind: 'postgres', db, url: target.url, close: () => pool.end() }
  }

  let client: PGlite
  if (target.dataDir === null) {
    client = new PGlite()
  } else {
    const dir = path.join(target.dataDir, 'pglite')
    mkdirSync(dir, { recursive: true })
    client = new PGlite(dir)
  }
  const db = drizzlePglite(withNamedStatements(client), { schema })
  try {
    await migratePglite(db, { migrationsFolder: migrationsFolder() })
  } catch (error) {
    await client.close()
    throw error
  }
  return { kind: 'pglite', db, close: () => client.close() }
}
