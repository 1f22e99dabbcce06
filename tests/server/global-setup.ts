import { IMAGE_VARIABLE, writeMigratedImage } from './pglite-image.js'
import { bundleServer } from './server-process.js'

/**
 * Once per `vitest run` of the server suite: the bundle of the current server source that the
 * tests starting the server as an OS process run (see bundleServer), and the migrated PGlite
 * that every in-memory test database starts from (see pglite-image.ts). The test workers are
 * started after this, so they inherit the variables.
 */
export default async function setup(): Promise<() => void> {
  const bundle = bundleServer()
  const image = await writeMigratedImage()
  process.env.SERVER_UNDER_TEST_BUNDLE = bundle.file
  process.env[IMAGE_VARIABLE] = image.file
  return () => {
    delete process.env.SERVER_UNDER_TEST_BUNDLE
    delete process.env[IMAGE_VARIABLE]
    bundle.remove()
    image.remove()
  }
}
