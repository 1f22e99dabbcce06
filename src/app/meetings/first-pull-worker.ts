import { createLocalDb } from '../sync/local-db'
import { readFirstPull, storeFirstPull } from './first-pull-data'

// Stores a page's first pull off the page's main thread (first-pull-aside.ts): Dexie's own code
// and the transaction's work would otherwise hold up a slow phone while its person reads.
addEventListener('message', (event: MessageEvent<string>) => {
  const first = readFirstPull(event.data)
  const db = createLocalDb()
  const stored = first ? storeFirstPull(db, first) : Promise.resolve(false)
  void stored.then(
    (done) => postMessage(done),
    () => postMessage(false),
  ).finally(() => db.close())
})
