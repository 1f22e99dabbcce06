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

/**
 * The camera (QR cards) and the microphone (recorded read-aloud) for this origin only; every other
 * powerful feature off, so nothing embedded or injected could ask for it. Only features Chromium
 * knows: an unknown one ('bluetooth') is an error in the console of every page, and does nothing.
 */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  ...['geolocation', 'payment', 'usb', 'serial', 'hid', 'midi', 'display-capture', 'accelerometer', 'gyroscope', 'magnetometer', 'browsing-topics'].map(
    (feature) => `${feature}=()`,
  ),
].join(', ')

const cspText = Object.entries(contentSecurityPolicy)
  .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
  .join('; ')

/**
 * The headers every response carries, also those Fastify answers before any hook runs (a URL
 * that cannot be decoded, headers too large): helmet's set, written out once.
 */
export const BASELINE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': cspText,
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
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
    reply.header('Permissions-Policy', PERMISSIONS_POLICY)
    if (request.protocol === 'https') {
      reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
  })
}
