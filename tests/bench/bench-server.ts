import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

/**
 * A server process of its own (tests/bench/live-server.entry.ts with `args`), once it prints
 * READY. SERVER_NODE_ARGS adds Node flags to the servers only, e.g. "--cpu-prof" to see where a
 * bench's time goes.
 */
export async function startBenchServer(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(here, 'live-server.entry.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += String(chunk)
      const match = /READY (\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1]!, child })
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
}

export const stopBenchServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))))
