import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { messageUnits, unitsNamedIn } from '../../scripts/vite-split-messages.js'

type Tree = { [key: string]: string | Tree }
const da = JSON.parse(readFileSync(new URL('../../locales/da.json', import.meta.url), 'utf8')) as Tree
const allKeys = (prefix: string, tree: Tree): string[] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : allKeys(`${prefix}${key}.`, value)))

describe('split messages (scripts/vite-split-messages.ts)', () => {
  const units = messageUnits(da)
  const namespaces = Object.keys(da)
  const unitOf = (key: string) => units.find((unit) => unit.keys.includes(key))?.name

  it('cuts locales/da.json into units that hold every key exactly once', () => {
    const keys = units.flatMap((unit) => unit.keys)
    expect(keys.sort()).toEqual(allKeys('', da).sort())
    expect(units.length).toBeGreaterThan(namespaces.length)
  })

  it('finds keys named whole, in templates, as prefixes and in labels', () => {
    const source = [
      "t('meeting.decisionHeading')",
      '<DecisionBadge :label="t(`meeting.decisions.${kind}`)" />',
      "const labelKey = 'nav.meetings'",
      "t('elections.ballot.done.title')",
    ].join('\n')
    const used = unitsNamedIn(source, units, namespaces)
    expect(used).toContain(unitOf('meeting.decisionHeading'))
    expect(used).toContain(unitOf('meeting.decisions.decided'))
    expect(used).toContain(unitOf('meeting.decisions.postponed'))
    expect(used).toContain(unitOf('nav.meetings'))
    expect(used).toContain(unitOf('elections.ballot.done.title'))
    // A key brings its own unit, not its whole feature.
    expect(used).not.toContain(unitOf('elections.admin.roll.title'))
    expect(unitsNamedIn("const x = 'meeting'; route.name === 'meetings'", units, namespaces).size).toBe(0)
  })
})
