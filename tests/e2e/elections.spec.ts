import { expect, test, type Browser, type Page } from '@playwright/test'
import { deriveCardKey, parseCardCode } from '../../src/shared/elections/card.js'
import { noblePrimitives as p } from '../../src/shared/elections/noble-primitives.js'
import { toBase64url, toHex } from '../../src/shared/elections/bytes.js'
import { demoCardCodes } from '../../src/server/demo/elections.js'
import { runA11yKit } from './a11y/kit.js'
import { ADMIN, KAREN, SECRETARY, SOLBAKKEN, tabTo } from './accounts-helpers.js'
import { signInAsStaff, signInWithCard } from './admin-helpers.js'
import { ballotsOf, closeAndPublish, prepareElection, secretaryPage, staffCall } from './elections-helpers.js'
import { dumpBrowserStorage } from './accounts-helpers.js'
import { waitForServiceWorker } from './helpers.js'

/** A council of its own for each test, so open elections of parallel tests never meet. */
/** A second person's browser (staff beside the voter), with the project's address and language. */
async function otherPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  return (await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })).newPage()
}

async function adminWithOwnCouncil(browser: Browser, baseURL: string | undefined): Promise<{ staff: Page; councilId: string; name: string }> {
  const staff = await otherPage(browser, baseURL)
  await signInAsStaff(staff, { email: ADMIN.email, password: ADMIN.password })
  const name = `Prøverådet ${Date.now()}`
  const council = await staffCall<{ id: string }>(staff, 'POST', '/api/admin/councils', { name, kind: 'user-council', centre: 'Prøvecentret', description: 'Et råd til prøver.', retentionMonths: null })
  return { staff, councilId: council.id, name }
}

const cardStep = (page: Page) => page.getByRole('heading', { level: 2, name: /Trin 1 af 4/ })

async function typeCode(page: Page, code: string): Promise<void> {
  const field = page.getByLabel('Koden på dit valgkort')
  await tabTo(page, field)
  await page.keyboard.press('Control+A')
  await page.keyboard.type(code)
  await page.keyboard.press('Enter')
}

async function tick(page: Page, name: string): Promise<void> {
  await tabTo(page, page.getByRole('checkbox', { name }))
  await page.keyboard.press('Space')
}

test.describe('Elections', () => {
  test('the choice step takes the focus at once; photos that arrive later do not pull it back from where the voter tabbed', async ({ browser, page, baseURL }) => {
    const { staff, councilId } = await adminWithOwnCouncil(browser, baseURL)
    const election = await prepareElection(staff, councilId, { candidates: ['Anna Bach', 'Bo Dahl'], cards: 1, closesInMs: 3_600_000, open: true })
    // The candidates' photos and words come over a slow connection.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(`**/api/elections/${election.id}/candidates`, async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`/valg/${election.id}/stem`)
    await expect(cardStep(page)).toBeVisible()
    await typeCode(page, election.codes[0]!)
    const heading = page.getByRole('heading', { level: 2, name: /Trin 2 af 4/ })
    await expect(heading).toBeFocused()
    await tabTo(page, page.getByRole('checkbox', { name: 'Bo Dahl' }))
    const answered = page.waitForResponse(`**/api/elections/${election.id}/candidates`)
    release()
    await answered
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    await expect(page.getByRole('checkbox', { name: 'Bo Dahl' })).toBeFocused()
    await staff.context().close()
  })

  test('a voter votes by keyboard at 320 px, with axe on every step, and finds the receipt in the published list', async ({ browser, page, baseURL }) => {
    test.setTimeout(240_000)
    const { staff, councilId } = await adminWithOwnCouncil(browser, baseURL)
    // Voting closes at its announced time and not before (the server refuses an early close), so
    // the test waits for it after voting: about 15 s of steps, with room for a machine four
    // times slower.
    const election = await prepareElection(staff, councilId, { candidates: ['Anna Bach', 'Bo Dahl', 'Carl Eriksen'], cards: 2, closesInMs: 60_000, open: true })
    await page.setViewportSize({ width: 320, height: 800 })

    await page.goto(`/valg/${election.id}/stem`)
    await expect(page.getByRole('heading', { level: 1, name: 'Stem' })).toBeVisible()
    await expect(cardStep(page)).toContainText('Dit valgkort')
    await runA11yKit(page, 'ballot: the card')

    const code = election.codes[0]!
    const typo = code.startsWith('A') ? `C${code.slice(1)}` : `A${code.slice(1)}`
    await typeCode(page, typo)
    await expect(page.locator('.error-summary')).toBeFocused()
    await expect(page.locator('.error-summary')).toContainText('Koden passer ikke')
    await runA11yKit(page, 'ballot: a mistyped card')

    await typeCode(page, code.toLowerCase())
    const ballot = page.getByRole('group', { name: /Du kan vælge op til 2/ })
    await expect(ballot).toBeVisible()
    await expect(ballot.getByRole('checkbox')).toHaveCount(4)
    await runA11yKit(page, 'ballot: the choice')

    await tabTo(page, page.getByRole('button', { name: 'Videre' }))
    await page.keyboard.press('Enter')
    await expect(page.locator('.error-summary')).toContainText('Vælg mindst én')
    await runA11yKit(page, 'ballot: nothing chosen')

    await tick(page, 'Anna Bach')
    await tick(page, 'Carl Eriksen')
    await tick(page, 'Bo Dahl')
    await expect(page.getByRole('status').filter({ hasText: 'Du har valgt 2. Fjern et kryds' })).toBeVisible()
    await expect(page.getByRole('checkbox', { name: 'Bo Dahl' })).not.toBeChecked()
    await tabTo(page, page.getByRole('button', { name: 'Videre' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 2, name: 'Du har valgt' })).toBeVisible()
    await expect(page.locator('.review__name')).toHaveText(['Anna Bach', 'Carl Eriksen'])
    await runA11yKit(page, 'ballot: Tjek din stemme')

    await tabTo(page, page.getByRole('button', { name: 'Ret' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('checkbox', { name: 'Carl Eriksen' })).toBeChecked()
    await tick(page, 'Carl Eriksen')
    await tick(page, 'Bo Dahl')
    await tabTo(page, page.getByRole('button', { name: 'Videre' }))
    await page.keyboard.press('Enter')
    await expect(page.locator('.review__name')).toHaveText(['Anna Bach', 'Bo Dahl'])
    await tabTo(page, page.getByRole('button', { name: 'Afgiv stemme' }))
    await page.keyboard.press('Enter')

    await expect(page.getByRole('heading', { level: 2, name: 'Din stemme er modtaget' })).toBeVisible({ timeout: 20_000 })
    const receipt = (await page.locator('.receipt__code').textContent())!.trim()
    expect(receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    await runA11yKit(page, 'ballot: the receipt')
    expect(await ballotsOf(page, election.id, election.publicKeys[0]!)).toBe(1)

    await closeAndPublish(staff, election)
    await page.goto(`/valg/${election.id}/resultat`)
    await expect(page.getByRole('heading', { level: 1, name: 'Resultat' })).toBeVisible()
    await expect(page.getByText('Der kom 1 stemme.')).toBeVisible()
    await page.getByRole('button', { name: 'Vis som tabel' }).click()
    await expect(page.getByRole('table').getByRole('row', { name: /Anna Bach/ })).toContainText('1')
    await page.getByRole('searchbox', { name: 'Din kode' }).fill(receipt)
    await expect(page.getByRole('status').filter({ hasText: 'er på listen' })).toHaveText(`Ja! ${receipt} er på listen. Din stemme er talt med.`)
    await runA11yKit(page, 'result with the receipt found')
    await page.getByRole('button', { name: 'Kontrollér' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Alt passer' })).toBeVisible({ timeout: 30_000 })
  })

  test('a voter votes offline for a followed council; the ballot lands once when the connection returns, and storage holds no choice and no card secret', { tag: '@service-worker' }, async ({ browser, page, context, baseURL }) => {
    test.setTimeout(180_000)
    const { staff, councilId, name } = await adminWithOwnCouncil(browser, baseURL)
    const election = await prepareElection(staff, councilId, { candidates: ['Anna Bach', 'Bo Dahl'], cards: 2, closesInMs: 600_000, open: true })
    const anna = election.candidates.find((c) => c.name === 'Anna Bach')!.id

    await page.goto(`/raad/${councilId}`)
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await page.getByRole('button', { name: 'Gem til offline' }).click()
    await waitForServiceWorker(page)
    await expect.poll(async () => (await dumpBrowserStorage(page)).includes(election.id), { timeout: 30_000 }).toBe(true)
    const before = await dumpBrowserStorage(page)

    await context.setOffline(true)
    await page.goto(`/valg/${election.id}/stem`)
    await typeCode(page, election.codes[0]!)
    await tick(page, 'Anna Bach')
    await tabTo(page, page.getByRole('button', { name: 'Videre' }))
    await page.keyboard.press('Enter')
    await runA11yKit(page, 'ballot offline: Tjek din stemme')
    await tabTo(page, page.getByRole('button', { name: 'Afgiv stemme' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 2, name: 'Din stemme er klar' })).toBeVisible()
    await expect(page.getByText('Din stemme bliver sendt af sig selv, når der er net')).toBeVisible()
    await runA11yKit(page, 'ballot offline: waiting to be sent')

    const after = await dumpBrowserStorage(page)
    const parsed = parseCardCode(election.codes[0]!)
    if (!('secret' in parsed)) throw new Error(parsed.problem)
    const seed = deriveCardKey(p, parsed.secret, election.id).seed
    for (const secret of [election.codes[0]!, election.codes[0]!.replaceAll('-', ''), toHex(parsed.secret), toBase64url(parsed.secret), toHex(seed), toBase64url(seed)]) {
      expect(after, 'the card secret in any form').not.toContain(secret)
    }
    // The chosen candidate's id is in the kept manifest (with every other candidate's): voting adds it nowhere.
    const count = (text: string) => text.split(anna).length - 1
    expect(count(after)).toBe(count(before))
    expect(after).toContain('election-ballot')

    await context.setOffline(false)
    await expect(page.getByRole('heading', { level: 2, name: 'Din stemme er modtaget' })).toBeVisible({ timeout: 30_000 })
    expect(await ballotsOf(page, election.id, election.publicKeys[0]!)).toBe(1)
    await page.reload()
    await expect.poll(() => ballotsOf(page, election.id, election.publicKeys[0]!)).toBe(1)
  })

  test('the Stemmeboks kiosk resets between two voters, and Back shows nothing of the first', async ({ page }) => {
    test.setTimeout(120_000)
    await page.goto('/kiosk/start')
    await page.getByLabel('E-mail').fill(ADMIN.email)
    await page.getByLabel('Adgangskode', { exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Log ind', exact: true }).click()
    await page.getByRole('group', { name: 'Hvilket råd?' }).getByRole('radio', { name: SOLBAKKEN }).check()
    await page.getByRole('group', { name: 'Hvad skal skærmen vise?' }).getByRole('radio', { name: 'Stemmeboks' }).check()
    await page.getByRole('button', { name: 'Start skærmen' }).click()
    await expect(page.getByText('Valg til Brugerrådet på Solbakken 2026')).toBeVisible({ timeout: 20_000 })
    await runA11yKit(page, 'kiosk booth: waiting for a voter')
    // Someone on the tablet opens another address: the kiosk takes it back to itself, and the
    // history now holds the booth twice, so Back stays in the app.
    await page.goto('/moeder')
    await expect(page).toHaveURL(/\/kiosk$/)
    await expect(cardStep(page)).toBeVisible({ timeout: 20_000 })

    const [first, second] = demoCardCodes()
    const historyBefore = await page.evaluate(() => history.length)
    await typeCode(page, first!)
    await tick(page, 'Karen Holm')
    await tabTo(page, page.getByRole('button', { name: 'Videre' }))
    await page.keyboard.press('Enter')
    await tabTo(page, page.getByRole('button', { name: 'Afgiv stemme' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 2, name: 'Din stemme er modtaget' })).toBeVisible({ timeout: 20_000 })
    const firstReceipt = await page.locator('.receipt__code').textContent()
    await runA11yKit(page, 'kiosk booth: the receipt')
    await page.getByRole('button', { name: 'Færdig – næste vælger' }).click()
    // The ballot's steps are never entries in the history, so there is nothing of them to go back to.
    expect(await page.evaluate(() => history.length)).toBe(historyBefore)

    await expect(cardStep(page)).toBeVisible()
    await expect(page.getByLabel('Koden på dit valgkort')).toHaveValue('')
    await page.goBack()
    await expect(page).toHaveURL(/\/kiosk$/)
    await expect(cardStep(page)).toBeVisible()
    await expect(page.getByText(firstReceipt!)).toHaveCount(0)
    await expect(page.getByText('Karen Holm')).toHaveCount(0)
    await expect(page.getByRole('checkbox')).toHaveCount(0)

    await typeCode(page, second!)
    await expect(page.getByRole('checkbox', { name: 'Karen Holm' })).not.toBeChecked()
    await tick(page, 'Jeg stemmer blankt')
    await tabTo(page, page.getByRole('button', { name: 'Videre' }))
    await page.keyboard.press('Enter')
    await expect(page.getByText('Du stemmer blankt.')).toBeVisible()
    await tabTo(page, page.getByRole('button', { name: 'Afgiv stemme' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 2, name: 'Din stemme er modtaget' })).toBeVisible({ timeout: 20_000 })
    await expect(page.locator('.receipt__code')).not.toHaveText(firstReceipt!)
  })

  test('a member stands in the app, staff approve, and the candidate shows in the gallery', async ({ browser, page, baseURL }) => {
    test.setTimeout(120_000)
    const staff = await otherPage(browser, baseURL)
    const councilId = await secretaryPage(staff)
    const election = await prepareElection(staff, councilId, { candidates: [], cards: 1, closesInMs: 3_600_000, open: false, candidacyOpen: true })

    await signInWithCard(page, KAREN.code)
    await page.goto(`/valg/${election.id}/stil-op`)
    await expect(page.getByRole('heading', { level: 1, name: 'Stil op' })).toBeVisible()
    await expect(page.getByLabel('Navn')).toHaveValue(KAREN.name)
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.locator('.error-summary')).toContainText('Skriv et par sætninger om dig selv.')
    await runA11yKit(page, 'stand: nothing written')
    await page.getByLabel('Om mig').fill('Jeg bor på Solbakken. Jeg vil have flere ture ud af huset.')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Tak! Du har stillet op' })).toBeVisible()
    await runA11yKit(page, 'stand: waiting for approval')

    // The staff browser is still signed in as the secretary (secretaryPage): signing in again
    // behind the app's back would end that session under a request already on its way.
    await staff.goto(`/admin/valg/${election.id}`)
    await staff.getByRole('button', { name: 'Godkend Karen Holm' }).click()
    await expect(staff.getByRole('article', { name: 'Karen Holm' })).toContainText('Godkendt')
    await runA11yKit(staff, 'staff: election with an approved candidate')

    await page.reload()
    await expect(page.getByRole('heading', { level: 2, name: 'Du er kandidat' })).toBeVisible()
    await page.goto(`/valg/${election.id}/kandidater`)
    await expect(page.getByRole('heading', { level: 2, name: 'Karen Holm' })).toBeVisible()
    await expect(page.getByText('Jeg vil have flere ture ud af huset.')).toBeVisible()
    await runA11yKit(page, 'candidate gallery')
  })

  test('staff set up and open an election through the screens, with axe on each', async ({ page }) => {
    test.setTimeout(180_000)
    await signInAsStaff(page, { email: SECRETARY.email, password: SECRETARY.password })
    await page.goto('/admin/valg/nyt')
    await expect(page.getByRole('heading', { level: 1, name: 'Nyt valg' })).toBeVisible()
    await page.getByRole('button', { name: 'Gem valget' }).click()
    await expect(page.locator('.error-summary')).toBeFocused()
    await expect(page.locator('.error-summary')).toContainText('Skriv valgets navn.')
    await runA11yKit(page, 'staff: new election with errors')

    const title = `Valg på skærmen ${Date.now()}`
    await page.getByLabel('Valgets navn').fill(title)
    await page.getByLabel('Perioden starter').fill('01-01-2027')
    await page.getByLabel('Perioden slutter').fill('31-12-2028')
    const soon = new Date(Date.now() + 86_400_000)
    const later = new Date(Date.now() + 7 * 86_400_000)
    const day = (d: Date) => `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`
    const voting = page.getByRole('group', { name: 'Hvornår kan man stemme?' })
    await voting.getByLabel('Fra dato').fill(day(soon))
    await voting.getByLabel('Til dato').fill(day(later))
    await page.getByRole('button', { name: 'Gem valget' }).click()
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await runA11yKit(page, 'staff: the election')

    await page.getByRole('link', { name: /^Valgkort/ }).click()
    await page.getByLabel('Hvor mange valgkort?').fill('2')
    await page.getByRole('button', { name: 'Lav valgkort' }).click()
    await expect(page.getByRole('article', { name: 'Valgkort' })).toHaveCount(2)
    await expect(page.getByRole('article', { name: 'Valgkort' }).first().getByRole('img', { name: 'QR-kode til at stemme' })).toBeVisible()
    await runA11yKit(page, 'staff: ballot cards to print')
    await page.getByRole('button', { name: 'Jeg har printet kortene' }).click()
    await expect(page.getByText('2 gyldige valgkort, 0 annullerede.')).toBeVisible()

    await page.goBack()
    await page.getByRole('link', { name: /^Valgliste/ }).click()
    await page.getByRole('button', { name: /Tilføj rådets medlemmer/ }).click()
    const karen = page.getByRole('group', { name: 'Karen Holm' })
    await karen.getByRole('radio', { name: 'Har selv fået kort' }).check()
    await expect(page.getByRole('status').filter({ hasText: 'Karen Holm: har selv fået kort.' })).toBeVisible()
    await runA11yKit(page, 'staff: the voter roll')

    await page.goBack()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await page.getByLabel('Navn', { exact: true }).fill('Mads Berg')
    await page.getByLabel('Om mig').fill('Jeg flyttede ind i år.')
    await page.getByLabel('Dato for beboerens samtykke').fill('01-11-2026')
    await page.getByRole('button', { name: 'Tilføj kandidaten' }).click()
    await expect(page.getByRole('article', { name: 'Mads Berg' })).toContainText('Godkendt')
    await page.getByRole('button', { name: 'Åbn valget' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Valget er åbnet.' })).toBeVisible()
    await page.getByRole('button', { name: 'Se hvor mange der har stemt' }).click()
    await expect(page.getByText('0 har stemt. Der er 2 gyldige valgkort.').first()).toBeVisible()
    await runA11yKit(page, 'staff: an open election')

    await page.getByRole('link', { name: 'Plakater' }).click()
    await expect(page.getByRole('article', { name: 'Plakat for Mads Berg' })).toBeVisible()
    await runA11yKit(page, 'staff: posters')
  })
})
