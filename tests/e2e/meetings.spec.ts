import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations, runA11yKit } from './a11y/kit.js'
import { waitForServiceWorker } from './helpers.js'
import { spokenSoFar, stubSpeech } from './speech-stub.js'
import { addItem, createMeeting, serverRecords, signInAsSecretary } from './sync-helpers.js'

async function openSolbakken(page: Page): Promise<void> {
  // A first visit: the start page offers the councils to choose from.
  await page.goto('/moeder')
  await page.getByRole('region', { name: 'Vælg dit råd' }).getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
}

test.describe('a resident follows the council to a meeting and reads it', () => {
  test('the next meeting: date card, easy-read cards, read aloud, Læs mere, print and calendar', async ({ page }) => {
    await stubSpeech(page, [{ lang: 'da-DK', name: 'Dansk' }])
    await openSolbakken(page)
    const next = page.getByRole('region', { name: 'Næste møde' })
    await expect(next.getByRole('heading', { name: 'Møde i brugerrådet' })).toBeVisible()
    await // Other tests add meetings to the same council while this runs: open the demo's by its title.
    await next.getByRole('link', { name: /Se dagsordenen.*Møde i brugerrådet/ }).click()

    await expect(page.getByRole('heading', { level: 1, name: 'Møde i brugerrådet' })).toBeVisible()
    await expect(page.getByText(/^(Mandag|Tirsdag|Onsdag|Torsdag|Fredag|Lørdag|Søndag) \d{1,2}\. \w+ \d{4}$/)).toBeVisible()
    await expect(page.getByText('kl. 13.30 til 15.00')).toBeVisible()
    const food = page.getByRole('article', { name: /Maden i huset/ })
    await expect(food).toContainText('Køkkenet vil høre, hvad I synes om maden.')
    await expect(food).toContainText('Tænk over: Hvad synes du om maden?')
    await expect(food).toContainText('Cirka 20 minutter')
    await expect(food.locator('img[src="/pictograms/food.svg"]')).toBeVisible()
    // The closed item is for the council's members only: the public sees its place and number
    // (as on the secretary's handout), nothing of what it is about.
    await expect(page.getByText('En beboers sag')).toHaveCount(0)
    const closed = page.getByRole('article', { name: 'Punkt 6: Lukket punkt' })
    await expect(closed).toContainText('Kun rådets medlemmer kan se, hvad punktet handler om.')
    await expect(closed.getByText('Læs mere')).toHaveCount(0)
    // A padlock where the other cards have their picture, the size of theirs.
    const lock = (await closed.locator('svg').first().boundingBox())!
    const picture = (await food.locator('img[src="/pictograms/food.svg"]').boundingBox())!
    expect([Math.round(lock.width), Math.round(lock.height)]).toEqual([Math.round(picture.width), Math.round(picture.height)])
    await expect(page.getByRole('article', { name: 'Punkt 7: Eventuelt' })).toBeVisible()
    await runA11yKit(page, 'meeting page')
    await closed.getByRole('button', { name: 'Læs op: Lukket punkt' }).click()
    expect((await spokenSoFar(page)).at(-1)).toBe('da-DK Dansk: 6. Lukket punkt. Kun rådets medlemmer kan se, hvad punktet handler om.')
    await closed.getByRole('button', { name: 'Stop oplæsning: Lukket punkt' }).click()

    await food.getByRole('button', { name: 'Læs op: Maden i huset' }).click()
    const spoken = await spokenSoFar(page)
    expect(spoken.at(-1)).toMatch(/^da-DK Dansk: 3\. Maden i huset\. Køkkenet vil høre.*Tænk over: Hvad synes du om maden\?$/)
    await expect(food.getByRole('button', { name: 'Stop oplæsning: Maden i huset' })).toBeVisible()

    await food.getByText('Læs mere').click()
    await expect(food.getByRole('heading', { name: 'Resumé' })).toBeVisible()
    // Open, it says how to close it again, and closes.
    const less = food.getByText('Læs mindre')
    await expect(less).toBeVisible()
    await expect(food.getByText('Læs mere')).toBeHidden()
    await expect(food).toContainText('Menuplan for januar og februar')
    await runA11yKit(page, 'meeting page, Læs mere open')
    await less.click()
    await expect(food.getByRole('heading', { name: 'Resumé' })).toBeHidden()
    await expect(food.getByText('Læs mere')).toBeVisible()

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Sæt mødet i din kalender' }).click()
    const file = await download
    const ics = await (await file.createReadStream()).toArray()
    const calendar = Buffer.concat(ics).toString('utf8')
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(calendar).toContain('SUMMARY:Møde i brugerrådet\r\n')
    expect(calendar).toMatch(/DTSTART;TZID=Europe\/Copenhagen:\d{8}T133000\r\n/)

    await page.getByRole('link', { name: 'Udskriv' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Udskriv møde' })).toBeVisible()
    await runA11yKit(page, 'print view')
    // This device has only the closed item's place: nothing to ask, it is left out and counted,
    // and the numbers are the agenda's, as on the secretary's handout.
    await expect(page.getByRole('group', { name: 'Hvem er udskriften til?' })).toHaveCount(0)
    const handout = page.getByRole('article')
    await expect(handout.getByRole('heading', { level: 3 })).toHaveText(['1. Velkommen', '2. Dagsordenen', '3. Maden i huset', '4. Sommerturen', '5. Efterårets aktiviteter', '7. Eventuelt'])
    // Said before the list, so the missing 6 is explained before the reader gets to it.
    const leftOut = handout.getByText('Et lukket punkt er ikke med, fordi det kun er for rådets medlemmer.')
    expect((await leftOut.boundingBox())!.y).toBeLessThan((await handout.getByRole('heading', { level: 3, name: '1. Velkommen' }).boundingBox())!.y)
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('heading', { level: 3, name: '3. Maden i huset' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Udskriv' })).toBeHidden()
    await expect(page.locator('.app-header')).toBeHidden()
  })

  test('a link to the meeting opens on a device that has never seen the council', async ({ page, browser }) => {
    await openSolbakken(page)
    const href = await page.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen.*Møde i brugerrådet/ }).getAttribute('href')
    const fresh = await browser.newContext({ locale: 'da-DK' })
    const phone = await fresh.newPage()
    await phone.goto(href!)
    await expect(phone.getByRole('heading', { level: 1, name: 'Møde i brugerrådet' })).toBeVisible()
    await expect(phone.getByRole('article', { name: /Maden i huset/ })).toBeVisible()
    await phone.goto('/moeder/01a20a00-0000-7000-8000-000000000000')
    await expect(phone.getByText('Vi kan ikke finde mødet. Måske er det ikke offentligt endnu.')).toBeVisible()
    await fresh.close()
  })

  test('"Sæt mødet i din kalender" tapped before the phone has had a quiet moment still gives the file, also offline', async ({ page, context }) => {
    await openSolbakken(page)
    const href = await page.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen.*Møde i brugerrådet/ }).getAttribute('href')
    // A phone still busy after the page came: the file, made when it is idle, is not there yet,
    // and the link points at the server's copy of it.
    await page.addInitScript(() => Object.assign(window, { requestIdleCallback: () => 0 }))
    await page.goto(href!)
    const add = page.getByRole('link', { name: 'Sæt mødet i din kalender' })
    await expect(page.getByRole('button', { name: 'Kopiér adressen' })).toBeEnabled()
    await expect(add).toHaveAttribute('href', /^\/api\/meetings\/[0-9a-f-]{36}\/calendar\.ics$/)
    // Offline, so the file can only be the one the device makes as the link is tapped.
    await context.setOffline(true)
    const download = page.waitForEvent('download')
    await add.click()
    const calendar = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8')
    expect(calendar).toContain('SUMMARY:Møde i brugerrådet\r\n')
    await expect(add).toHaveAttribute('href', /^blob:/)
    await context.setOffline(false)
  })

  test('the earlier meeting shows each decision with a symbol and a word', async ({ page }) => {
    await openSolbakken(page)
    await page.getByRole('region', { name: 'Tidligere møder' }).getByRole('link', { name: /Se referatet/ }).click()
    await expect(page.getByText('Referat', { exact: true })).toBeVisible()
    const garden = page.getByRole('article', { name: /Haven/ })
    await expect(garden).toContainText('Besluttet')
    await expect(garden.locator('svg')).not.toHaveCount(0)
    await expect(garden).toContainText('Vi får nye bede i haven.')
    await expect(page.getByRole('article', { name: /Penge til fester/ })).toContainText('Udsat')
    await expect(page.getByRole('article', { name: /Rygning på altanerne/ })).toContainText('Drøftet')
    await expect(page.getByRole('article', { name: /Nyt fra lederen/ })).toContainText('Orientering')
    await runA11yKit(page, 'minutes')
  })

  test('after Gem til offline the meeting still reads with no connection', { tag: '@service-worker' }, async ({ page, context }) => {
    await openSolbakken(page)
    await page.getByRole('button', { name: 'Gem til offline' }).click()
    await expect(page.getByRole('region', { name: 'Næste møde' }).getByRole('heading', { name: 'Møde i brugerrådet' })).toBeVisible()
    await waitForServiceWorker(page)
    // The agenda's pictures are kept as its items arrive, before anyone opens the agenda.
    await expect
      .poll(() => page.evaluate(async () => Boolean(await (await caches.open('pictograms')).match('/pictograms/trip.svg'))))
      .toBe(true)

    await context.setOffline(true)
    await page.goto('/moeder')
    await page.getByRole('link', { name: /Se dagsordenen.*Møde i brugerrådet/ }).first().click()
    await expect(page.getByRole('article', { name: /Sommerturen/ })).toContainText('Der er tre forslag.')
    await expect(page.getByRole('article', { name: /Sommerturen/ }).locator('img[src="/pictograms/trip.svg"]')).toBeVisible()
    // The pictogram itself comes from the device, not the network.
    expect(await page.evaluate(async () => (await fetch('/pictograms/trip.svg')).ok)).toBe(true)
    await context.setOffline(false)
  })
})

test('a secretary writes an easy-read item, sees the LIX band change, adds a pictogram and publishes', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  await page.goto(`/raad/${councilId}`)
  await page.getByRole('link', { name: 'Nyt møde' }).click()
  await page.getByRole('textbox', { name: 'Mødets navn' }).fill('Ekstra møde om haven')
  await page.getByLabel('Dato').fill('2030-05-02')
  await page.getByRole('textbox', { name: 'Starter kl.' }).fill('10.00')
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  await page.getByRole('link', { name: 'Tilføj punkt' }).click()

  await page.getByRole('textbox', { name: 'Overskrift', exact: true }).fill('Etablering af højbede i gårdhaven')
  const easy = page.getByRole('textbox', { name: 'Let tekst' })
  await easy.fill('Forvaltningen foreslår etablering af højbede, f.eks. ved den sydvendte facade, hvilket forudsætter budgetmæssig prioritering.')
  const helper = page.locator('#item-easy-text-help')
  await expect(helper).toContainText(/Meget svær|Svær/)
  await expect(helper).toContainText('Skriv »for eksempel« i stedet for »f.eks.«')
  await helper.getByRole('button', { name: 'Skriv »for eksempel«' }).click()
  await expect(easy).toHaveValue(/for eksempel ved den/)
  await easy.fill('Vi vil lave nye bede i haven. Vil du hjælpe?')
  await expect(helper).toContainText(/Meget let|Let/)
  await expect(page.getByText(/Teksten er nu: (Meget let|Let)/)).toBeAttached()

  await page.getByRole('searchbox', { name: 'Søg efter et billede' }).fill('have')
  await page.getByRole('radio', { name: 'Have', exact: true }).check()
  await expect(page.getByText('Valgt billede: Have')).toBeVisible()
  await runA11yKit(page, 'item editor')
  await page.getByRole('button', { name: 'Gem punktet' }).click()

  await page.getByRole('button', { name: 'Offentliggør dagsordenen' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Dagsordenen er offentliggjort.' })).toBeVisible()
  // Minutes before the meeting, with an item still undecided: the secretary is shown both first.
  await page.getByRole('button', { name: 'Offentliggør referatet' }).click()
  const check = page.getByRole('group', { name: 'Tjek referatet' })
  await expect(check).toBeFocused()
  await expect(check).toContainText('Mødet er ikke holdt endnu.')
  await expect(check).toContainText('Ét punkt har ingen beslutning:')
  await expect(check.getByRole('listitem')).toHaveCount(1)
  await expect(check.getByRole('listitem')).toContainText('Etablering af højbede i gårdhaven')
  // Straight to the item that lacks its decision.
  const fix = check.getByRole('link', { name: 'Ret punktet: Etablering af højbede i gårdhaven' })
  await expect(fix).toHaveText('Ret punktet')
  await runA11yKit(page, 'minutes check')
  await fix.click()
  await expect(page.getByRole('textbox', { name: 'Overskrift', exact: true })).toHaveValue('Etablering af højbede i gårdhaven')
  await page.goBack()
  await page.getByRole('button', { name: 'Offentliggør referatet' }).click()
  await check.getByRole('button', { name: 'Vent, jeg retter først' }).click()
  await expect(check).toBeHidden()
  await page.getByRole('link', { name: 'Se mødet, som beboerne ser det' }).click()
  const card = page.getByRole('article', { name: /Etablering af højbede|Vi vil lave nye bede/ })
  await expect(card).toContainText('Vi vil lave nye bede i haven. Vil du hjælpe?')
  await expect(card.locator('img[src="/pictograms/garden.svg"]')).toBeVisible()
})

test('what a secretary typed but did not save is still there after leaving the page', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  await page.goto(`/raad/${councilId}`)
  await page.getByRole('link', { name: 'Nyt møde' }).click()
  await page.getByRole('textbox', { name: 'Mødets navn' }).fill('Møde med kladde')
  await page.getByLabel('Dato').fill('2030-06-06')
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  await page.getByRole('link', { name: 'Tilføj punkt' }).click()
  await page.getByRole('textbox', { name: 'Overskrift', exact: true }).fill('Julefrokost')
  await page.getByRole('textbox', { name: 'Let tekst' }).fill('Vi holder julefrokost i december.')

  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Møder' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
  await page.goBack()
  await expect(page.getByText('Vi har hentet det, du skrev sidst, men ikke gemte.')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Overskrift', exact: true })).toHaveValue('Julefrokost')
  await expect(page.getByRole('textbox', { name: 'Let tekst' })).toHaveValue('Vi holder julefrokost i december.')

  await page.getByRole('button', { name: 'Gem punktet' }).click()
  await page.getByRole('link', { name: 'Tilføj punkt' }).click()
  await expect(page.getByRole('textbox', { name: 'Overskrift', exact: true })).toHaveValue('')
})

// The server takes years 1900–2199 only (MeetingData.date). A meeting with another year, or one
// ending before it starts, was saved on the device and then refused: the form must stop it.
const YEAR_MESSAGE = 'Skriv en dato mellem år 1900 og 2199. Tjek årstallet.'
const END_MESSAGE = 'Sluttid: mødet skal slutte efter, det starter. Ret tiden, eller lad feltet være tomt.'

test('Nyt møde and Ret møde refuse a year the server refuses and an end before the start, and save nothing until it is right', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  const title = `Møde i år 3000 ${Date.now()}`
  await page.goto(`/raad/${councilId}`)
  await page.getByRole('link', { name: 'Nyt møde' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nyt møde' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Mødets navn' }).fill(title)
  // The year slips to 3000. (Filled, not typed: the order of the field's day, month and year
  // follows the browser's own locale, not the page's.)
  const date = page.getByLabel('Dato')
  await date.fill('3000-01-14')
  const start = page.getByRole('textbox', { name: 'Starter kl.' })
  const end = page.getByRole('textbox', { name: 'Slutter kl.' })
  await start.fill('14.00')
  await end.fill('13.00')
  // The end time's example is an end time, not the start time's 13.30 again.
  await expect(end).toHaveAccessibleDescription('Skriv timer og minutter, for eksempel 15.00')
  await page.getByRole('button', { name: 'Gem mødet' }).click()

  const summary = page.locator('.error-summary')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText([YEAR_MESSAGE, END_MESSAGE])
  await expect(date).toHaveAttribute('aria-invalid', 'true')
  await expect(date).toHaveAccessibleDescription(`Fejl: ${YEAR_MESSAGE}`)
  await expect(end).toHaveAttribute('aria-invalid', 'true')
  await expect(end).toHaveAccessibleDescription(`Skriv timer og minutter, for eksempel 15.00 Fejl: ${END_MESSAGE}`)
  await expect(start).not.toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page, 'new meeting with a wrong year and end')
  await expect(page.getByRole('heading', { level: 1, name: 'Nyt møde' })).toBeVisible()

  // A year typed with a digit too few (0201) is refused the same way.
  await date.fill('0201-05-01')
  await end.fill('15.30')
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  await expect(summary.getByRole('link')).toHaveText([YEAR_MESSAGE])
  await summary.getByRole('link').click()
  await expect(date).toBeFocused()

  // Nothing was saved, on the device or on the server, and nothing waits to be refused.
  // The council's page lists every meeting this device holds, drafts and earlier ones too.
  await page.goto(`/raad/${councilId}`)
  await expect(page.getByRole('link', { name: 'Nyt møde' })).toBeVisible()
  await expect(page.getByText(title)).toHaveCount(0)
  expect((await serverRecords(page, councilId, 'meeting')).filter((m) => m.title === title)).toEqual([])
  await page.goto('/mig/afviste')
  await expect(page.getByText('Alt du har skrevet, er modtaget.')).toBeVisible()

  // Put right, it is saved; then Ret møde holds the same rules and keeps the saved meeting.
  await page.goto(`/moeder/ny?raad=${councilId}`)
  await expect(page.getByRole('textbox', { name: 'Mødets navn' })).toHaveValue(title)
  await date.fill('2030-01-14')
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
  const saved = async () => (await serverRecords(page, councilId, 'meeting')).find((m) => m.title === title)
  await expect.poll(async () => (await saved())?.endTime).toBe('15:30')
  expect(await saved()).toMatchObject({ date: '2030-01-14', startTime: '14:00', endTime: '15:30' })

  await date.fill('3000-01-14')
  await end.fill('13.00')
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText([YEAR_MESSAGE, END_MESSAGE])
  await expect(page.getByRole('status').filter({ hasText: 'Mødet er gemt på denne enhed.' })).toHaveCount(0)
  await page.goto('/mig/afviste')
  await expect(page.getByText('Alt du har skrevet, er modtaget.')).toBeVisible()
  expect(await saved()).toMatchObject({ date: '2030-01-14', startTime: '14:00', endTime: '15:30' })
})

// The server takes at most 300 characters of heading and 1,000 of easy-read text (AgendaItemData).
// Longer texts were saved on the device and refused later, with no field marked: the editor must
// stop them, keep what was typed, and say at the field what to do.
test('Ret punkt refuses texts longer than the server takes, keeps them, and saves once they are shortened', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  await createMeeting(page, councilId, `Møde med lange tekster ${Date.now()}`)
  const original = `Maden i huset ${Date.now()}`
  await addItem(page, original, 'Vi taler om maden.')
  await expect(page.getByRole('status').filter({ hasText: 'Alt er sendt.' })).toBeVisible({ timeout: 20_000 })
  // By its own title: the council's demo meeting has an item called "Maden i huset" too.
  const onServer = async () => (await serverRecords(page, councilId, 'agenda-item')).find((item) => item.title === original)
  await expect.poll(async () => (await onServer())?.title, { timeout: 20_000 }).toBe(original)
  const itemId = (await onServer())!.id

  await page.getByRole('link', { name: `Ret: ${original}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ret punkt' })).toBeVisible()
  // By id: a section's heading is also labelled Overskrift.
  const title = page.locator('#item-title')
  const easy = page.getByRole('textbox', { name: 'Let tekst' })
  const longTitle = 'Overskrift '.repeat(90).slice(0, 900)
  const longEasy = 'Vi taler om maden. '.repeat(500).slice(0, 9200)
  await title.fill(longTitle)
  await easy.fill(longEasy)
  await page.getByText(/Vis den oprindelige tekst/).click()
  await page.getByRole('button', { name: 'Tilføj afsnit' }).click()
  const heading = page.locator('#section-heading-0')
  await heading.fill('h'.repeat(201))
  const attachments = page.getByRole('textbox', { name: 'Bilag' })
  await attachments.fill(`Bilag 1\n${'b'.repeat(301)}`)
  await page.getByRole('button', { name: 'Gem punktet' }).click()

  const TITLE_MESSAGE = 'Overskriften må højst være 300 tegn. Den er 900 tegn nu.'
  const EASY_MESSAGE = 'Den lette tekst må højst være 1.000 tegn. Den er 9.200 tegn nu.'
  const HEADING_MESSAGE = 'Overskriften i afsnit 1 må højst være 200 tegn. Den er 201 tegn nu.'
  const ATTACHMENT_MESSAGE = 'Bilag nummer 2 må højst være 300 tegn. Det er 301 tegn nu.'
  const summary = page.locator('.error-summary')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText([TITLE_MESSAGE, EASY_MESSAGE, HEADING_MESSAGE, ATTACHMENT_MESSAGE])
  await expect(title).toHaveAttribute('aria-invalid', 'true')
  await expect(title).toHaveAccessibleDescription(`Overskriften fra dagsordenen. Fejl: ${TITLE_MESSAGE}`)
  await expect(easy).toHaveAttribute('aria-invalid', 'true')
  await expect(heading).toHaveAccessibleDescription(`Fejl: ${HEADING_MESSAGE}`)
  await expect(attachments).toHaveAccessibleDescription(`Ét bilag på hver linje. Fejl: ${ATTACHMENT_MESSAGE}`)
  await expect(page.getByRole('textbox', { name: 'Let overskrift' })).not.toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page, 'item editor with too-long texts')
  // Nothing typed is lost, and the editor stays open.
  await expect(page.getByRole('heading', { level: 1, name: 'Ret punkt' })).toBeVisible()
  await expect(title).toHaveValue(longTitle)
  await expect(easy).toHaveValue(longEasy)
  await summary.getByRole('link', { name: HEADING_MESSAGE }).click()
  await expect(heading).toBeFocused()
  // Nothing was saved: the server still has the item as it was.
  expect((await serverRecords(page, councilId, 'agenda-item')).find((item) => item.id === itemId)).toMatchObject({ title: original, easyText: 'Vi taler om maden.' })

  // Shortened, it is saved and received.
  await title.fill('Maden i huset')
  await easy.fill('Vi taler om maden. Hvad synes du?')
  await heading.fill('Indstilling')
  await attachments.fill('Bilag 1\nBilag 2')
  await page.getByRole('button', { name: 'Gem punktet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
  await expect.poll(async () => (await serverRecords(page, councilId, 'agenda-item')).find((item) => item.id === itemId)?.title, { timeout: 20_000 }).toBe('Maden i huset')
  expect((await serverRecords(page, councilId, 'agenda-item')).find((item) => item.id === itemId)).toMatchObject({
    easyText: 'Vi taler om maden. Hvad synes du?',
    sections: [{ kind: 'other', heading: 'Indstilling', text: '' }],
    attachments: ['Bilag 1', 'Bilag 2'],
  })
  await page.goto('/mig/afviste')
  await expect(page.getByText('Alt du har skrevet, er modtaget.')).toBeVisible()
})
