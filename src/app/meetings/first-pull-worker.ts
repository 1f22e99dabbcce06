import { createLocalDb } from '../sync/local-db'
import { readFirstPull, storeFirstPull } from './first-pull-data'

// Stores a page's first pull off the page's main thread (first-pull-aside.ts): Dexie's own code
// and the transaction's work would otherwise hold up a slow phone while its person reads.
addEventListener('message', async (event: MessageEvent<string>) => {
  const first = readFirstPull(event.data)
  if (!first) return postMessage(false)
  const db = createLocalDb()
  try {
    postMessage(await storeFirstPull(db, first))
  } catch {
    postMessage(false)
  } finally {
    db.close()
  }
})
