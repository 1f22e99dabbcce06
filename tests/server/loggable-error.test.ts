import { describe, expect, it } from 'vitest'
import { loggableError } from '../../src/server/http/errors.js'

describe('what a server failure may write to the log', () => {
  it('keeps the kind, code and query shape, never the bound values or the database detail', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "relative_links_pkey"'), {
      code: '23505',
      detail: 'Key (relative_id, resident_id)=(…) already exists.',
    })
    const error = new Error('Failed query: insert into "relative_links" values ($1, $2, $3)\nparams: 0199,0198,Samtykke givet af Karen Holm (skizofreni)', { cause })
    const logged = JSON.stringify(loggableError(error))
    expect(logged).toContain('insert into \\"relative_links\\"')
    expect(logged).toContain('23505')
    expect(logged).not.toContain('Karen')
    expect(logged).not.toContain('skizofreni')
    expect(logged).not.toContain('already exists')
  })
})
