import { devices, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { expectNoAxeViolations, expectReflowAt320, runA11yKit } from './a11y/kit.js'
import { ADMIN, signInAsStaff } from './admin-helpers.js'
import { chooseSettings } from './helpers.js'
import { startOwnServer, tempDir, type OwnServer } from './own-server.js'

// Filling in the statement changes what every visitor sees, so this runs on a server of its own
// and leaves the shared one with the statement not filled in.
let server: OwnServer
test.beforeAll(async () => {
  server = await startOwnServer({ DATA_DIR: tempDir('statement') })
})
test.afterAll(async () => {
  await server.stop()
})

const open = (browser: Browser): Promise<BrowserContext> => browser.newContext({ ...devices['Pixel 7'], baseURL: server.url, locale: 'da-DK' })
const COMPLAINT_URL = 'https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/'

/**
 * A date `days` from today in Denmark, as the form takes it (dag-måned-år) and as the statement
 * shows it. Both from the Copenhagen calendar: from shortly before midnight UTC the two differ by
 * a day, and the test failed in CI at 23:50 UTC.
 */
function day(days: number): { typed: string; shown: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.now() + days * 24 * 60 * 60 * 1000))
    .split('-')
    .map(Number)
  const [year, month, date] = parts as [number, number, number]
  return {
    typed: `${date}-${month}-${year}`,
    shown: new Date(Date.UTC(year, month - 1, date, 12)).toLocaleDateString('da-DK', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }),
  }
}

async function openStatement(page: Page): Promise<void> {
  await page.goto('/hjaelp')
  await page.getByRole('contentinfo').getByRole('link', { name: 'Tilgængelighedserklæring' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tilgængelighedserklæring' })).toBeVisible()
}

test('until the municipality fills it in, the statement says which parts are missing; an administrator fills them in', async ({ browser }) => {
  test.setTimeout(120_000)
  const visitorContext = await open(browser)
  const visitor = await visitorContext.newPage()
  await openStatement(visitor)
  const missing = visitor.getByRole('region', { name: 'Kommunen har ikke udfyldt det hele endnu' })
  await expect(missing.getByRole('listitem')).toHaveText([
    'Hvem erklæringen er fra',
    'Hvor tilgængelig appen er',
    'Det, der ikke er tilgængeligt',
    'Sådan er appen vurderet',
    'Hvornår erklæringen sidst er gennemgået',
    'Kontakt med e-mail og telefon',
  ])
  // Only an administrator is offered the way to fill it in.
  await expect(missing.getByRole('link')).toHaveCount(0)
  await expect(visitor.getByRole('region', { name: 'Hvem erklæringen er fra' })).toContainText('Kommunen har ikke udfyldt det endnu.')
  await expect(visitor.getByRole('region', { name: 'Hvem erklæringen er fra' })).toContainText(`Erklæringen gælder for Brugerstemme på ${server.url}.`)
  await expect(visitor.getByRole('link', { name: 'Læs loven på Retsinformation' })).toHaveAttribute('href', 'https://www.retsinformation.dk/eli/lta/2018/692')
  await expect(visitor.getByRole('region', { name: 'Klag til Digitaliseringsstyrelsen' }).getByRole('link', { name: 'Sådan henvender du dig til Digitaliseringsstyrelsen' })).toHaveAttribute('href', COMPLAINT_URL)
  await runA11yKit(visitor, 'accessibility statement not filled in')

  const adminContext = await open(browser)
  const admin = await adminContext.newPage()
  await signInAsStaff(admin, ADMIN)
  await openStatement(admin)
  await admin.getByRole('link', { name: 'Udfyld erklæringen' }).click()
  await expect(admin.getByRole('heading', { level: 1, name: 'Udfyld tilgængelighedserklæringen' })).toBeVisible()
  await expect(admin.getByRole('status').filter({ hasText: 'Det mangler stadig:' }).getByRole('listitem')).toHaveCount(6)

  const future = day(10)
  const reviewed = day(-7)
  await admin.getByRole('textbox', { name: 'Myndighedens navn' }).fill('Egebo Kommune')
  await admin.getByRole('radio', { name: 'Appen overholder standarden delvist. Det, der ikke virker, står herunder.' }).check()
  await admin.getByRole('textbox', { name: 'Indhold, der ikke er tilgængeligt' }).fill('Optagne oplæsninger har ingen tekst ved siden af.\nKort over mødestedet har ingen beskrivelse.')
  await admin.getByRole('radio', { name: 'Kommunen har selv vurderet appen.' }).check()
  await admin.getByRole('textbox', { name: 'Dato for sidste gennemgang' }).fill(future.typed)
  await admin.getByRole('textbox', { name: 'Afdeling, man kan kontakte' }).fill('Socialforvaltningen, Digitalisering')
  await admin.getByRole('textbox', { name: 'E-mail' }).fill('tilgaengelighed-egebo.dk')
  await admin.getByRole('textbox', { name: 'Telefon' }).fill('70 10 20 30')
  await admin.getByRole('button', { name: 'Gem erklæringen' }).click()
  const summary = admin.locator('.error-summary')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link')).toHaveText([
    'Datoen er efter i dag. Skriv den dato, hvor det skete.',
    'Skriv en e-mail, for eksempel tilgaengelighed@kommune.dk, eller lad feltet være tomt.',
  ])
  await runA11yKit(admin, 'statement editor with errors')
  // Nothing was sent: the public statement is still empty.
  expect((await (await admin.request.get(`${server.url}/api/accessibility-statement`)).json()).authority).toBe('')

  await summary.getByRole('link').first().click()
  await expect(admin.getByRole('textbox', { name: 'Dato for sidste gennemgang' })).toBeFocused()
  await admin.getByRole('textbox', { name: 'Dato for sidste gennemgang' }).fill(reviewed.typed)
  await admin.getByRole('textbox', { name: 'E-mail' }).fill('tilgaengelighed@egebo.dk')
  await admin.getByRole('button', { name: 'Gem erklæringen' }).click()
  const state = admin.getByRole('status').filter({ hasText: 'Erklæringen er gemt.' })
  await expect(state).toContainText('Alle dele er udfyldt.')
  await runA11yKit(admin, 'statement editor saved')

  await admin.goto('/admin/log')
  await expect(admin.getByRole('table').getByRole('row').nth(1)).toContainText('Rettede tilgængelighedserklæringen')

  // Everyone now reads the filled-in statement, and it stays readable without a connection.
  await openStatement(visitor)
  await expect(visitor.getByRole('region', { name: 'Kommunen har ikke udfyldt det hele endnu' })).toHaveCount(0)
  await expect(visitor.getByRole('region', { name: 'Hvem erklæringen er fra' })).toContainText(
    'Egebo Kommune har ansvaret for appen og skal gøre den tilgængelig efter loven',
  )
  await expect(visitor.getByRole('region', { name: 'Hvor tilgængelig er appen?' })).toContainText('Appen overholder standarden delvist.')
  await expect(visitor.getByRole('region', { name: 'Det, der ikke er tilgængeligt' }).getByRole('listitem')).toHaveText([
    'Optagne oplæsninger har ingen tekst ved siden af.',
    'Kort over mødestedet har ingen beskrivelse.',
  ])
  const made = visitor.getByRole('region', { name: 'Sådan er erklæringen lavet' })
  await expect(made).toContainText('Kommunen har selv vurderet appen.')
  await expect(made).toContainText(`Erklæringen blev sidst gennemgået den ${reviewed.shown}.`)
  const contact = visitor.getByRole('region', { name: 'Sig til, hvis noget ikke virker' })
  await expect(contact).toContainText('Kontakt: Socialforvaltningen, Digitalisering')
  await expect(contact.getByRole('link', { name: 'tilgaengelighed@egebo.dk' })).toHaveAttribute('href', 'mailto:tilgaengelighed@egebo.dk')
  await expect(contact.getByRole('link', { name: '70 10 20 30' })).toHaveAttribute('href', 'tel:70102030')
  await runA11yKit(visitor, 'accessibility statement filled in')

  await visitor.getByRole('contentinfo').getByRole('link', { name: 'Hjælp' }).click()
  await visitorContext.setOffline(true)
  await visitor.getByRole('contentinfo').getByRole('link', { name: 'Tilgængelighedserklæring' }).click()
  await expect(contact.getByRole('link', { name: 'tilgaengelighed@egebo.dk' })).toBeVisible()
  await expect(visitor.getByText('Vi kan ikke hente kommunens del af erklæringen')).toHaveCount(0)
  await visitorContext.setOffline(false)

  // The largest text at 320 px, in English too.
  for (const english of [false, true]) {
    for (const page of [visitor, admin]) await chooseSettings(page, { textSize: 'Størst', english })
    await visitor.setViewportSize({ width: 320, height: 640 })
    await admin.setViewportSize({ width: 320, height: 640 })
    await visitor.goto('/tilgaengelighed')
    await expect(visitor.getByRole('heading', { level: 1, name: english ? 'Accessibility statement' : 'Tilgængelighedserklæring' })).toBeVisible()
    await expect(visitor.getByRole('link', { name: 'tilgaengelighed@egebo.dk' })).toBeVisible()
    await expectNoAxeViolations(visitor, `statement, largest text, ${english ? 'English' : 'Danish'}`)
    await expectReflowAt320(visitor)
    await admin.goto('/admin/tilgaengelighed')
    await expect(admin.getByRole('heading', { level: 1, name: english ? 'Fill in the accessibility statement' : 'Udfyld tilgængelighedserklæringen' })).toBeVisible()
    await expect(admin.getByRole('textbox', { name: english ? 'Name of the public authority' : 'Myndighedens navn' })).toHaveValue('Egebo Kommune')
    await expectNoAxeViolations(admin, `statement editor, largest text, ${english ? 'English' : 'Danish'}`)
    await expectReflowAt320(admin)
  }
  await visitorContext.close()
  await adminContext.close()
})

test('the statement editor never shows blanks for a statement it could not fetch, and keeps what could not be sent', async ({ browser }) => {
  test.setTimeout(120_000)
  // A server of its own: this test publishes a statement, and the one above starts from none.
  const own = await startOwnServer({ DATA_DIR: tempDir('statement-offline') })
  const context = await browser.newContext({ ...devices['Pixel 7'], baseURL: own.url, locale: 'da-DK' })
  try {
    const admin = await context.newPage()
    await signInAsStaff(admin, ADMIN)
    const published = {
      authority: 'Egebo Kommune',
      compliance: 'partial',
      knownIssues: 'Optagne oplæsninger har ingen tekst ved siden af.',
      burden: '',
      method: 'self',
      methodNote: 'Test med tastatur og skærmlæser.',
      preparedOn: null,
      reviewedOn: '2026-01-05',
      contactUnit: 'Socialforvaltningen, Digitalisering',
      contactEmail: 'tilgaengelighed@egebo.dk',
      contactPhone: '70 10 20 30',
      wasUrl: '',
    }
    // Another administrator's save, made the way the page makes it (the server checks the origin).
    const saveElsewhere = (statement: typeof published) =>
      admin.evaluate(async (body) => {
        const response = await fetch('/api/admin/accessibility-statement', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        return response.status
      }, statement)
    expect(await saveElsewhere(published)).toBe(200)

    const authority = admin.getByRole('textbox', { name: 'Myndighedens navn' })
    const phone = admin.getByRole('textbox', { name: 'Telefon' })
    const saveButton = admin.getByRole('button', { name: 'Gem erklæringen' })
    const notFetched = admin.getByText('Vi kunne ikke hente erklæringen, som den er nu.')
    await admin.goto('/admin/tilgaengelighed')
    await expect(authority).toHaveValue('Egebo Kommune')
    await admin.getByRole('link', { name: 'Tilbage til administration' }).click()
    await expect(admin.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible()

    // The connection goes; the admin opens the statement from the admin screen.
    await context.setOffline(true)
    await admin.getByRole('main').getByRole('link', { name: /^Tilgængelighedserklæring/ }).click()
    await expect(admin.getByRole('heading', { level: 1, name: 'Udfyld tilgængelighedserklæringen' })).toBeVisible()
    // No empty form to fill in and save over the published statement, but a plain message.
    await expect(authority).toHaveCount(0)
    await expect(saveButton).toHaveCount(0)
    await expect(notFetched).toBeVisible()
    await expect(admin.getByRole('status').filter({ hasText: 'Der er ingen forbindelse, så siden kan ikke hentes.' })).toBeVisible()
    await expectNoAxeViolations(admin, 'statement editor, statement not fetched')

    // The connection returns: the statement as published comes by itself.
    await context.setOffline(false)
    await expect(authority).toHaveValue('Egebo Kommune')
    await expect(notFetched).toHaveCount(0)
    await expect(admin.getByRole('textbox', { name: 'E-mail' })).toHaveValue('tilgaengelighed@egebo.dk')

    // A change that cannot be sent stays on the device, also over a reload.
    await phone.fill('70 99 88 77')
    await context.setOffline(true)
    await saveButton.click()
    await expect(admin.locator('.error-summary')).toContainText('Der er ingen forbindelse. Det, du har skrevet, er ikke sendt, men det er ikke væk.')
    await expect(admin.getByText('Erklæringen er gemt.')).toHaveCount(0)
    await context.setOffline(false)
    // Meanwhile another administrator changes a field this admin did not touch.
    expect(await saveElsewhere({ ...published, contactUnit: 'Borgerservice' })).toBe(200)
    await admin.reload()
    await expect(phone).toHaveValue('70 99 88 77')
    await expect(admin.getByRole('status').filter({ hasText: 'Vi har hentet det, du skrev sidst, men ikke gemte.' })).toBeVisible()
    // What was not typed is the statement as it is now, not as it was when the draft was made.
    await expect(admin.getByRole('textbox', { name: 'Afdeling, man kan kontakte' })).toHaveValue('Borgerservice')
    await expect(authority).toHaveValue('Egebo Kommune')

    await saveButton.click()
    await expect(admin.getByRole('status').filter({ hasText: 'Erklæringen er gemt.' })).toBeVisible()
    await expect(admin.getByText(/Der er ingen forbindelse/)).toHaveCount(0)
    await expect(admin.getByText('Vi har hentet det, du skrev sidst, men ikke gemte.')).toHaveCount(0)
    await expectNoAxeViolations(admin, 'statement editor, kept change saved')
    const now = (await (await admin.request.get(`${own.url}/api/accessibility-statement`)).json()) as Record<string, unknown>
    expect(now).toMatchObject({ ...published, contactUnit: 'Borgerservice', contactPhone: '70 99 88 77' })
    // Saved: nothing is put back after a reload.
    await admin.reload()
    await expect(phone).toHaveValue('70 99 88 77')
    await expect(admin.getByText('Vi har hentet det, du skrev sidst, men ikke gemte.')).toHaveCount(0)

    // The server down while the browser has a network (the browser never says "online" again):
    // the page says so, fetches again when asked, and by itself a few seconds later.
    let asked = 0
    await admin.route('**/api/accessibility-statement', (route) => {
      asked++
      return route.abort('connectionrefused')
    })
    await admin.reload()
    const retry = admin.getByRole('button', { name: 'Prøv at hente igen' })
    await expect(retry).toBeVisible()
    await expect(authority).toHaveCount(0)
    await expect(notFetched).toBeVisible()
    const before = asked
    await retry.click()
    await expect.poll(() => asked).toBeGreaterThan(before)
    await expect(notFetched).toBeVisible()
    await admin.unroute('**/api/accessibility-statement')
    await expect(authority).toHaveValue('Egebo Kommune', { timeout: 20_000 })
    await expect(phone).toHaveValue('70 99 88 77')
  } finally {
    await context.close()
    await own.stop()
  }
})
