import path from 'node:path'
import type { Plugin } from 'vite'

type Group = { name: string; test: (id: string) => boolean; priority: number; includeDependenciesRecursively: boolean }

/**
 * What the app's first screens need in one chunk, instead of one chunk per set of screens that
 * share a module (about 25 small files on the first route, each with its own import and export
 * lists; every one of those lists is bytes a phone downloads and the browser links). `sources`
 * are source files (`src/app/start-app.ts`, the start page); the chunk takes every module their
 * static imports reach, except what the entry itself imports (`entry`, which must stay small)
 * and what other groups claim first (the framework: give those a higher priority). Other screens
 * load it too: nearly all of them use the app's start and the start page's shared parts anyway.
 *
 * Returns the plugin that finds the modules once the module graph is known, and the group for
 * rolldown's codeSplitting, which reads it after that.
 */
export function firstChunk(root: string, entry: string, name: string, sources: string[]): { plugin: Plugin; group: Group } {
  const members = new Set<string>()
  const plugin: Plugin = {
    name: 'brugerstemme:first-chunk',
    apply: 'build',
    buildEnd() {
      members.clear()
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
      const inEntry = reach(path.join(root, entry), new Set())
      const own = new Set(sources.map((source) => path.join(root, source)))
      for (const source of own) {
        for (const id of reach(source, new Set())) {
          // A source's own module stays a chunk of its own, named in Vite's manifest by its source
          // (the server and the bench look it up there); it imports the rest from this chunk.
          if (!inEntry.has(id) && !own.has(id)) members.add(id)
        }
      }
      if (members.size === 0) this.error(`first-chunk found no module under ${sources.join(', ')}`)
    },
  }
  // Only the modules found above: rolldown would otherwise add what they import, the entry's own
  // modules included, and the entry would import this chunk before the first paint.
  const group = { name, test: (id: string) => members.has(id), priority: 0, includeDependenciesRecursively: false }
  return { plugin, group }
}
