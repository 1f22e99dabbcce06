import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'

/**
 * No container runtime is available where the tests run, so the Dockerfile and compose.yaml are
 * checked as text: every instruction is one Docker knows, the stages it names exist, the image
 * that runs is not root, it runs the command the README gives, and everything it configures is
 * something the server reads.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')

const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL'])

interface Instruction {
  keyword: string
  args: string
  line: number
}

/** Dockerfile lines to instructions: comments dropped, backslash continuations joined. */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = []
  let pending = ''
  let startLine = 0
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd()
    if (pending === '' && (line.trim() === '' || line.trim().startsWith('#'))) return
    if (pending !== '' && line.trim().startsWith('#')) return
    if (pending === '') startLine = index + 1
    pending += (pending ? ' ' : '') + line.trim()
    if (pending.endsWith('\\')) {
      pending = pending.slice(0, -1).trimEnd()
      return
    }
    const match = /^(\S+)\s*(.*)$/.exec(pending)!
    instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!, line: startLine })
    pending = ''
  })
  if (pending) throw new Error(`Dockerfile ends inside a continued line: ${pending}`)
  return instructions
}

interface Stage {
  name: string | null
  image: string
  instructions: Instruction[]
}

function stagesOf(instructions: Instruction[]): { globalArgs: Map<string, string | undefined>; stages: Stage[] } {
  const globalArgs = new Map<string, string | undefined>()
  const stages: Stage[] = []
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args)
      if (!match) throw new Error(`line ${instruction.line}: FROM ${instruction.args} is not "image [AS name]"`)
      stages.push({ image: match[1]!, name: match[2] ?? null, instructions: [] })
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`line ${instruction.line}: only ARG may come before the first FROM`)
      const [name, value] = instruction.args.split('=')
      globalArgs.set(name!, value)
    } else {
      stages.at(-1)!.instructions.push(instruction)
    }
  }
  return { globalArgs, stages }
}

/** The variables src/server/config.ts reads (`env.NAME`). */
/** What the server's config reads, and TZ, which Node itself reads (the day a page is rendered for). */
const configVariables = () => new Set([...[...read('src/server/config.ts').matchAll(/\benv\.([A-Z_]+)/g)].map((m) => m[1]!), 'TZ'])

const jsonArray = (args: string): string[] => {
  const value: unknown = JSON.parse(args)
  if (!Array.isArray(value) || !value.every((part) => typeof part === 'string')) throw new Error(`${args} is not a JSON array of strings`)
  return value
}

describe('the Dockerfile', () => {
  const instructions = parseDockerfile(read('Dockerfile'))
  const { globalArgs, stages } = stagesOf(instructions)
  const final = stages.at(-1)!
  const finalOf = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword)

  it('has only instructions Docker knows, and several stages', () => {
    expect(instructions.map((i) => i.keyword).filter((k) => !INSTRUCTIONS.has(k))).toEqual([])
    expect(stages.length).toBeGreaterThanOrEqual(2)
  })

  it('builds every stage FROM an image (an ARG with a default) or an earlier stage, and copies only from earlier stages', () => {
    stages.forEach((stage, index) => {
      const earlier = stages.slice(0, index).map((s) => s.name)
      const arg = /^\$\{?(\w+)\}?$/.exec(stage.image)?.[1]
      if (arg) expect(globalArgs.get(arg), `ARG ${arg} needs a default`).toMatch(/^[\w./-]+:[\w.-]+$/)
      else if (!earlier.includes(stage.image)) expect(stage.image).toMatch(/^[\w./-]+:[\w.-]+$/)
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY')) {
        const from = /--from=(\S+)/.exec(copy.args)?.[1]
        if (from) expect(earlier, `line ${copy.line}: COPY --from=${from}`).toContain(from)
      }
    })
    expect(new Set(stages.map((s) => s.name)).size).toBe(stages.length)
  })

  it('runs as a user who is not root, on a slim image without a compiler or package manager', () => {
    const users = finalOf('USER').map((u) => u.args.split(':')[0])
    expect(users.length).toBeGreaterThan(0)
    expect(['root', '0']).not.toContain(users.at(-1))
    const image = /^\$\{?(\w+)\}?$/.exec(final.image)?.[1]
    expect(image ? globalArgs.get(image) : final.image).toMatch(/slim|alpine|distroless/)
    for (const run of finalOf('RUN')) expect(run.args).not.toMatch(/apt-get install|apk add|npm (ci|install)|gcc|make|python/)
    expect(finalOf('RUN').some((run) => /rm -rf .*\/npm\b/.test(run.args))).toBe(true)
    // The build (dev dependencies, sources) happens in another stage and only its output is copied.
    expect(finalOf('COPY').filter((c) => !/--from=/.test(c.args)).map((c) => c.args.split(/\s+/).filter((a) => !a.startsWith('--'))[0])).toEqual(['package.json', 'drizzle'])
  })

  it('copies only files that exist and that the build does not need to make', () => {
    for (const stage of stages) {
      for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY' && !/--from=/.test(i.args))) {
        const sources = copy.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1)
        for (const source of sources) if (source !== '.') expect(existsSync(path.join(root, source)), source).toBe(true)
      }
    }
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim())
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.env', '.git']))
  })

  it('starts the program `npm start` starts, with the command the README gives for containers', () => {
    const cmd = jsonArray(finalOf('CMD').at(-1)!.args)
    expect(finalOf('ENTRYPOINT')).toEqual([])
    expect(cmd[0]).toBe('node')
    // The same compiled entry scripts/start.mjs imports after building.
    expect(read('scripts/start.mjs')).toContain(`path.join(root, ${cmd[1]!.split('/').map((p) => `'${p}'`).join(', ')})`)
    const tsconfig = JSON.parse(read('tsconfig.server.json')) as { compilerOptions: { rootDir: string; outDir: string } }
    const source = cmd[1]!.replace(tsconfig.compilerOptions.outDir, tsconfig.compilerOptions.rootDir).replace(/\.js$/, '.ts')
    expect(existsSync(path.join(root, source)), source).toBe(true)
    const command = `\`${cmd.join(' ')}\``
    expect(read('README.md').includes(command), `the README gives ${command}`).toBe(true)
  })

  it('sets only variables the server (or Node) reads, and checks health where the server answers it', () => {
    const known = configVariables()
    const set = finalOf('ENV').flatMap((env) => [...env.args.matchAll(/(\w+)=/g)].map((m) => m[1]!))
    expect(set.length).toBeGreaterThan(0)
    expect(set.filter((name) => !known.has(name))).toEqual([])
    const health = finalOf('HEALTHCHECK').at(-1)!
    expect(health.args).toContain('/api/health')
    expect(read('src/server/system/health-routes.ts')).toContain("'/api/health'")
    const port = /\bPORT=(\d+)/.exec(finalOf('ENV').map((e) => e.args).join(' '))?.[1]
    expect(finalOf('EXPOSE').map((e) => e.args)).toEqual([port])
  })
})

/** Bare module names the server and shared code import at run time (type imports are erased). */
function runtimeImports(dir: string): Set<string> {
  const found = new Set<string>()
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) {
      for (const spec of runtimeImports(file)) found.add(spec)
      continue
    }
    if (!file.endsWith('.ts')) continue
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      if (!match[2]) found.add(match[3]!)
    }
    for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(match[1]!)
  }
  return new Set([...found].filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:')))
}

describe('the runtime image has what the server imports', () => {
  it('every package src/server and src/shared import is a production dependency', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> }
    const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
    const imported = new Set([...runtimeImports(path.join(root, 'src/server')), ...runtimeImports(path.join(root, 'src/shared'))].map(packageOf))
    expect(imported.size).toBeGreaterThan(5)
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([])
  })
})

describe('compose.yaml', () => {
  const compose = parseYaml(read('compose.yaml')) as {
    services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[] }; volumes?: string[]; ports?: string[] }>
    volumes: Record<string, unknown>
  }

  it('runs the app from this Dockerfile on PostgreSQL that is healthy first, both with named volumes', () => {
    const { app, db } = compose.services
    expect(app?.build).toBe('.')
    expect(db?.image).toMatch(/^postgres:\d+/)
    expect(db?.healthcheck?.test.join(' ')).toContain('pg_isready')
    expect(app?.depends_on?.db?.condition).toBe('service_healthy')
    for (const service of [app, db]) {
      for (const volume of service?.volumes ?? []) expect(Object.keys(compose.volumes)).toContain(volume.split(':')[0])
    }
    expect(db?.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true)
    expect(app?.volumes?.some((v) => v.endsWith(':/data'))).toBe(true)
  })

  it('gives the app only variables the server reads, a database URL that names the db service, and its port on loopback', () => {
    const environment = compose.services.app!.environment!
    const known = configVariables()
    expect(Object.keys(environment).filter((name) => !known.has(name))).toEqual([])
    expect(new URL(environment.DATABASE_URL!.replace(/\$\{\w+\}/g, 'x')).hostname).toBe('db')
    expect(environment.ELECTION_SECRET).toMatch(/\$\{ELECTION_SECRET:\?/)
    expect(compose.services.app!.ports).toEqual(['127.0.0.1:8080:8080'])
  })
})
