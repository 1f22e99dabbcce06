import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SERVER_RENDERED_ATTRIBUTE, type RenderedPage } from '../../shared/sync/first-pull.js'
import { sendError } from './errors.js'

const YEAR_IN_SECONDS = 31536000

/**
 * Vite puts content-hashed files in assets/, so those can be kept for a year. Everything else
 * (index.html, the manifest, the service worker and its helpers, icons) is revalidated on every
 * load, otherwise a device could keep running an old version long after an update.
 */
export function cacheControlFor(filePath: string): string {
  const segments = filePath.split(path.sep)
  return segments.includes('assets')
    ? `public, max-age=${YEAR_IN_SECONDS}, immutable`
    : 'no-cache'
}

/**
 * What a page's HTML may bring along beyond the app's shell: links for the head (route-preload.ts),
 * HTML for the end of the body (first-pull.ts) and the page rendered into the app's element
 * (render-page.ts); null for the plain shell.
 */
export type PageData = (request: FastifyRequest, pathname: string) => Promise<{ head: string; body: string; page?: RenderedPage | null } | null>

export async function registerStaticApp(app: FastifyInstance, staticDir: string, pageData?: PageData): Promise<void> {
  const hasBuild = existsSync(path.join(staticDir, 'index.html'))
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: staticDir,
      // Files are looked up per request, so a new build in place is served without a restart.
      wildcard: true,
      index: ['index.html'],
      // The build writes .br and .gz copies (scripts/vite-precompress.ts): sent as they are, so
      // nothing is compressed again per request, and smaller than what @fastify/compress makes.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('Cache-Control', cacheControlFor(filePath)),
    })
    for (const folder of LISTED_FOLDERS) registerListedFolder(app, staticDir, folder)
  } else {
    app.log.warn({ staticDir }, 'no built app found; only /api is served (run npm run build)')
  }

  /** The app's index.html, with the page's data when there is some for this path and person. */
  async function sendAppPage(request: FastifyRequest, reply: FastifyReply, pathname: string) {
    reply.header('Cache-Control', 'no-cache')
    const extra = request.method === 'GET' && pageData ? await pageData(request, pathname) : null
    if (extra === null) return reply.type('text/html; charset=utf-8').sendFile('index.html')
    // The page's data depends on who asks (signed in or not), so a cache keeps it per cookie.
    const shell = await readFile(path.join(staticDir, 'index.html'), 'utf8')
    // Before the end of the head (or, in a shell without one, before the body or the app's element).
    let withHead = shell.replace(/<\/head>|<body|<div id="app">/, (at) => `${extra.head}${at}`)
    const page = extra.page
    if (page && withHead.includes(APP_ELEMENT)) {
      // The app hydrates what is marked so (src/app/main.ts); the markup is Vue's, escaped by it.
      withHead = withHead
        // Replaced by functions: a `$&` in a meeting's text is text, not a replacement pattern.
        .replace(APP_ELEMENT, () => `<div id="app" ${SERVER_RENDERED_ATTRIBUTE}="${escapeText(page.path).replace(/"/g, '&quot;')}">${page.html}</div>`)
        .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeText(page.title)}</title>`)
    }
    const html = withHead.includes('</body>') ? withHead.replace('</body>', () => `${extra.body}</body>`) : `${withHead}${extra.body}`
    return reply.header('Vary', 'Cookie').type('text/html; charset=utf-8').send(html)
  }

  // "/" would be the static folder's index.html, served as a file; as the start page it may carry
  // data like any other app route.
  if (hasBuild) app.get('/', { schema: { hide: true } }, (request, reply) => sendAppPage(request, reply, '/'))

  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/'
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return sendError(reply, 404, 'not_found', `There is no API endpoint ${request.method} ${pathname}.`)
    }
    // Paths with a file extension are missing files, not app routes: answering them with HTML
    // would hide the error and confuse the service worker's precache.
    const isAppRoute = (request.method === 'GET' || request.method === 'HEAD') && !path.extname(pathname)
    if (hasBuild && isAppRoute) return sendAppPage(request, reply, pathname)
    return sendError(reply, 404, 'not_found', `Nothing is found at ${pathname}.`)
  })
}

/** The app's empty element in the build's index.html. */
const APP_ELEMENT = '<div id="app"></div>'

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The build's flat folders of many files: hashed code and styles, and the pictograms. */
const LISTED_FOLDERS = ['assets', 'pictograms']

/**
 * The files of one flat folder of the build, by their exact names. @fastify/static checks the
 * spelling of every path it serves by reading each folder on the way (so that no other spelling
 * of a name, on a file system that ignores case, reaches a file): for `assets/` about 900 names
 * with the compressed copies, for `pictograms/` about 500, read on every request; about a sixth
 * of the app server's CPU in a profile of part of the browser suite. Here the folder is read once
 * and again only when a name is not in it (a new build deployed in place brings new names), and
 * only a name exactly as listed is sent; a listed file removed since is a 404 from the file
 * lookup itself. Anything deeper than `<folder>/<name>` is still the static plugin's.
 */
function registerListedFolder(app: FastifyInstance, staticDir: string, folder: string): void {
  let names = new Set<string>()
  const listed = async (name: string) => {
    if (!names.has(name)) names = new Set(await readdir(path.join(staticDir, folder)).catch(() => []))
    return names.has(name)
  }
  app.get<{ Params: { file: string } }>(`/${folder}/:file`, { schema: { hide: true } }, async (request, reply) => {
    if (!(await listed(request.params.file))) return reply.callNotFound()
    return reply.sendFile(`${folder}/${request.params.file}`)
  })
}
