import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations, expectReflowAt320, expectTargetSizes, runA11yKit } from './a11y/kit.js'
import { signInAsStaff, ADMIN } from './admin-helpers.js'
import { pdfWithoutText } from './fixtures/pdf-without-text.js'
import { chooseSettings } from './helpers.js'
import { addItem, createMeeting, serverRecords, signInAsSecretary } from './sync-helpers.js'

/** The demo's coming meeting of Brugerrådet på Solbakken: the soonest one, with a closed item. */
async function demoMeetingId(page: Page): Promise<string> {
  await page.goto('/moeder')
  const href = await page.getByRole('link', { name: /Se dagsordenen/ }).first().getAttribute('href')
  return href!.split('/').at(-1)!
}

const meetingIdFromUrl = (page: Page) => /\/moeder\/([^/]+)\/rediger/.exec(page.url())![1]!

test('the Møder tab leads staff to a new meeting and to the import, for the council they choose', async ({ page, browser }) => {
  const councilId = await signInAsSecretary(page)
  await page.goto('/moeder')
  const make = page.getByRole('region', { name: 'Lav et møde' })
  // One council: no question about which.
  await expect(make.getByRole('combobox')).toHaveCount(0)
  await expect(make.getByRole('link', { name: /^Nyt møde/ })).toContainText('Et nyt møde i Brugerrådet på Solbakken.')
  await runA11yKit(page, 'Møder for a secretary')
  await make.getByRole('link', { name: /^Importér dagsorden/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Importér dagsorden' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Trin 1 af 3 Indsæt teksten' })).toBeVisible()
  expect(new URL(page.url()).searchParams.get('raad')).toBe(councilId)
  await page.goBack()
  await page.getByRole('region', { name: 'Lav et møde' }).getByRole('link', { name: /^Nyt møde/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nyt møde' })).toBeVisible()
  expect(new URL(page.url()).searchParams.get('raad')).toBe(councilId)

  // An administrator works for every council and picks one first.
  const adminContext = await browser.newContext({ locale: 'da-DK' })
  const admin = await adminContext.newPage()
  await signInAsStaff(admin, ADMIN)
  await admin.goto('/moeder')
  const adminMake = admin.getByRole('region', { name: 'Lav et møde' })
  const which = adminMake.getByRole('combobox', { name: 'Hvilket råd er mødet i?' })
  // Other tests may add councils while this one runs; the demo's two must both be offered.
  for (const council of ['Brugerrådet på Solbakken', 'Centerrådet for Socialpsykiatri']) {
    await expect(which.getByRole('option', { name: council, exact: true })).toHaveCount(1)
  }
  await which.selectOption({ label: 'Centerrådet for Socialpsykiatri' })
  await expect(adminMake.getByRole('link', { name: /^Nyt møde/ })).toContainText('Et nyt møde i Centerrådet for Socialpsykiatri.')
  await expect(adminMake.getByRole('link', { name: /^Nyt møde/ })).not.toHaveAttribute('href', `/moeder/ny?raad=${councilId}`)
  await expectNoAxeViolations(admin, 'Møder for an administrator')
  await adminContext.close()

  // Residents see no such section.
  const residentContext = await browser.newContext({ locale: 'da-DK' })
  const resident = await residentContext.newPage()
  await resident.goto('/moeder')
  await expect(resident.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
  await expect(resident.getByRole('region', { name: 'Lav et møde' })).toHaveCount(0)
  await residentContext.close()
})

test('publishing an agenda whose items lack easy-read text or a picture asks first and lists them', async ({ page, browser }) => {
  const councilId = await signInAsSecretary(page)
  await createMeeting(page, councilId, 'Møde om haven og kaffen')
  const publish = page.getByRole('button', { name: 'Offentliggør dagsordenen' })
  const check = page.getByRole('group', { name: 'Tjek dagsordenen' })

  await publish.click()
  await expect(check).toBeFocused()
  await expect(check).toContainText('Dagsordenen har ingen punkter endnu.')
  await check.getByRole('button', { name: 'Vent, jeg retter først' }).click()
  await expect(check).toBeHidden()
  await expect(publish).toBeFocused()

  await addItem(page, 'Haven', 'Vi taler om haven.')
  await addItem(page, 'Kaffen', '')
  await publish.click()
  await expect(check).toBeFocused()
  await expect(check).toContainText('2 punkter mangler noget, som beboerne har brug for:')
  const listed = check.getByRole('listitem')
  await expect(listed).toHaveCount(2)
  await expect(listed.nth(0)).toContainText('Haven: intet billede')
  await expect(listed.nth(1)).toContainText('Kaffen: ingen let tekst og intet billede')
  await expect(check.getByRole('link', { name: 'Ret punktet: Kaffen' })).toHaveAttribute('href', /^\/moeder\/[^/]+\/punkter\/[^/]+$/)
  await runA11yKit(page, 'agenda check before publishing')
  // Nothing is published while the secretary decides.
  const meetingId = meetingIdFromUrl(page)
  expect((await serverRecords(page, councilId, 'meeting')).find((m) => m.id === meetingId)?.published).toBe(false)

  await check.getByRole('button', { name: 'Offentliggør alligevel' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Dagsordenen er offentliggjort.' })).toBeVisible()
  // The section's controls stand apart, so a tap meant for one does not land on the next.
  const publishing = page.getByRole('region', { name: 'Vis mødet for alle' })
  await expect(publishing).toContainText('Ved et lukket punkt ser kun rådets medlemmer, hvad det handler om.')
  const boxes = await Promise.all(
    [publishing.getByRole('button', { name: 'Gør til kladde igen' }), publishing.getByRole('button', { name: 'Offentliggør referatet' }), publishing.getByRole('link', { name: /^Se mødet/ })].map(async (control) => (await control.boundingBox())!),
  )
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width), b.y - (a.y + a.height), a.y - (b.y + b.height))
      expect(apart, 'space between two controls of the publish section').toBeGreaterThanOrEqual(8)
    }
  }
  // The items follow their meeting: now anyone, not signed in, can read them.
  const anyone = await browser.newContext()
  const pull = async () =>
    ((await (await anyone.request.get(`/api/sync/pull?since=0&scopes=council:${councilId}&protocolVersion=1`)).json()) as { changes: { entity: string; data: { meetingId?: string; title?: string } | null }[] }).changes
  await expect
    .poll(async () => (await pull()).filter((c) => c.entity === 'agenda-item' && c.data?.meetingId === meetingId).map((c) => c.data!.title).sort())
    .toEqual(['Haven', 'Kaffen'])
  await anyone.close()
})

test('the print view leaves closed items out of a handout for everyone and marks them for members', async ({ page }) => {
  await signInAsSecretary(page)
  await page.goto(`/moeder/${await demoMeetingId(page)}/udskriv`)
  await expect(page.getByRole('heading', { level: 1, name: 'Udskriv møde' })).toBeVisible()
  const audience = page.getByRole('group', { name: 'Hvem er udskriften til?' })
  await expect(audience.getByRole('radio', { name: 'Til alle' })).toBeChecked()
  const handout = page.getByRole('article')
  // Numbers stay the agenda's own, so paper and meeting agree.
  await expect(handout.getByRole('heading', { level: 3 })).toHaveText(['1. Velkommen', '2. Dagsordenen', '3. Maden i huset', '4. Sommerturen', '5. Efterårets aktiviteter', '7. Eventuelt'])
  await expect(handout).not.toContainText('En beboers sag')
  await expect(handout).toContainText('Et lukket punkt er ikke med, fordi det kun er for rådets medlemmer.')
  await runA11yKit(page, 'print view for everyone')

  await audience.getByRole('radio', { name: 'Til medlemmer' }).check()
  await expect(handout.getByRole('heading', { level: 3 })).toHaveCount(7)
  const closed = handout.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '6. En beboers sag' }) })
  await expect(closed).toContainText('Lukket punkt – kun for medlemmer')
  await expect(handout).not.toContainText('er ikke med')
  await runA11yKit(page, 'print view for members')

  await page.emulateMedia({ media: 'print' })
  await expect(audience).toBeHidden()
  await expect(closed).toBeVisible()
})

test('the easy-read helper lists every long word, longest first, marks m.v., and leaves the council name alone; the original text visibly opens', async ({ page }) => {
  const councilId = await signInAsSecretary(page)
  await createMeeting(page, councilId, 'Møde med lange ord')
  await page.getByRole('link', { name: 'Tilføj punkt' }).click()
  const easy = page.getByRole('textbox', { name: 'Let tekst' })
  await easy.fill('Brugerrådet på Solbakken holder møde m.v. Kommunalbestyrelsen og forvaltningen kommer. Brugerrådets formand siger velkommen.')
  const helper = page.locator('#item-easy-text-help')
  await expect(helper).toContainText('Skriv »med videre« i stedet for »m.v.«.')
  await expect(helper).toContainText('4 lange ord. Findes der kortere? Det længste står først:')
  await expect(helper.locator('.easy-read-helper__words li')).toHaveText([
    'Kommunalbestyrelsen (19 bogstaver)',
    'forvaltningen (13 bogstaver)',
    'velkommen (9 bogstaver)',
    'formand (7 bogstaver)',
  ])
  await expect(helper).not.toContainText('Brugerråd')
  await expect(helper).not.toContainText('Solbakken (')
  // By keyboard: the fix's button goes with its hint, and focus goes back to the text, not to the page.
  await helper.getByRole('button', { name: 'Skriv »med videre«' }).focus()
  await page.keyboard.press('Enter')
  await expect(easy).toHaveValue(/holder møde med videre\. Kommunalbestyrelsen/)
  await expect(easy).toBeFocused()
  await runA11yKit(page, 'item editor with every long word listed')

  // The original text from the agenda opens visibly, and says what pressing it does.
  const original = page.locator('details.expandable')
  await expect(original).not.toHaveAttribute('open')
  await page.getByText('Vis den oprindelige tekst fra dagsordenen (0 afsnit)').click()
  await expect(original).toHaveAttribute('open', '')
  await expect(page.getByText('Skjul den oprindelige tekst (0 afsnit)')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Tilføj afsnit' })).toBeVisible()
  await runA11yKit(page, 'item editor with the original text open')
})

test('the calendar offers webcal:// beside the https address, and its events remind the day before', async ({ page }) => {
  await signInAsSecretary(page)
  await page.goto(`/moeder/${await demoMeetingId(page)}`)
  const https = page.getByRole('link', { name: 'Kalenderens adresse (https)' })
  const href = (await https.getAttribute('href'))!
  expect(href).toMatch(/^http:\/\/localhost:\d+\/api\/councils\/[^/]+\/calendar\.ics$/)
  await expect(page.getByRole('link', { name: 'Få alle rådets møder i kalenderen' })).toHaveAttribute('href', href.replace(/^http:/, 'webcal:'))
  await expect(page.getByText('Dagen før et møde minder kalenderen dig om det.')).toBeVisible()
  const feed = await (await page.request.get(href)).text()
  expect(feed).toMatch(/BEGIN:VEVENT[\s\S]*BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:I morgen: Møde i brugerrådet\r\nTRIGGER:-P1D\r\nEND:VALARM\r\n[\s\S]*END:VEVENT/)
  await runA11yKit(page, 'meeting page with the calendar links')
})

for (const english of [false, true]) {
  test(`every new secretary screen holds at 320 px with the largest text, in ${english ? 'English' : 'Danish'}`, async ({ page }) => {
    const say = (da: string, en: string) => (english ? en : da)
    const councilId = await signInAsSecretary(page)
    const printId = await demoMeetingId(page)
    await createMeeting(page, councilId, `Møde i stor skrift (${english ? 'en' : 'da'})`)
    const meetingId = meetingIdFromUrl(page)
    await addItem(page, 'Kaffen', '')
    await chooseSettings(page, { textSize: 'Størst', english })
    await page.setViewportSize({ width: 320, height: 640 })
    const check = async (state: string) => {
      await expectNoAxeViolations(page, `${state}, largest text, ${english ? 'English' : 'Danish'}`)
      await expectReflowAt320(page)
      await expectTargetSizes(page)
    }

    await page.goto('/moeder')
    await expect(page.getByRole('region', { name: say('Lav et møde', 'Make a meeting') })).toBeVisible()
    await check('Møder for staff')

    await page.goto(`/moeder/${meetingId}/rediger`)
    await page.getByRole('button', { name: say('Offentliggør dagsordenen', 'Publish the agenda') }).click()
    await expect(page.getByRole('group', { name: say('Tjek dagsordenen', 'Check the agenda') })).toBeFocused()
    await check('agenda check before publishing')

    await page.goto(`/moeder/${printId}/udskriv`)
    await page.getByRole('radio', { name: say('Til medlemmer', 'For members') }).check()
    await expect(page.getByText(say('Lukket punkt – kun for medlemmer', 'Closed item – for members only'))).toBeVisible()
    await check('print view for members')

    await page.goto(`/moeder/${meetingId}/punkter/ny`)
    await page.getByRole('textbox', { name: say('Let tekst', 'Easy text') }).fill('Kommunalbestyrelsen og forvaltningen kommer m.v. Brugerrådet på Solbakken siger velkommen.')
    await page.getByText(say('Vis den oprindelige tekst fra dagsordenen', 'Show the original text from the agenda')).click()
    await expect(page.locator('.easy-read-helper__words li')).toHaveCount(3)
    await check('item editor with hints and the original text open')

    await page.goto(`/moeder/importer?raad=${councilId}`)
    await page.getByLabel(say('Eller vælg en fil (PDF eller tekst)', 'Or choose a file (PDF or text)')).setInputFiles({
      name: 'skannet.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(pdfWithoutText()),
    })
    await expect(page.locator('.error-summary')).toBeFocused()
    await check('import with a scanned PDF')

    await page.goto('/tilgaengelighed')
    await expect(page.getByRole('heading', { name: say('Kommunen har ikke udfyldt det hele endnu', 'The municipality has not filled in everything yet') })).toBeVisible()
    await check('accessibility statement not filled in')
  })
}
