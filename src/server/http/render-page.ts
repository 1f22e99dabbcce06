import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { FastifyBaseLogger } from 'fastify'
import type { FirstPull, RenderedPage, RenderPage } from '../../shared/sync/first-pull.js'

/** Pages rendered and kept, newest last; each is a few tens of kB. */
const KEPT = 100
/** A render takes milliseconds; one that has not ended by this is given up (the page goes out unrendered). */
const RENDER_TIMEOUT_MS = 3000

/**
 * The server's side of rendering public pages (src/app/ssr/render-page.ts, built by `vite build
 * --ssr` into dist/ssr beside the app in dist/client; `file` is that module). A page is rendered from its first pull
 * alone, so the same path at the same sync cursor renders the same: the result is kept until the
 * data moves on, and a hundred relatives opening one meeting link cost one render. Renders run
 * one at a time (they share the app's message catalogue, and take milliseconds of one core
 * either way). Without the module (a build without it, the server tests' stand-in app) or when
 * a render fails, the page goes out as the app's plain shell, which works as it always has.
 */
export function pageRenderer(file: string | null, log: FastifyBaseLogger): (url: string, first: FirstPull, origin: string) => Promise<RenderedPage | null> {
  let module: Promise<RenderPage | null> | null = null
  const load = () =>
    (module ??= file && existsSync(file)
      ? import(pathToFileURL(file).href).then(
          (loaded: { renderPage: RenderPage }) => loaded.renderPage,
          (error: unknown) => {
            log.error({ err: error, file }, 'the page renderer could not be loaded; pages go out unrendered')
            return null
          },
        )
      : Promise.resolve(null))
  const kept = new Map<string, Promise<RenderedPage | null>>()
  let queue: Promise<unknown> = Promise.resolve()

  return (url, first, origin) => {
    // The date too: a meeting's page changes when its day comes (the way to follow it live).
    const key = `${origin}\u0000${url}\u0000${first.pull.cursor}\u0000${new Date().toDateString()}`
    const known = kept.get(key)
    if (known) return known
    const rendered = (queue = queue.then(async () => {
      const render = await load()
      if (!render) return null
      let timer: NodeJS.Timeout | undefined
      // A render that never ends must not hold up every public page after it.
      const givenUp = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`rendering took longer than ${RENDER_TIMEOUT_MS} ms`)), RENDER_TIMEOUT_MS)
      })
      try {
        return await Promise.race([render(url, first, origin), givenUp])
      } catch (error) {
        log.warn({ err: error, url }, 'a page could not be rendered; it goes out unrendered')
        return null
      } finally {
        clearTimeout(timer)
      }
    })) as Promise<RenderedPage | null>
    kept.set(key, rendered)
    if (kept.size > KEPT) kept.delete(kept.keys().next().value!)
    return rendered
  }
}
