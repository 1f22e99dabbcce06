/**
 * Stands in for what only a browser has (the device's database, its sync) while the server
 * renders a page (render-page.ts). Screens take these at setup but only use them in live queries
 * and event handlers, which never run there; any real use throws and names what was used, so a
 * screen that needs the device to render falls back to the app's plain shell instead of
 * rendering something the device would not.
 */
export function refusing<T extends object>(what: string): T {
  const fail = (): never => {
    throw new Error(`${what} is not there while the server renders a page`)
  }
  const stand: object = new Proxy(fail, {
    // Not a promise (so `await` on it fails at the call, not by waiting forever).
    get: (_target, key) => (key === 'then' ? undefined : stand),
    apply: fail,
    construct: fail,
    set: fail,
  })
  // One object answers for any shape: only its use is checked, at run time, by throwing.
  return stand as T
}
