import os from 'node:os'
import { Worker } from 'node:worker_threads'
import { openBallot, type ElectionKeyPair, type Envelope } from '../../shared/elections/envelope.js'
import { nodePrimitives as p } from './node-primitives.js'

/** Below this many ballots a worker's start costs more than it saves. */
export const PARALLEL_FROM = 2000
const BATCH = 250

/**
 * The choices sealed in each envelope, in order (null where one does not open): openBallot for
 * every envelope, the same code and bytes, but for a big tally spread over the machine's cores.
 * Opening is an X25519 and a few hashes per ballot, about a tenth of a millisecond, so 10,000
 * ballots on one thread take a second. Helpers are worker threads of this process that get a
 * copy of the election key (zeroed when they finish); this thread opens batches too, and hands
 * out the next batch to whoever is free, so a helper that starts slowly costs nothing.
 */
export async function openBallots(
  key: ElectionKeyPair,
  envelopes: readonly Envelope[],
  /**
   * helpers: how many worker threads; thisThread: false leaves every batch to them, and stats
   * counts the ballots they opened (both for the tests).
   */
  options: { helpers?: number; thisThread?: boolean; stats?: { byHelpers: number } } = {},
): Promise<(string[] | null)[]> {
  const helpers = options.helpers ?? (envelopes.length >= PARALLEL_FROM ? Math.min(os.availableParallelism() - 1, 3) : 0)
  const opened: (string[] | null)[] = new Array(envelopes.length)
  let next = 0
  const take = (): { start: number; envelopes: Envelope[] } | null => {
    if (next >= envelopes.length) return null
    const start = next
    next = Math.min(envelopes.length, next + BATCH)
    return { start, envelopes: envelopes.slice(start, next) }
  }
  const workers = Array.from({ length: Math.max(0, helpers) }, () => helper(key, take, opened, options.stats))
  // This thread's share: a batch at a time, letting the helpers' messages in between.
  for (let batch = options.thisThread === false && workers.length > 0 ? null : take(); batch; batch = take()) {
    batch.envelopes.forEach((envelope, i) => (opened[batch!.start + i] = openBallot(p, key, envelope)))
    await new Promise((resolve) => setImmediate(resolve))
  }
  await Promise.all(workers)
  // Helpers that could not start or failed leave their batches to this thread.
  for (let batch = take(); batch; batch = take()) batch.envelopes.forEach((envelope, i) => (opened[batch!.start + i] = openBallot(p, key, envelope)))
  return opened
}

/** One helper: batches until none are left; a helper that fails hands its batch back to this thread. */
async function helper(key: ElectionKeyPair, take: () => { start: number; envelopes: Envelope[] } | null, opened: (string[] | null)[], stats?: { byHelpers: number }): Promise<void> {
  let worker: Worker
  try {
    worker = await startWorker({ privateKey: key.privateKey.slice(), publicKey: key.publicKey })
  } catch {
    return
  }
  return new Promise((resolve) => {
    let current: { start: number; envelopes: Envelope[] } | null = null
    const finish = () => {
      // A batch the helper did not answer is opened here.
      if (current) current.envelopes.forEach((envelope, i) => (opened[current!.start + i] = openBallot(p, key, envelope)))
      current = null
      resolve()
    }
    worker.on('message', (message: 'ready' | { start: number; opened: (string[] | null)[] }) => {
      if (message !== 'ready') {
        message.opened.forEach((choices, i) => (opened[message.start + i] = choices))
        if (stats) stats.byHelpers += message.opened.length
        current = null
      }
      current = take()
      // null when none are left: the helper zeroes its copy of the key and ends, and 'exit' follows.
      worker.postMessage(current)
    })
    worker.on('error', () => void worker.terminate().then(finish, finish))
    worker.on('exit', finish)
  })
}

let sourceWorker: (() => Promise<string>) | undefined

/**
 * Run from the TypeScript sources (tests, the bench), the worker cannot be started as a file;
 * they hand in its code bundled (tests/server/open-worker-bundle.ts), so the server itself never
 * imports a bundler. Without one, a big tally from the sources opens every ballot on this thread.
 */
export function useSourceWorker(load: () => Promise<string>): void {
  sourceWorker = load
}

/** The worker beside this file: JavaScript when built, else the bundle handed in from the sources. */
async function startWorker(workerData: { privateKey: Uint8Array; publicKey: Uint8Array }): Promise<Worker> {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./open-worker.js', import.meta.url), { workerData })
  if (!sourceWorker) throw new Error('No worker bundle for the TypeScript sources.')
  return new Worker(await sourceWorker(), { eval: true, workerData })
}
