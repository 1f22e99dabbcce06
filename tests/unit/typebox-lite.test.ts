import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'

// The app's build replaces `typebox` with src/app/typebox-lite.ts (vite.config.ts). Every schema
// src/shared builds must come out as the same JSON Schema either way, or the app would hold a
// different idea of a record than the server that validates it.
const shared = fileURLToPath(new URL('../../src/shared/', import.meta.url))
const modules = readdirSync(shared, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .filter((file) => /from 'typebox'/.test(readFileSync(path.join(shared, file), 'utf8')))
  .sort()

async function loadAll(): Promise<Record<string, Record<string, unknown>>> {
  const loaded: Record<string, Record<string, unknown>> = {}
  for (const file of modules) loaded[file] = (await import(/* @vite-ignore */ path.join(shared, file))) as Record<string, unknown>
  return loaded
}

/** The exported values as JSON, schemas inside entity definitions included (functions drop out). */
const asJson = (exports: Record<string, unknown>) => Object.fromEntries(Object.entries(exports).map(([name, value]) => [name, JSON.stringify(value)]))

describe('typebox-lite', () => {
  it('builds every schema in src/shared exactly as TypeBox does', async () => {
    expect(modules.length).toBeGreaterThan(10)
    const real = await loadAll()
    vi.resetModules()
    vi.doMock('typebox', () => import('../../src/app/typebox-lite.js'))
    const lite = await loadAll()
    vi.doUnmock('typebox')
    let schemas = 0
    for (const file of modules) {
      const expected = asJson(real[file]!)
      expect(asJson(lite[file]!), file).toEqual(expected)
      schemas += Object.values(expected).filter((json) => json?.includes('"type"')).length
    }
    expect(schemas).toBeGreaterThan(100)
  })

  it('marks optional properties as not required, also when spread into another object', async () => {
    const { Type } = await import('../../src/app/typebox-lite.js')
    const input = Type.Object({ a: Type.String(), b: Type.Optional(Type.Integer()) })
    expect(Type.Object({ id: Type.String(), ...(input.properties as Record<string, Record<string, unknown>>) })).toEqual({
      type: 'object',
      required: ['id', 'a'],
      properties: { id: { type: 'string' }, a: { type: 'string' }, b: { type: 'integer' } },
    })
  })
})
