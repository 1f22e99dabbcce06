/**
 * Conflict rules, from DESIGN.md: the server is authoritative and orders all writes; fields are
 * merged last-writer-wins in that order, except a person's own text (declared per entity as
 * protected fields), which is never silently overwritten by a writer who had not seen it.
 */
export type Fields = Record<string, unknown>
export type FieldVersions = Record<string, number>

export type MergeOutcome =
  | { kind: 'apply'; data: Fields; fieldVersions: FieldVersions; changed: string[] }
  | { kind: 'conflict'; fields: string[] }

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Merges a patch written against `baseVersion` into the current record. A protected field that
 * another writer changed after `baseVersion` to something else is a conflict: nothing is applied,
 * so the author can see both texts and decide. Every other field simply takes the newer write.
 */
export function mergePatch(input: {
  current: Fields
  fieldVersions: FieldVersions
  patch: Fields
  baseVersion: number | null
  newVersion: number
  protectedFields: readonly string[]
  /**
   * Versions in which this same device changed the record earlier, in changes it made before
   * this one (so this one was written on top of them) but whose answers it had not heard when
   * it sent this: a text created and then edited offline. A field last written in one of them
   * is no conflict: the device is not overwriting someone else.
   */
  ownVersions?: ReadonlySet<number>
}): MergeOutcome {
  const { current, fieldVersions, patch, baseVersion, newVersion, protectedFields, ownVersions } = input
  const seen = baseVersion ?? 0
  const conflicts = Object.keys(patch).filter(
    (field) =>
      protectedFields.includes(field) &&
      (fieldVersions[field] ?? 0) > seen &&
      !ownVersions?.has(fieldVersions[field] ?? 0) &&
      !sameValue(current[field], patch[field]),
  )
  if (conflicts.length > 0) return { kind: 'conflict', fields: conflicts.sort() }

  const data: Fields = { ...current }
  const versions: FieldVersions = { ...fieldVersions }
  const changed: string[] = []
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue
    if (!sameValue(current[field], value)) changed.push(field)
    data[field] = value
    versions[field] = newVersion
  }
  return { kind: 'apply', data, fieldVersions: versions, changed }
}
