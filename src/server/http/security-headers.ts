import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * Everything the app loads comes from its own origin: no CDN, no fonts, no trackers. Scripts may
 * never be inline. Images and audio may be blob:/data: because photos and recordings are made
 * on the device before they are uploaded.
 */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  // WebAssembly only (no JavaScript eval): the QR polyfill's ZXing decoder on devices without
  // a built-in barcode reader.
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  // data: for staff's own recorded read-aloud, which travels inside the agenda item.
  mediaSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // HSTS over plain HTTP is meaningless and would break local installs; added below for HTTPS.
    hsts: false,
    // The app embeds no cross-origin resources, so COEP only adds risk of breaking media blobs.
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') {
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
  })
}
