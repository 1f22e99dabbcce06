import { Ajv } from 'ajv'
import { Type } from 'typebox'
import { describe, expect, it, vi } from 'vitest'
import { lazySerializer, lazyValidator } from '../../src/server/http/lazy-compile.js'

const Meeting = Type.Object({ title: Type.String({ minLength: 1 }), minutes: Type.Integer() }, { additionalProperties: false })

describe('schemas compiled on first use (the server starts without compiling every route)', () => {
  it('compiles a validator on its first call, once, and answers as Ajv does', () => {
    const ajv = new Ajv({ strict: false })
    const compile = vi.spyOn(ajv, 'compile')
    const validate = lazyValidator(ajv, Meeting)
    expect(compile).not.toHaveBeenCalled()

    expect(validate({ title: 'Sommertur', minutes: 90 })).toBe(true)
    expect(validate.errors).toBeNull()
    expect(validate({ title: '', minutes: 90 })).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/title', keyword: 'minLength' })
    expect(validate({ title: 'Sommertur', minutes: 1.5 })).toBe(false)
    expect(validate.errors?.[0]?.instancePath).toBe('/minutes')
    // The errors are those of the last call, as Fastify and the push read them after calling.
    expect(validate({ title: 'Juleafslutning', minutes: 60 })).toBe(true)
    expect(validate.errors).toBeNull()
    expect(compile).toHaveBeenCalledTimes(1)
  })

  it('a schema Ajv cannot compile fails on the first call, not silently', () => {
    const validate = lazyValidator(new Ajv({ strict: false }), { type: 'object', properties: { x: { $ref: '#/nowhere' } } })
    expect(() => validate({ x: 1 })).toThrow(/nowhere/)
  })

  it('builds a serializer on the first answer, once', () => {
    const build = vi.fn(() => (data: { title: string }) => JSON.stringify({ title: data.title }))
    const serialize = lazySerializer(build)
    expect(build).not.toHaveBeenCalled()
    expect(serialize({ title: 'Møde' })).toBe('{"title":"Møde"}')
    expect(serialize({ title: 'Referat' })).toBe('{"title":"Referat"}')
    expect(build).toHaveBeenCalledTimes(1)
  })
})
