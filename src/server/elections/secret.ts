import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { ConfigError } from '../config.js'

export const ELECTION_SECRET_FILE = 'election-secret'

function decode(text: string, where: string): Uint8Array {
  const trimmed = text.trim()
  const bytes = /^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0 ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64url')
  if (bytes.length < 32) {
    throw new ConfigError(`${where} must hold at least 32 random bytes as hex or base64url (for example the output of \`openssl rand -hex 32\`).`)
  }
  return new Uint8Array(bytes)
}

/**
 * The installation's election secret, which seals each election's private key at rest. From
 * ELECTION_SECRET when set (every server process of an installation must then share it), else
 * from a file in the data folder, made with 32 random bytes on first use and readable only by
 * the server's user. Losing it makes the tally of an open election impossible; it is never in
 * the database, so a stolen database alone opens no ballot.
 */
export function loadElectionSecret(env: string | undefined, dataDir: string): Uint8Array {
  if (env) return decode(env, 'ELECTION_SECRET')
  const file = path.join(dataDir, ELECTION_SECRET_FILE)
  mkdirSync(dataDir, { recursive: true })
  try {
    // 'wx' fails when the file exists, so two processes starting together cannot both write one.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error
  }
  return decode(readFileSync(file, 'utf8'), file)
}
