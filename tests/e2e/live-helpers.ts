import { emptyAgendaItem } from '../../src/shared/meetings/entities.js'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN, SOLBAKKEN } from './accounts-helpers.js'
import { pushFromPage } from './sync-helpers.js'

// A test meeting with three items (one closed), the common-room TV, and one browser per device.

// Far enough ahead that these meetings never become the demo council's "next meeting", which
// other tests open while this one runs; running a meeting live does not depend on its date.
const meetingDay = () => new Date(Date.now() + 300 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' })
const uuid = () => crypto.randomUUID()

export const item = (councilId: string, meetingId: string, position: number, extra: Record<string, unknown>) => ({
  ...emptyAgendaItem(councilId, meetingId, position),
  ...extra,
})

export async function newMeeting(page: Page, councilId: string): Promise<{ meetingId: string; items: string[] }> {
  const meetingId = uuid()
  const items = [uuid(), uuid(), uuid()]
  const meeting = { councilId, title: 'Brugerrådsmøde med live', date: meetingDay(), startTime: '13:30', endTime: '15:00', place: 'Fælleshuset', placePhoto: null, participants: '', absent: '', published: true, minutesPublished: false }
  expect(await pushFromPage(page, { entity: 'meeting', entityId: meetingId, op: 'put', patch: meeting, baseVersion: null })).toBe('applied')
  const puts = [
    item(councilId, meetingId, 1, { title: 'Velkommen og dagsorden', easyTitle: 'Velkommen', easyText: 'Vi siger hej til hinanden.', pictogram: 'welcome', sections: [{ kind: 'description', heading: 'Baggrund', text: 'Formanden byder velkommen og læser dagsordenen op.' }] }),
    item(councilId, meetingId, 2, { title: 'Sag om en beboer', easyTitle: 'Personsag', easyText: 'Det er hemmeligt.', closed: true }),
    item(councilId, meetingId, 3, { title: 'Sommerturen 2027', easyTitle: 'Sommerturen', easyText: 'Hvor skal vi hen i sommer?', pictogram: 'trip' }),
  ]
  for (const [index, data] of puts.entries()) {
    expect(await pushFromPage(page, { entity: 'agenda-item', entityId: items[index]!, op: 'put', patch: data, baseVersion: null })).toBe('applied')
  }
  return { meetingId, items }
}

export async function startKiosk(page: Page): Promise<void> {
  await page.goto('/kiosk/start')
  await page.getByLabel('E-mail').fill(ADMIN.email)
  await page.getByLabel('Adgangskode', { exact: true }).fill(ADMIN.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await page.getByRole('group', { name: 'Hvilket råd?' }).getByRole('radio', { name: SOLBAKKEN }).check()
  await page.getByRole('group', { name: 'Hvad skal skærmen vise?' }).getByRole('radio', { name: 'Fællesskærm' }).check()
  await page.getByRole('button', { name: 'Start skærmen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: SOLBAKKEN })).toBeVisible()
}

export async function phone(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...test.info().project.use, ...options })
  return { context, page: await context.newPage() }
}
