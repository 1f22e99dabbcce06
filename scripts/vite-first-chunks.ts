import path from 'node:path'
import type { Plugin } from 'vite'

type Group = { name: string; test: (id: string) => boolean; priority: number; includeDependenciesRecursively: boolean }

/**
 * The app's start and its start page each in one chunk of their own, instead of one chunk per
 * set of screens that share a module (about 25 small files on the first route, each with its
 * own import and export lists; every one of those lists is bytes a phone downloads and the
 * browser links). `parts` are source files (`src/app/start-app.ts`), each taking every module
 * its static imports reach that no earlier part took, except what the entry itself imports
 * (`entry`, which must stay small) and what other groups claim first (the framework: give those
 * a higher priority). Modules of a part that other screens use too come with the part's chunk
 * there: a screen opened first loads the start page's code with it (a few KiB), a later one has
 * it already.
 *
 * Returns the plugin that finds the modules once the module graph is known, and the groups for
 * rolldown's codeSplitting, which reads them after that.
 */
export function firstChunks(root: string, entry: string, parts: { name: string; source: string }[]): { plugin: Plugin; groups: Group[] } {
  const owner = new Map<string, string>()
  const plugin: Plugin = {
    name: 'brugerstemme:first-chunks',
    apply: 'build',
    buildEnd() {
      owner.clear()
      const reach = (from: string, into: Set<string>) => {
        const pending = [from]
        while (pending.length > 0) {
          const id = pending.pop()!
          const info = this.getModuleInfo(id)
          if (into.has(id) || !info) continue
          into.add(id)
          pending.push(...info.importedIds)
        }
        return into
      }
      const taken = reach(path.join(root, entry), new Set())
      for (const part of parts) {
        const source = path.join(root, part.source)
        for (const id of reach(source, new Set())) {
          // The part's own module stays a chunk of its own, named in Vite's manifest by its source
          // (the server and the bench look it up there); it imports the rest from the group's chunk.
          if (taken.has(id) || id === source) continue
          taken.add(id)
          owner.set(id, part.name)
        }
      }
      if (![...owner.values()].length) this.error(`first-chunks found no module under ${parts.map((p) => p.source).join(', ')}`)
    },
  }
  // Only the modules found above: rolldown would otherwise add what they import, the entry's own
  // modules included, and the entry would import the group's chunk before the first paint.
  const groups = parts.map((part) => ({ name: part.name, test: (id: string) => owner.get(id) === part.name, priority: 0, includeDependenciesRecursively: false }))
  return { plugin, groups }
}
