import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export class DataDirLockedError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * When a process started, in clock ticks since boot (Linux /proc), or null where there is no
 * /proc. With it a lock left by a killed server is recognised even when the system has since
 * given its pid to another program.
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The name in field 2 may hold spaces and parentheses; the fields after its last ")" do not.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

/** Whether the lock's holder is still the server that wrote it. */
function holds(holder: number, start: string | undefined): boolean {
  if (!Number.isInteger(holder) || holder === process.pid || !isRunning(holder)) return false
  if (!start) return true
  const now = processStart(holder)
  return now === null || now === start
}

/**
 * PGlite is a single-process database: a second server on the same folder would corrupt it.
 * A pid file (with the holder's start time where the system tells it) refuses that, and a file
 * left behind by a crashed or killed process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lockFile = path.join(dataDir, 'server.pid')
  const start = processStart(process.pid)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, start ? `${process.pid}\n${start}\n` : String(process.pid), { flag: 'wx' })
      return () => rmSync(lockFile, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const [pid, recordedStart] = readFileSync(lockFile, 'utf8').split('\n')
      const holder = Number(pid)
      if (holds(holder, recordedStart?.trim())) {
        throw new DataDirLockedError(
          `Another Brugerstemme server (process ${holder}) is using ${dataDir}. Stop it first, or set DATA_DIR to another folder.`,
        )
      }
      rmSync(lockFile, { force: true })
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}.`)
}
