/**
 * A worker thread of openBallots (open-ballots.ts): opens the batches of envelopes it is sent
 * with the election key it was started with, and answers each batch with the choices in order.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openBallot, type Envelope } from '../../shared/elections/envelope.js'
import { nodePrimitives as p } from './node-primitives.js'

const key = workerData as { privateKey: Uint8Array; publicKey: Uint8Array }
const port = parentPort!

port.on('message', (batch: { start: number; envelopes: Envelope[] } | null) => {
  if (batch === null) {
    key.privateKey.fill(0)
    port.close()
    return
  }
  port.postMessage({ start: batch.start, opened: batch.envelopes.map((envelope) => openBallot(p, key, envelope)) })
})
port.postMessage('ready')
