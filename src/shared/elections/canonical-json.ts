/**
 * Canonical JSON as RFC 8785 (JCS) writes it, for the values the election protocol uses: null,
 * booleans, strings, safe integers, arrays and objects. For those values JCS is exactly
 * ECMAScript's JSON.stringify with no whitespace and object members sorted by their keys'
 * UTF-16 code units. Fractions, NaN, undefined and other types are refused rather than guessed,
 * so a hash never depends on how a language prints a number.
 */
export type CanonicalValue = null | boolean | string | number | CanonicalValue[] | { [key: string]: CanonicalValue }

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`Canonical JSON holds only safe integers, got ${value}.`)
    return JSON.stringify(value === 0 ? 0 : value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.some(([, v]) => v === undefined)) throw new TypeError('Canonical JSON has no undefined members.')
    // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  throw new TypeError(`Canonical JSON cannot hold a ${typeof value}.`)
}
