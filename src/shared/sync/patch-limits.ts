/** Deeper than any record of ours; far below what would exhaust a stack when a value is copied. */
export const MAX_PATCH_DEPTH = 32

/**
 * Why a mutation's patch cannot be stored, or null. It walks without recursion, so a patch
 * nested 10,000 levels deep is answered here rather than overflowing the stack in the merge;
 * a NUL byte (which PostgreSQL cannot store in text or jsonb) and a number that is not finite
 * (JSON's 1e400 parses to Infinity and would be stored as null) are refused by name.
 */
export function patchProblem(patch: unknown, maxDepth = MAX_PATCH_DEPTH): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: patch, depth: 0 }]
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'a text contains a NUL character'
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return 'a number is not finite'
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= maxDepth) return `it is nested deeper than ${maxDepth} levels`
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) return 'a field name contains a NUL character'
        stack.push({ value: child, depth: depth + 1 })
      }
    }
  }
  return null
}
