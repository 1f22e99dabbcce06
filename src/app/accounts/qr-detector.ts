/** The part of the Barcode Detection API the scanner uses. */
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): QrDetector
  getSupportedFormats(): Promise<string[]>
}

/**
 * The browser's own BarcodeDetector where it reads QR codes, otherwise the ZXing polyfill. The
 * polyfill and its .wasm load only now, when scanning starts, and the .wasm comes from this
 * app's own files (Vite's ?url), never from a CDN.
 */
export async function createQrDetector(): Promise<QrDetector> {
  const native = (window as unknown as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector
  const formats: string[] = native ? await native.getSupportedFormats().catch(() => []) : []
  if (native && formats.includes('qr_code')) {
    return new native({ formats: ['qr_code'] })
  }
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ])
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  })
  return new BarcodeDetector({ formats: ['qr_code'] })
}

/** Whether this device has a camera at all; without one the screen offers only the typed code. */
export async function hasCamera(): Promise<boolean> {
  if (!navigator.mediaDevices?.enumerateDevices || !navigator.mediaDevices.getUserMedia) return false
  try {
    return (await navigator.mediaDevices.enumerateDevices()).some((d) => d.kind === 'videoinput')
  } catch {
    return false
  }
}
