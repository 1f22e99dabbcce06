import { expect, test, type Page } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { ADMIN, expectSignedInAs, PSYKIATRI, SECRETARY, SOLBAKKEN } from './accounts-helpers.js'

/** Staff start kiosk mode the way they would: /kiosk/start asks them to sign in first. */
async function startKiosk(page: Page, council: string, mode: 'Fællesskærm' | 'Stemmeboks'): Promise<void> {
  await page.goto('/kiosk/start')
  await expect(page).toHaveURL(/\/log-ind\?/)
  await expect(page.getByRole('button', { name: /Jeg er medarbejder/ })).toHaveAttribute('aria-expanded', 'true')
  await page.getByLabel('E-mail').fill(ADMIN.email)
  await page.getByLabel('Adgangskode', { exact: true }).fill(ADMIN.password)
  await page.getByRole('button', { name: 'Log ind', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Brug som fællesskærm' })).toBeVisible()
  await page.getByRole('group', { name: 'Hvilket råd?' }).getByRole('radio', { name: council }).check()
  await page.getByRole('group', { name: 'Hvad skal skærmen vise?' }).getByRole('radio', { name: mode }).check()
  await page.getByRole('button', { name: 'Start skærmen' }).click()
  await expect(page).toHaveURL(/\/kiosk$/)
  await expect(page.getByRole('heading', { level: 1, name: council })).toBeVisible()
}

async function expectOnlyTheKiosk(page: Page, council: string): Promise<void> {
  await expect(page).toHaveURL(/\/kiosk$/)
  await expect(page.getByRole('heading', { level: 1, name: council })).toBeVisible()
  await expect(page.getByRole('navigation')).toHaveCount(0)
  // Nothing leads anywhere else: the skip link, and on a shared screen its council's meetings.
  const targets = await page.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
  for (const target of targets) expect(target).toMatch(/^(#indhold|\/moeder\/[0-9a-f-]{36})$/)
}

async function tryToLeave(page: Page, who: { email: string; password: string }): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Afslut kiosk' })
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Afslut kiosk' }).click()
  await dialog.getByLabel('E-mail').fill(who.email)
  await dialog.getByLabel('Adgangskode', { exact: true }).fill(who.password)
  await dialog.getByRole('button', { name: 'Log ind og afslut kiosk' }).click()
}

test.describe('Kiosk', () => {
  test('a shared screen shows the council and its members, and staff of the council can end it', async ({ page }) => {
    await page.goto('/kiosk/start')
    await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible()
    await page.getByLabel('E-mail').fill(ADMIN.email)
    await page.getByLabel('Adgangskode', { exact: true }).fill(ADMIN.password)
    await page.getByRole('button', { name: 'Log ind', exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Brug som fællesskærm' })).toBeVisible()
    await expect(page.getByRole('radio', { name: SOLBAKKEN })).toBeVisible()
    await runA11yKit(page, 'kiosk start')
    await page.getByRole('button', { name: 'Start skærmen' }).click()
    await expect(page.locator('.error-summary')).toBeFocused()
    await expect(page.locator('.error-summary').getByRole('link')).toHaveText(['Vælg et råd.', 'Vælg, hvad skærmen skal vise.'])
    await runA11yKit(page, 'kiosk start: nothing chosen')
    await page.getByRole('radio', { name: SOLBAKKEN }).check()
    await page.getByRole('radio', { name: 'Fællesskærm' }).check()
    await page.getByRole('button', { name: 'Start skærmen' }).click()

    await expectOnlyTheKiosk(page, SOLBAKKEN)
    await expect(page.getByText('Fællesskærm', { exact: true })).toBeVisible()
    const karen = page.getByRole('listitem').filter({ hasText: 'Karen Holm' })
    await expect(karen).toContainText('Formand')
    await expect(page.getByRole('listitem').filter({ hasText: 'Ali Hassan' })).toContainText('Næstformand')
    await runA11yKit(page, 'kiosk: shared screen')

    // Residents read the next agenda on the shared screen, and come back to it.
    await page.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen/ }).first().click()
    await expect(page.getByRole('article', { name: /Maden i huset/ })).toBeVisible()
    await expect(page.getByRole('navigation')).toHaveCount(0)
    await page.getByRole('link', { name: 'Tilbage til fællesskærmen' }).click()
    await expectOnlyTheKiosk(page, SOLBAKKEN)

    await page.getByRole('button', { name: 'Afslut kiosk' }).click()
    await expect(page.getByRole('dialog', { name: 'Afslut kiosk' })).toBeVisible()
    await runA11yKit(page, 'kiosk: leave dialog')
    await tryToLeave(page, SECRETARY)
    await expectSignedInAs(page, SECRETARY.name)
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' })).toBeVisible()
  })

  test('a voting booth cannot be left by other addresses, a reload, a wrong password or staff of another council', async ({ page }) => {
    await startKiosk(page, PSYKIATRI, 'Stemmeboks')
    await expect(page.getByText('Der er ikke noget valg lige nu.')).toBeVisible()
    await runA11yKit(page, 'kiosk: voting booth')

    for (const path of ['/mig', '/log-ind', '/admin', '/kiosk/start', '/k#KAFEHAVETUR4', '/indstillinger', '/findes-ikke']) {
      await page.goto(path)
      await expectOnlyTheKiosk(page, PSYKIATRI)
    }
    await page.reload()
    await expectOnlyTheKiosk(page, PSYKIATRI)
    await page.goBack()
    await expectOnlyTheKiosk(page, PSYKIATRI)

    await tryToLeave(page, { email: ADMIN.email, password: 'ikke-det-rigtige' })
    const dialog = page.getByRole('dialog', { name: 'Afslut kiosk' })
    await expect(dialog.locator('.error-summary')).toBeFocused()
    await expect(dialog.locator('.error-summary')).toContainText('E-mail eller adgangskode er forkert.')
    await runA11yKit(page, 'kiosk: leave dialog with an error')

    await tryToLeave(page, SECRETARY)
    await expect(dialog.locator('.error-summary')).toContainText('Du er ikke medarbejder ved dette råd.')
    await dialog.getByRole('button', { name: 'Fortryd' }).click()
    await expect(dialog).toBeHidden()
    await page.reload()
    await expectOnlyTheKiosk(page, PSYKIATRI)
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('brugerstemme.session.v1') ?? '{}').kind)).toBe('kiosk')

    await tryToLeave(page, ADMIN)
    await expectSignedInAs(page, ADMIN.name)
    await page.goto('/moeder')
    await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
  })
})
