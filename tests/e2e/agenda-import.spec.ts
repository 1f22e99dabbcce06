import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations, expectReflowAt320, expectTargetSizes, expectTextSpacingSurvives, runA11yKit } from './a11y/kit.js'
import { serverRecords, signInAsSecretary } from './sync-helpers.js'

// Copies of the shared samples (../shared/samples/, what a municipal agenda system exports),
// kept in the repository so the test runs on a clean clone.
const SAMPLES = new URL('./fixtures/', import.meta.url)
const AGENDA_FILE = new URL('dagsorden-brugerraadet-egebo.txt', SAMPLES)
const MINUTES_FILE = new URL('referat-centerraadet-boformer.txt', SAMPLES)

/** What this device has written itself: records not yet confirmed, and changes waiting to be sent. */
async function ownWrites(page: Page): Promise<{ pending: string[]; outbox: number }> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const db = await request(indexedDB.open('brugerstemme'))
    const records = (await request(db.transaction('records').objectStore('records').getAll())) as { entity: string; pending: number }[]
    const outbox = await request(db.transaction('outbox').objectStore('outbox').count())
    db.close()
    return { pending: records.filter((r) => r.pending === 1).map((r) => r.entity), outbox }
  })
}

async function openImport(page: Page, councilId: string): Promise<void> {
  await page.goto(`/moeder/ny?raad=${councilId}`)
  const entry = page.getByRole('link', { name: /Importér dagsorden fra tekst/ })
  await entry.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Importér dagsorden' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Trin 1 af 3 Indsæt teksten' })).toBeVisible()
}

const textField = (page: Page) => page.getByRole('textbox', { name: 'Teksten fra dagsordenen eller referatet' })
const item = (page: Page, number: number) => page.getByRole('group', { name: `Punkt ${number}`, exact: true })

test('a secretary pastes an agenda, checks it, fixes titles and saves a draft meeting, by keyboard only', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  await openImport(page, councilId)
  await runA11yKit(page, 'import step 1')

  await textField(page).focus()
  await page.keyboard.insertText(readFileSync(AGENDA_FILE, 'utf8'))
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Eller vælg en tekstfil')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Læs teksten' })).toBeFocused()
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 2, name: 'Trin 2 af 3 Tjek og ret' })).toBeVisible()
  await expect(page.getByText('Vi fandt en dagsorden med 5 punkter.')).toBeVisible()
  await expect(page.getByText('Mødet bliver gemt som kladde.')).toBeVisible()
  await expect(page.getByRole('group', { name: /^Punkt \d+$/ })).toHaveCount(5)
  await expect(page.getByRole('textbox', { name: 'Mødets navn' })).toHaveValue('Møde i Brugerrådet på Bostedet Egebo')
  await expect(page.getByLabel('Dato')).toHaveValue('2027-01-14')
  await expect(page.getByRole('textbox', { name: 'Starter kl.' })).toHaveValue('13:30')
  await expect(page.getByRole('textbox', { name: 'Sted' })).toHaveValue('Fælleshuset, Egebo')
  await expect(item(page, 2).getByRole('textbox', { name: 'Journalnummer' })).toHaveValue('29.09.00-A00-1-27')
  await expect(item(page, 2).getByRole('listitem')).toHaveText(['Forslag til ny madordning', 'Billedmenu - eksempel'])
  // The text names another council than the one it is saved in: the secretary is told.
  await expect(page.getByText('Mødet bliver gemt i »Brugerrådet på Solbakken«')).toBeVisible()
  // Not the whole kit: its Tab walk takes the date field's day, month and year stops (Chromium)
  // for a trap. The keyboard path through that field is checked by hand right here instead.
  await expectNoAxeViolations(page, 'import step 2')
  await expectTargetSizes(page)
  await expectReflowAt320(page)
  await expectTextSpacingSurvives(page)
  const date = page.getByLabel('Dato')
  await date.focus()
  // Day, month, year and the calendar button: four stops, then on to the next field.
  for (let press = 0; press < 4; press++) {
    await expect(date).toBeFocused()
    await page.keyboard.press('Tab')
  }
  await expect(page.getByRole('textbox', { name: 'Starter kl.' })).toBeFocused()

  // A title emptied by mistake is caught before anything is saved; the summary leads to it.
  const foodTitle = item(page, 2).getByRole('textbox', { name: 'Overskrift' })
  await foodTitle.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  await page.getByRole('button', { name: 'Gem mødet' }).focus()
  await page.keyboard.press('Enter')
  const summary = page.locator('.error-summary')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText(['Skriv en overskrift til punkt 2'])
  await expect(foodTitle).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page, 'import step 2 with an error')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(foodTitle).toBeFocused()
  await page.keyboard.type('Ny madordning')

  await page.getByRole('button', { name: 'Gem mødet' }).focus()
  await page.keyboard.press('Enter')

  await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Trin 3 af 3' })).toContainText('Mødet er gemt som kladde med 5 punkter. Skriv nu de lette tekster.')
  const agenda = page.getByRole('region', { name: 'Dagsorden' }).getByRole('listitem')
  await expect(agenda).toHaveCount(5)
  await expect(agenda.nth(1)).toContainText('Ny madordning')
  await expect(page.getByText('Mødet er en kladde.')).toBeVisible()
  await expectNoAxeViolations(page, 'meeting editor after the import')

  const meetingId = /\/moeder\/([^/]+)\/rediger/.exec(page.url())![1]!
  await expect
    .poll(async () => (await serverRecords(page, councilId, 'agenda-item')).filter((i) => i.meetingId === meetingId).length)
    .toBe(5)
  const items = (await serverRecords(page, councilId, 'agenda-item')).filter((i) => i.meetingId === meetingId)
  expect(items.sort((a, b) => Number(a.position) - Number(b.position)).map((i) => [i.position, i.title, i.easyText])).toEqual([
    [1, 'Godkendelse af dagsorden', ''],
    [2, 'Ny madordning', ''],
    [3, 'Sommerturen 2027', ''],
    [4, 'Valg til brugerrådet i foråret', ''],
    [5, 'Eventuelt', ''],
  ])
  const meeting = (await serverRecords(page, councilId, 'meeting')).find((m) => m.title === 'Møde i Brugerrådet på Bostedet Egebo' && m.date === '2027-01-14')
  expect(meeting).toMatchObject({ startTime: '13:30', place: 'Fælleshuset, Egebo', published: false, minutesPublished: false })
})

test('a secretary chooses a minutes file saved as Windows-1252, goes back, and saves it', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  await openImport(page, councilId)
  const file = page.getByLabel('Eller vælg en tekstfil')

  await file.setInputFiles(AGENDA_FILE.pathname)
  await expect(page.getByRole('status').filter({ hasText: 'dagsorden-brugerraadet-egebo.txt' })).toContainText('står nu i feltet')
  await expect(textField(page)).toHaveValue(/^DAGSORDEN Brugerrådet på Bostedet Egebo/)

  const latin1 = Buffer.from(readFileSync(MINUTES_FILE, 'utf8'), 'latin1')
  await file.setInputFiles({ name: 'referat.txt', mimeType: 'text/plain', buffer: latin1 })
  await expect(textField(page)).toHaveValue(/^REFERAT Centerrådet for Længerevarende Boformer/)
  await page.getByRole('button', { name: 'Læs teksten' }).click()

  await expect(page.getByText('Vi fandt et referat med 6 punkter.')).toBeVisible()
  await expect(page.getByLabel('Dato')).toHaveValue('2026-11-03')
  await expect(page.getByRole('textbox', { name: 'Afbud' })).toHaveValue('Én pårørenderepræsentant')
  await expect(item(page, 24).getByRole('checkbox', { name: 'Lukket punkt' })).toBeChecked()
  await expect(item(page, 22).getByRole('checkbox', { name: 'Lukket punkt' })).not.toBeChecked()
  await expect(item(page, 22)).toContainText('Taget til efterretning. Centerrådet ønsker')
  await item(page, 22).getByText('Fuld tekst (4 afsnit)').click()
  await expect(item(page, 22).getByRole('heading', { name: 'Sagsfremstilling' })).toBeVisible()
  await expectNoAxeViolations(page, 'import step 2, minutes, full text open')

  // Back keeps the text, and reading it again gives the same preview.
  await page.getByRole('button', { name: 'Tilbage' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Trin 1 af 3 Indsæt teksten' })).toBeVisible()
  await expect(textField(page)).toHaveValue(/^REFERAT Centerrådet for Længerevarende Boformer/)
  await page.getByRole('button', { name: 'Læs teksten' }).click()
  await item(page, 25).getByRole('textbox', { name: 'Overskrift' }).fill('Nyt fra husene')
  await page.getByRole('button', { name: 'Gem mødet' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
  await expect(page.getByText('Mødet er gemt som kladde med 6 punkter.')).toBeVisible()
  const agenda = page.getByRole('region', { name: 'Dagsorden' }).getByRole('listitem')
  await expect(agenda).toHaveCount(6)
  await expect(agenda.nth(3)).toContainText('Klagesag')
  await expect(agenda.nth(3)).toContainText('Lukket punkt')
  await expect(agenda.nth(4)).toContainText('Nyt fra husene')
})

test('a text that is not an agenda gets a clear message, keeps the text and saves nothing', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  await page.goto('/moeder/importer')
  await expect(page.getByText('Kun rådets medarbejdere kan importere en dagsorden.')).toBeVisible()
  await expectNoAxeViolations(page, 'import without a council')

  await openImport(page, councilId)
  await page.getByRole('button', { name: 'Læs teksten' }).click()
  await expect(page.locator('.error-summary')).toBeFocused()
  await expect(page.locator('.error-summary').getByRole('link')).toHaveText(['Feltet er tomt. Sæt teksten fra dagsordenen ind, eller vælg en tekstfil.'])

  const shopping = 'Indkøbsliste\n\nMælk\nRugbrød\n2 kg kartofler\nKaffe\n\nHusk: Punkt 3 på listen er vigtigst.'
  await textField(page).fill(shopping)
  await page.getByRole('button', { name: 'Læs teksten' }).click()

  const summary = page.locator('.error-summary')
  await expect(summary).toBeFocused()
  const message = 'Vi kunne ikke finde nogen punkter i teksten. Tjek at du har sat hele dagsordenen ind, med linjer som »Punkt 1: …«.'
  await expect(summary.getByRole('link')).toHaveText([message])
  await expect(textField(page)).toHaveAttribute('aria-invalid', 'true')
  await expect(textField(page)).toHaveValue(shopping)
  await expect(page.getByRole('heading', { level: 2, name: 'Trin 1 af 3 Indsæt teksten' })).toBeVisible()
  await expectNoAxeViolations(page, 'import step 1 with a text that is not an agenda')

  await summary.getByRole('link').click()
  await expect(textField(page)).toBeFocused()
  // Every change a device makes goes through its outbox: nothing there, nothing saved, now or
  // later. (The server's list is not compared: other tests add meetings to the same council.)
  expect(await ownWrites(page)).toEqual({ pending: [], outbox: 0 })
})
