import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin, ResolvedConfig } from 'vite'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/** What the server would otherwise compress per request (the QR decoder's WebAssembly too). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|wasm|ico)$/
/** Below this the server sends files as they are (@fastify/compress's threshold in src/server/app.ts). */
const THRESHOLD = 1024

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every compressible
 * file of the build, once, for @fastify/static's `preCompressed` (src/server/http/static-app.ts).
 * On a phone with a slow connection the app's first download is what it waits for, and quality 11
 * is about a sixth smaller than the quality 4 a server can afford per request; the server also
 * stops compressing the same files again for every new device (the service worker's precache
 * asks for nearly all of them). Runs after every other plugin has written its files (the
 * service worker and its helpers included). A copy that is not smaller is not written.
 */
export function precompress(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'brugerstemme:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const outDir = path.resolve(config.root, config.build.outDir)
        const files = (await readdir(outDir, { recursive: true })).map((name) => path.join(outDir, name)).filter((file) => COMPRESSIBLE.test(file))
        await Promise.all(files.map(writeCompressedCopies))
      },
    },
  }
}

/** The `.br` and `.gz` copies of one file of the build, where they are worth having. */
export async function writeCompressedCopies(file: string): Promise<void> {
  if ((await stat(file)).size < THRESHOLD) return
  const content = await readFile(file)
  const [br, gz] = await Promise.all([
    brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
    gzipped(content, { level: 9 }),
  ])
  if (br.length < content.length) await writeFile(`${file}.br`, br)
  if (gz.length < content.length) await writeFile(`${file}.gz`, gz)
}
