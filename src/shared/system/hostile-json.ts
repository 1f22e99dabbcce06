/** Deeper than any payload of ours; far below what would exhaust a stack when a value is copied. */
export const MAX_JSON_DEPTH = 32

/**
 * Why a parsed JSON value (a request body, query or path parameters, a sync mutation) cannot be
 * accepted, or null. This is the one rule for hostile values, used by the server for every
 * request and by the push for each mutation on its own:
 * - a NUL character, in a text or a field name: PostgreSQL can store it in neither text nor
 *   jsonb, so it would fail in the database instead of being answered;
 * - a number that is not finite: JSON's 1e400 parses to Infinity, which is stored as null and
 *   then breaks the record's own schema;
 * - nesting deeper than maxDepth: checked here without recursion, before anything that recurses
 *   (validation, the conflict merge, a copy) sees the value.
 * Binary bodies (uploads) are not JSON and are left to their own routes.
 */
export function findHostileValue(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const next = stack.pop()!
    const { depth } = next
    const current = next.value
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return 'a text contains a NUL character'
    } else if (typeof current === 'number') {
      if (!Number.isFinite(current)) return 'a number is not finite'
    } else if (typeof current === 'object' && current !== null && !ArrayBuffer.isView(current)) {
      if (depth >= maxDepth) return `it is nested deeper than ${maxDepth} levels`
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return 'a field name contains a NUL character'
        stack.push({ value: child, depth: depth + 1 })
      }
    }
  }
  return null
}
