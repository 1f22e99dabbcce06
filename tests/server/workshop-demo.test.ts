import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_WORKSHOP_CODE } from '../../src/server/demo/workshops.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { reportEntries, type Report } from '../../src/shared/workshops/report.js'
import { buildTestServer, databasesUnderTest } from './helpers.js'

describe.each(databasesUnderTest())('the demo co-creation process, on $name', (target) => {
  let database: Database
  let app: Awaited<ReturnType<typeof buildTestServer>>
  const origin = { origin: 'http://localhost' }

  beforeAll(async () => {
    database = await target.open()
    const registry = createSyncRegistry()
    await seedDemoIfEmpty(database.db, registry)
    app = await buildTestServer(database, { syncRegistry: registry })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('has two sessions, media, themes, a merged pair, a hidden one, answers and dots within the frame, published without names', async () => {
    const preview = await app.inject({ method: 'GET', url: `/api/workshops/join/${DEMO_WORKSHOP_CODE}`, headers: origin })
    expect(preview.statusCode).toBe(200)
    const report: Report = (await app.inject({ method: 'GET', url: `/api/workshops/${preview.json().processId}/report.json`, headers: origin })).json()
    expect(report.public).toBe(true)
    expect(report.sessions).toHaveLength(2)
    const entries = reportEntries(report)
    expect(new Set(entries.map((e) => e.ref)).size).toBe(entries.length)
    expect(entries.length).toBe(9)
    expect(entries.some((e) => e.hasPhoto) && entries.some((e) => e.hasRecording)).toBe(true)
    expect(new Set(entries.map((e) => e.role))).toEqual(new Set(['user', 'relative', 'staff', 'partner']))
    expect(entries.filter((e) => e.mergedWith.length > 0).map((e) => e.ref)).toEqual(['B-2', 'B-5'])
    expect(report.hidden.map((e) => [e.ref, e.text, e.hiddenReason !== null])).toEqual([['B-8', '', true]])
    expect(report.statements.map((s) => s.verdict)).toEqual(['agreed', 'divided', 'unclear'])
    expect(report.priorities[0]!.budget).toBe(250_000)
    expect(report.priorities[0]!.totals[0]!.total).toBeGreaterThan(0)
  })
})
