import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface OwnServer {
  url: string
  process: ChildProcess
  output(): string
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `brugerstemme-${prefix}-`))

/**
 * Starts the built production server as its own process, for tests that stop, restart or
 * swap what the server serves. Resolves once it prints its address.
 */
export async function startOwnServer(env: Record<string, string>, dist = process.env.E2E_DIST || 'dist'): Promise<OwnServer> {
  // dist: the build this run serves (E2E_DIST, see scripts/e2e-isolated.sh; the bench passes its own).
  const child = spawn(process.execPath, [path.join(dist, 'node', 'server', 'main.js')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', STATIC_DIR: path.resolve(dist, 'client'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += String(chunk)))
  child.stderr.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    const check = () => {
      const match = /running at (http:\/\/\S+?)\/?\s/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })

  return {
    url,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref())
      const result = await Promise.race([exited, deadline])
      if (result === 'timeout') {
        child.kill('SIGKILL')
        throw new Error(`server did not stop within 15 s after ${signal}:\n${output}`)
      }
      return result
    },
  }
}
