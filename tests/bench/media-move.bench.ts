import { openDatabase } from '../../src/server/db/database.js'
import { seedDemoIfEmpty } from '../../src/server/db/seed.js'
import { DEMO_ACCOUNTS } from '../../src/server/demo/accounts.js'
import { createSyncRegistry } from '../../src/server/sync/entities.js'
import { storeMedium } from '../../src/app/sync/media-store.js'
import { councilScope } from '../../src/shared/accounts/entities.js'
import type { Me } from '../../src/shared/accounts/model.js'
import { AgendaItem, Meeting } from '../../src/shared/meetings/entities.js'
import { buildTestServer, meetingData } from '../server/helpers.js'
import { Device, injectTransport } from '../server/sync-devices.js'
import type { BenchFigure } from './figure.js'

const RECORDING_BYTES = 900_000

/**
 * What moving an agenda item costs on the wire when the item has a recording: the push the
 * device's engine sends, vs. the same record with the recording inside it as base64 (how the
 * first design sent it, and would send it again on every change). DESIGN.md: media out of records.
 */
export default async function benchMediaMove(): Promise<BenchFigure[]> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null })
  const registry = createSyncRegistry()
  await seedDemoIfEmpty(database.db, registry)
  const app = await buildTestServer(database, { syncRegistry: registry, logger: false })
  const signIn = await app.inject({ method: 'POST', url: '/api/auth/staff', payload: DEMO_ACCOUNTS.secretary, headers: { origin: 'http://localhost' } })
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]!
  const me = (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json<Me>()
  if (me.kind !== 'person') throw new Error('the demo secretary could not sign in')
  const councilId = me.staffCouncilIds[0]!

  const base = injectTransport(() => app, () => ({ cookie }))
  const pushBytes: number[] = []
  const transport = { ...base, push: (request: Parameters<typeof base.push>[0]) => (pushBytes.push(Buffer.byteLength(JSON.stringify(request))), base.push(request)) }
  const phone = new Device('secretary', transport, [councilScope(councilId)])
  const voice = new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]), new Uint8Array(RECORDING_BYTES - 4).fill(7)], { type: 'audio/webm' })
  const audio = await storeMedium(phone.db, voice)
  const meetingId = await phone.writer.create(Meeting, meetingData(councilId, { title: 'Møde med lyd', date: '2027-02-11', published: false }))
  const common = { councilId, meetingId, caseNumber: '', pictogram: null, photo: null, expectedMinutes: 15, question: '', closed: false, sections: [], attachments: [], decision: null, easyDecision: '' }
  const first = await phone.writer.create(AgendaItem, { ...common, position: 1, title: 'Sommerturen', easyTitle: 'Sommerturen', easyText: 'Hør forslaget.', audio })
  await phone.writer.create(AgendaItem, { ...common, position: 2, title: 'Maden', easyTitle: 'Maden', easyText: 'Vi taler om maden.', audio: null })
  await phone.engine.pushAll()
  if ((await phone.db.outbox.count()) !== 0) throw new Error('the meeting did not reach the server')

  pushBytes.length = 0
  await phone.writer.update(AgendaItem, first, { position: 2 })
  await phone.engine.pushAll()
  const moved = pushBytes.reduce((sum, bytes) => sum + bytes, 0)
  const item = await phone.db.records.get([AgendaItem.name, first])
  const inline = Buffer.byteLength(JSON.stringify({ ...item!.data, audio: `data:audio/webm;base64,${Buffer.from(await voice.arrayBuffer()).toString('base64')}` }))
  await app.close()
  return [
    {
      measure: `move an agenda item with a ${RECORDING_BYTES / 1000} kB recording: bytes pushed`,
      value: moved,
      unit: 'B',
      baseline: inline,
      baselineLabel: 'the same record with its recording inline (base64)',
      goal: '< 2 kB',
      met: moved < 2048,
    },
  ]
}
