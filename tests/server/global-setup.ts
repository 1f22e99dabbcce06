import { bundleServer } from './server-process.js'

/**
 * Once per `vitest run` of the server suite: the bundle of the current server source that the
 * tests starting the server as an OS process run (see bundleServer). The test workers are
 * started after this, so they inherit the variable.
 */
export default function setup(): () => void {
  const { file, remove } = bundleServer()
  process.env.SERVER_UNDER_TEST_BUNDLE = file
  return () => {
    delete process.env.SERVER_UNDER_TEST_BUNDLE
    remove()
  }
}
