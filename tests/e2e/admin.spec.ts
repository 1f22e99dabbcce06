import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations, runA11yKit } from './a11y/kit.js'
import { ADMIN, councilIdByName, MEMBER_CARD, pngOf, SECRETARY, signInAsStaff, signInWithCard } from './admin-helpers.js'

const SOLBAKKEN = 'Brugerrådet på Solbakken'
const today = (d = new Date()) => `${d.getDate()}-${d.getMonth() + 1}-${d.getFullYear()}`

async function openCouncilAdmin(page: Page, name: string): Promise<void> {
  await page.goto('/admin')
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible()
  await page.getByRole('link', { name: new RegExp(name) }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rådets medlemmer' })).toBeVisible()
}

test.describe('who may open the admin pages', () => {
  test('someone not signed in is sent to sign in, and comes back to where they were going', async ({ page }) => {
    await page.goto('/admin/log')
    await expect(page).toHaveURL(/\/log-ind\?next=(%2F|\/)admin(%2F|\/)log$/)
  })

  test('a member signed in with a card is told the pages are for staff only', async ({ page }) => {
    await signInWithCard(page, MEMBER_CARD)
    await page.goto('/admin')
    await expect(page.getByRole('heading', { level: 1, name: 'Kun for medarbejdere' })).toBeVisible()
    await expect(page.getByText(/kun for kommunens medarbejdere/)).toBeVisible()
    await runA11yKit(page, '/admin as member')
  })

  test("a secretary sees only their own council and cannot open another council's or the admin-only pages", async ({ page }) => {
    const otherId = await councilIdByName(page, 'Centerrådet for Socialpsykiatri')
    await signInAsStaff(page, SECRETARY)
    await page.goto('/admin')
    const councils = page.getByRole('region', { name: 'Mine råd' })
    await expect(councils.getByRole('list').getByRole('link')).toHaveCount(1)
    await expect(councils.getByRole('link', { name: new RegExp(SOLBAKKEN) })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Log over handlinger' })).toHaveCount(0)
    await runA11yKit(page, '/admin as secretary')

    for (const path of [`/admin/raad/${otherId}`, `/admin/raad/${otherId}/nyt-medlem`, `/admin/raad/${otherId}/indstillinger`]) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke adgang til siden' })).toBeVisible()
      await expect(page.getByText('Du er ikke medarbejder i dette råd.', { exact: false })).toBeVisible()
    }
    await runA11yKit(page, 'no access: not your council')
    // The server refuses too, whatever the screen does.
    const status = await page.evaluate(async (id) => (await fetch(`/api/admin/councils/${id}/members`)).status, otherId)
    expect(status).toBe(403)

    await page.goto('/admin/log')
    await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke adgang til siden' })).toBeVisible()
    await expect(page.getByText(/Kun administratorer kan bruge denne side/)).toBeVisible()
  })
})

test('an administrator adds a member with a photo, makes a sign-in card, blocks it, and the log shows it all', async ({ page, browser }) => {
  test.setTimeout(120_000)
  await signInAsStaff(page, ADMIN)
  await openCouncilAdmin(page, SOLBAKKEN)
  await runA11yKit(page, 'council members')
  const councilId = new URL(page.url()).pathname.split('/').at(-1)!

  await page.getByRole('link', { name: 'Tilføj et medlem' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tilføj et medlem' })).toBeVisible()
  await expect(page.getByText('Trin 1 af 2')).toBeVisible()
  await page.getByRole('button', { name: 'Fortsæt' }).click()
  const summary = page.locator('.error-summary')
  await expect(summary).toBeFocused()
  await expect(summary.getByRole('link', { name: 'Skriv personens navn.' })).toBeVisible()
  await expect(page.getByLabel('Navn')).toHaveAttribute('aria-invalid', 'true')
  await runA11yKit(page, 'add member with errors')

  await summary.getByRole('link', { name: 'Skriv personens navn.' }).click()
  await expect(page.getByLabel('Navn')).toBeFocused()
  await page.keyboard.type('Mads Testesen')
  await page.getByRole('group', { name: 'Rolle i rådet' }).getByRole('radio', { name: 'Suppleant' }).check()
  await page.getByLabel('Slutdato (kan være tom)').fill('31-12-2027')
  await page.getByRole('checkbox', { name: 'Må vises offentligt' }).check()
  await page.getByRole('button', { name: 'Fortsæt' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Tjek dine svar' })).toBeFocused()
  await expect(page.getByText('Trin 2 af 2')).toBeVisible()
  await expect(page.getByRole('definition').filter({ hasText: 'Mads Testesen' })).toBeVisible()
  await expect(page.getByRole('definition').filter({ hasText: 'Suppleant' })).toBeVisible()
  await runA11yKit(page, 'add member: check your answers')
  await page.getByRole('button', { name: 'Opret medlemmet' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Medlemskab' })).toBeVisible()
  await expect(page.getByText('Medlemmet er oprettet.', { exact: false })).toBeVisible()

  // A photo larger than the limit is scaled down on the device before it is sent.
  await page.getByLabel('Vælg et billede').setInputFiles({ name: 'mads.png', mimeType: 'image/png', buffer: pngOf(1200, 800) })
  await expect(page.getByText('Billedet er klar.', { exact: false })).toBeVisible()
  await page.getByRole('button', { name: 'Gem billedet' }).click()
  await expect(page.locator('.error-summary')).toBeFocused()
  await expect(page.getByLabel('Dato for samtykke til billedet')).toHaveAttribute('aria-invalid', 'true')
  await runA11yKit(page, 'photo without consent date')
  await page.getByLabel('Dato for samtykke til billedet').fill(today())
  await page.getByRole('button', { name: 'Gem billedet' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Billedet er gemt.' })).toBeVisible()
  await expect(page.getByText(/Personen sagde ja til billedet den .*Det blev skrevet ind af dig\./)).toBeVisible()
  const photo = page.getByRole('img', { name: 'Billede af Mads Testesen' })
  await expect(photo).toHaveAttribute('src', /^data:image\/jpeg;base64,/)
  const size = await photo.evaluate((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight])
  expect(size).toEqual([512, 341])
  await runA11yKit(page, 'membership with photo')

  // Everyone sees the new member, with the photo, on the council's public page.
  const visitor = await browser.newPage()
  await visitor.goto(`/raad/${councilId}`)
  const card = visitor.getByRole('article').filter({ has: visitor.getByRole('heading', { name: 'Mads Testesen' }) })
  await expect(card).toContainText('Suppleant')
  // The photo reaches the visitor's device as a medium of its own, shown from there.
  const seen = card.locator('img')
  await expect(seen).toHaveAttribute('src', /^blob:/)
  await expect.poll(() => seen.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(512)
  await visitor.close()

  await page.getByRole('link', { name: 'Login-kort og pårørende for personen' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Login-kort og pårørende' })).toBeVisible()
  await expect(page.getByText('Personen har ingen login-kort eller links endnu.')).toBeVisible()
  await expect(page.getByText('Der er ingen pårørende knyttet til personen.')).toBeVisible()
  await runA11yKit(page, 'person page')
  await page.getByRole('button', { name: 'Lav login-kort' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Login-kort til Mads' })).toBeFocused()
  await expect(page.getByText('Koden vises kun denne ene gang.', { exact: false })).toBeVisible()
  const printed = page.getByRole('article', { name: 'Login-kortet' })
  await expect(printed.getByRole('img', { name: 'QR-kode til at logge ind' }).locator('svg')).toBeVisible()
  await expect(printed).toContainText('Scan koden med kameraet, eller skriv koden.')
  const groups = await printed.locator('.login-card__group').allTextContents()
  expect(groups).toHaveLength(3)
  for (const group of groups) expect(group).toMatch(/^[A-Z0-9]{4}$/)
  const code = groups.join('-')
  await runA11yKit(page, 'print view')
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('banner')).toBeHidden()
  await expect(page.getByRole('button', { name: 'Udskriv kortet' })).toBeHidden()
  await expect(printed).toBeVisible()
  await page.emulateMedia({ media: 'screen' })

  // The printed code really signs the person in, until the card is blocked.
  const holder = await browser.newPage()
  await holder.goto('/hjaelp')
  const signIn = (c: string) =>
    holder.evaluate(async (c) => (await fetch('/api/auth/card', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: c }) })).status, c)
  expect(await signIn(code)).toBe(200)

  await page.getByRole('button', { name: 'Færdig' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Login-kort og pårørende' })).toBeFocused()
  await expect(page.getByText('Login-kortet er lavet. Koden kan ikke vises igen.')).toBeVisible()
  await expect(page.getByText(/Login-kort, lavet .* Virker\./)).toBeVisible()
  await page.getByRole('button', { name: /Spær kort/ }).click()
  await expect(page.getByRole('region', { name: 'Vil du spærre det?' })).toBeFocused()
  await runA11yKit(page, 'block card: confirm')
  await page.getByRole('button', { name: 'Ja, spær det' }).click()
  await expect(page.getByText('Det er spærret.')).toBeVisible()
  await expect(page.getByText(/Login-kort, lavet .* Spærret/)).toBeVisible()
  const stillSignedIn = await holder.evaluate(async () => (await fetch('/api/me')).json() as Promise<{ kind: string }>)
  expect(stillSignedIn.kind).toBe('anonymous')
  expect(await signIn(code)).toBe(401)
  await holder.close()

  await page.goto('/admin/log')
  await expect(page.getByRole('heading', { level: 1, name: 'Log over handlinger' })).toBeVisible()
  const rows = page.getByRole('row')
  for (const action of ['Oprettede person', 'Tilføjede medlem', 'Lavede login-kort eller link', 'Spærrede login-kort eller link']) {
    await expect(rows.filter({ hasText: action }).filter({ hasText: 'Mads Testesen' }).first()).toBeVisible()
  }
  await expect(rows.filter({ hasText: 'Rettede medlemskab' }).filter({ hasText: 'ændret: billede, samtykke til billede' }).first()).toBeVisible()
  // Newest first: the blocking is above the creation.
  const texts = await rows.allTextContents()
  const blocked = texts.findIndex((text) => text.includes('Spærrede login-kort'))
  const created = texts.findIndex((text) => text.includes('Oprettede person') && text.includes('Mads Testesen'))
  expect(blocked).toBeGreaterThan(0)
  expect(blocked).toBeLessThan(created)
  await runA11yKit(page, 'audit log')
})

test('withdrawing photo consent removes the photo, and removing a member asks first', async ({ page }) => {
  await signInAsStaff(page, ADMIN)
  await openCouncilAdmin(page, SOLBAKKEN)
  await page.getByRole('link', { name: 'Tilføj et medlem' }).click()
  await page.getByLabel('Navn').fill('Vera Fotosen')
  await page.getByRole('button', { name: 'Fortsæt' }).click()
  await page.getByRole('button', { name: 'Opret medlemmet' }).click()
  await page.getByLabel('Vælg et billede').setInputFiles({ name: 'vera.png', mimeType: 'image/png', buffer: pngOf(40, 40) })
  await page.getByLabel('Dato for samtykke til billedet').fill(today())
  await page.getByRole('button', { name: 'Gem billedet' }).click()
  await expect(page.getByRole('img', { name: 'Billede af Vera Fotosen' })).toBeVisible()

  await page.getByRole('button', { name: 'Træk samtykke tilbage' }).click()
  await expect(page.getByRole('region', { name: 'Vil du trække samtykket tilbage?' })).toBeFocused()
  await page.getByRole('button', { name: 'Ja, slet billedet' }).click()
  await expect(page.getByText('Samtykket er trukket tilbage, og billedet er slettet.')).toBeVisible()
  await expect(page.getByRole('img', { name: 'Billede af Vera Fotosen' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Fjern fra rådet' }).click()
  await expect(page.getByRole('region', { name: 'Vil du fjerne Vera Fotosen fra rådet?' })).toBeFocused()
  await page.getByRole('button', { name: 'Nej, fortryd' }).click()
  await page.getByRole('button', { name: 'Fjern fra rådet' }).click()
  await page.getByRole('button', { name: 'Ja, fjern fra rådet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rådets medlemmer' })).toBeVisible()
  await expect(page.getByText('Personen er fjernet fra rådet.')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Vera Fotosen' })).toHaveCount(0)
})

test('an administrator creates a staff member; a short password and a used e-mail are explained beside the field', async ({ page }) => {
  await signInAsStaff(page, ADMIN)
  await page.goto('/admin')
  await page.getByRole('link', { name: 'Medarbejdere' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Medarbejdere' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Sami Sekretær' })).toBeVisible()
  await runA11yKit(page, 'staff list')
  await page.getByRole('link', { name: 'Opret medarbejder' }).click()

  await page.getByLabel('Navn').fill('Nina Ny')
  await page.getByLabel('E-mail').fill(ADMIN.email)
  await page.getByLabel('Kodeord', { exact: true }).fill('for-kort')
  await page.getByRole('button', { name: 'Opret medarbejderen' }).click()
  await expect(page.locator('.error-summary')).toBeFocused()
  await expect(page.getByText('Kodeordet skal have mindst 12 tegn.').first()).toBeVisible()
  await runA11yKit(page, 'create staff with errors')

  await page.getByLabel('Kodeord', { exact: true }).fill('et-langt-godt-kodeord')
  await page.getByRole('checkbox', { name: 'Vis kodeordet' }).check()
  await expect(page.getByLabel('Kodeord', { exact: true })).toHaveAttribute('type', 'text')
  await page.getByRole('checkbox', { name: SOLBAKKEN }).check()
  await page.getByRole('button', { name: 'Opret medarbejderen' }).click()
  await expect(page.locator('#staff-email-error')).toContainText('Der er allerede en medarbejder med den e-mail.')
  await expect(page.getByLabel('Navn')).toHaveValue('Nina Ny')

  await page.getByLabel('E-mail').fill('nina.ny@demo.brugerstemme.dk')
  await page.getByRole('button', { name: 'Opret medarbejderen' }).click()
  await expect(page.getByText('Medarbejderen er oprettet.')).toBeVisible()
  const nina = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Nina Ny' }) })
  await expect(nina).toContainText('Sekretær')
  await expect(nina).toContainText(SOLBAKKEN)
})

test('council details: the retention period is explained and checked', async ({ page }) => {
  await signInAsStaff(page, ADMIN)
  await openCouncilAdmin(page, 'Centerrådet for Socialpsykiatri')
  await page.getByRole('link', { name: 'Ret rådets oplysninger' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rådets oplysninger' })).toBeVisible()
  const retention = page.getByLabel(/Hvor længe gemmer vi oplysninger/)
  await expect(retention).toHaveValue('24')
  await expect(page.getByText(/sletter vi personens navn og billede efter dette antal måneder/)).toBeVisible()
  await retention.fill('500')
  await page.getByRole('button', { name: 'Gem ændringer' }).click()
  await expect(page.locator('.error-summary')).toBeFocused()
  await expect(retention).toHaveAttribute('aria-invalid', 'true')
  await runA11yKit(page, 'council details with error')
  await retention.fill('36')
  await page.getByRole('button', { name: 'Gem ændringer' }).click()
  await expect(page.getByText('Rådet er gemt.')).toBeVisible()
})

test('council details opened offline show no blank form that could be saved over the council, and fill in when the connection returns', async ({ page, context }) => {
  await signInAsStaff(page, ADMIN)
  await openCouncilAdmin(page, 'Centerrådet for Socialpsykiatri')
  const edit = page.getByRole('link', { name: 'Ret rådets oplysninger' })
  // Opened once online (the screen's code is then on the device), back, and the connection drops.
  await edit.click()
  await expect(page.getByLabel('Rådets navn')).toHaveValue('Centerrådet for Socialpsykiatri')
  await page.goBack()
  // The council's page has fetched its data again before the connection drops.
  await expect(edit).toBeVisible()
  await context.setOffline(true)
  await edit.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rådets oplysninger' })).toBeVisible()
  await expect(page.getByText('Der er ingen forbindelse, så siden kan ikke hentes.', { exact: false })).toBeVisible()
  await expect(page.getByLabel('Rådets navn')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Gem ændringer' })).toHaveCount(0)
  await runA11yKit(page, 'council details offline')
  await context.setOffline(false)
  await expect(page.getByLabel('Rådets navn')).toHaveValue('Centerrådet for Socialpsykiatri')
  await expect(page.getByLabel(/Hvor længe gemmer vi oplysninger/)).not.toHaveValue('')
})

test('an erasure request is carried out after a check that says what is erased and what is kept', async ({ page, browser }) => {
  await signInAsStaff(page, ADMIN)
  // A person who asks to be erased: created, given a card, signed in, asking.
  const code = await page.evaluate(async () => {
    const post = async (path: string, body: unknown) =>
      (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>
    const person = await post('/api/admin/people', { name: 'Sigurd Slet', kind: 'participant' })
    const issued = await post(`/api/admin/people/${String(person.id)}/cards`, { kind: 'card' })
    return String(issued.code)
  })
  const asker = await browser.newPage()
  await signInWithCard(asker, code)
  const asked = await asker.evaluate(async () => (await fetch('/api/me/erasure-request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status)
  expect(asked).toBe(200)
  await asker.close()

  await page.goto('/admin/sletning')
  await expect(page.getByRole('heading', { level: 1, name: 'Anmodninger om sletning' })).toBeVisible()
  await expectNoAxeViolations(page, 'erasure requests')
  await page.getByRole('button', { name: /Slet personens data.*Sigurd Slet/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Tjek før du sletter' })).toBeFocused()
  await expect(page.getByRole('heading', { name: 'Det bliver slettet' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Det bliver gemt uden navn' })).toBeVisible()
  await expect(page.getByText('Det kan ikke fortrydes.')).toBeVisible()
  await runA11yKit(page, 'erasure check')
  await page.getByRole('button', { name: 'Ja, slet data om Sigurd Slet' }).click()
  await expect(page.getByText('Data om Sigurd Slet er slettet.')).toBeVisible()
  await expect(page.getByRole('button', { name: /Sigurd Slet/ })).toHaveCount(0)
})
