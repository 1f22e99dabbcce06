import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_ACCOUNTS } from '../../src/server/demo/accounts.js'
import type { Me } from '../../src/shared/accounts/model.js'
import { SYNC_PROTOCOL_VERSION, type PullResponse, type PushResponse } from '../../src/shared/sync/protocol.js'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'
import { authorshipTestRegistry } from './sync-fixture.js'

const origin = { origin: 'http://localhost' }

describe.each(databasesUnderTest())('who wrote what, on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildTestServer>>
  const cookie: Record<string, string> = {}
  const ids: Record<string, string> = {}

  const call = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { ...origin, cookie: cookie[who] ?? '' } })

  const write = async (who: string, op: 'put' | 'patch', entityId: string, patch: Record<string, unknown>) => {
    const response = await call(who, 'POST', '/api/sync/push', {
      clientId: uuidv7(),
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [{ id: uuidv7(), entity: 'test-viewpoint', entityId, op, patch, baseVersion: null }],
    })
    return response.json<PushResponse>().results[0]!
  }

  const stored = async (entityId: string) => {
    const response = await call('karen', 'GET', `/api/sync/pull?since=0&scopes=council:views&protocolVersion=${SYNC_PROTOCOL_VERSION}`)
    return response.json<PullResponse>().changes.find((c) => c.entityId === entityId)?.data
  }

  beforeAll(async () => {
    database = await target.open()
    const registry = authorshipTestRegistry()
    await seedDemoIfEmpty(database.db, registry)
    app = await buildTestServer(database, { syncRegistry: registry })
    for (const [who, code] of [['karen', DEMO_ACCOUNTS.memberCard], ['lene', DEMO_ACCOUNTS.relativeCard]] as const) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/card', payload: { code }, headers: origin })
      cookie[who] = String(response.headers['set-cookie']).split(';')[0]!
      ids[who] = (response.json<Me>() as Extract<Me, { kind: 'person' }>).personId
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  it('stamps the author from the session and ignores what the device claims', async () => {
    const id = uuidv7()
    const result = await write('karen', 'put', id, { councilId: 'views', text: 'Mere frugt', authorId: ids.lene, byRelative: true, onBehalfOf: ids.lene })
    expect(result.status).toBe('applied')
    expect(await stored(id)).toEqual({ councilId: 'views', text: 'Mere frugt', authorId: ids.karen, byRelative: false, onBehalfOf: null })
  })

  it('a relative acting for a resident is recorded as such, and a later change cannot rewrite it', async () => {
    const acting = await call('lene', 'PUT', '/api/me/acting-for', { residentId: ids.karen })
    expect(acting.statusCode).toBe(200)
    const id = uuidv7()
    expect((await write('lene', 'put', id, { councilId: 'views', text: 'Karen vil gerne på tur' })).status).toBe('applied')
    expect(await stored(id)).toMatchObject({ authorId: ids.lene, byRelative: true, onBehalfOf: ids.karen })

    expect((await write('karen', 'patch', id, { authorId: ids.karen, byRelative: false, onBehalfOf: null })).status).toBe('applied')
    expect(await stored(id)).toMatchObject({ authorId: ids.lene, byRelative: true, onBehalfOf: ids.karen, text: 'Karen vil gerne på tur' })
  })
})
