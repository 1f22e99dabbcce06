import { expect, test } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { cachedMe, expectSignedInAs, fromNextMeetingToMig, KAREN, LENE, SECRETARY, sessionCookie, signInWithCardCode, tabTo } from './accounts-helpers.js'

test.describe('Log ind', () => {
  test('staff sign in with the keyboard only; a wrong password is explained and leads back to the field', async ({ page }) => {
    await page.goto('/log-ind')
    await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible()
    await expect(page.getByText('Brug QR-koden eller koden på dit kort.')).toBeVisible()
    await expect(page.getByText('Log ind med din e-mail og din adgangskode.')).toBeVisible()
    await runA11yKit(page, 'sign-in: the two ways')

    const staffWay = page.getByRole('button', { name: /Jeg er medarbejder/ })
    await tabTo(page, staffWay)
    await page.keyboard.press('Enter')
    await expect(staffWay).toHaveAttribute('aria-expanded', 'true')
    const email = page.getByLabel('E-mail')
    const password = page.getByLabel('Adgangskode', { exact: true })
    await expect(email).toHaveAttribute('autocomplete', 'username')
    await expect(password).toHaveAttribute('autocomplete', 'current-password')
    await expect(password).toHaveAttribute('type', 'password')
    // The form opens right after the chosen way, so the next Tab lands in it.
    await page.keyboard.press('Tab')
    await expect(email).toBeFocused()
    await runA11yKit(page, 'sign-in: staff form')

    await tabTo(page, email)
    await page.keyboard.type(SECRETARY.email)
    await page.keyboard.press('Tab')
    await expect(password).toBeFocused()
    await page.keyboard.type('forkert-kodeord-1')
    await page.keyboard.press('Enter')

    const summary = page.locator('.error-summary')
    await expect(summary).toBeFocused()
    await expect(summary.getByRole('heading', { name: 'Der er et problem' })).toBeVisible()
    const link = summary.getByRole('link', { name: 'E-mail eller adgangskode er forkert. Tjek begge og prøv igen.' })
    await expect(link).toHaveAttribute('href', '#staff-password')
    await expect(password).toHaveAttribute('aria-invalid', 'true')
    await runA11yKit(page, 'sign-in: wrong password')

    await tabTo(page, link)
    await page.keyboard.press('Enter')
    await expect(password).toBeFocused()
    // The show-password box lets a person check what they typed.
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type(SECRETARY.password)
    await page.keyboard.press('Tab')
    await expect(page.getByRole('checkbox', { name: 'Vis adgangskoden' })).toBeFocused()
    await page.keyboard.press('Space')
    await expect(password).toHaveAttribute('type', 'text')
    await expect(password).toHaveValue(SECRETARY.password)
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Log ind', exact: true })).toBeFocused()
    await page.keyboard.press('Enter')

    await expectSignedInAs(page, SECRETARY.name)
    await expect(page.getByText('Medarbejder', { exact: true })).toBeVisible()
    await expect(page.getByRole('link', { name: /Administration/ })).toHaveAttribute('href', '/admin')
    await expect(page.getByRole('link', { name: /Brug som fællesskærm/ })).toBeVisible()

    // localhost is a secure context, so Chromium keeps the __Host- Secure cookie over http.
    const cookie = await sessionCookie(page)
    expect(cookie, 'the __Host- session cookie is stored').toBeDefined()
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' })
  })

  test('a person without a camera types the code from the card, in any case and with spaces', async ({ page }) => {
    await page.goto('/log-ind')
    await page.getByRole('button', { name: /Jeg har et login-kort/ }).click()
    // No camera on this device: only the typed code is offered.
    await expect(page.getByRole('button', { name: 'Scan QR-koden med kameraet' })).toHaveCount(0)
    const code = page.getByLabel('Koden fra dit kort')
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code')
    await runA11yKit(page, 'sign-in: card form')

    await page.getByRole('button', { name: 'Log ind', exact: true }).click()
    await expect(page.locator('.error-summary').getByRole('link', { name: 'Skriv koden fra dit kort.' })).toBeVisible()
    await code.fill('ABCD-EFGH-JKL2')
    await page.getByRole('button', { name: 'Log ind', exact: true }).click()
    const summary = page.locator('.error-summary')
    await expect(summary).toBeFocused()
    await expect(summary.getByRole('link', { name: /Koden virker ikke\. Tjek bogstaverne på kortet/ })).toHaveAttribute('href', '#card-code')
    await runA11yKit(page, 'sign-in: unknown card')

    await code.fill('kafe have tur4')
    await page.getByRole('button', { name: 'Log ind', exact: true }).click()
    await fromNextMeetingToMig(page)
    await expectSignedInAs(page, KAREN.name)
    await expect(page.getByText('Medlem', { exact: true })).toBeVisible()
    await expect(page.getByRole('link', { name: /Administration/ })).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Hent mine data' })).toHaveAttribute('href', '/api/me/export')
    await expect(page.getByText('Denne enhed', { exact: true })).toBeVisible()
    await runA11yKit(page, 'Mig: signed in as a member')

    // Asking for erasure needs a second, clear step.
    await page.getByRole('button', { name: 'Bed om at få slettet mine data' }).click()
    await expect(page.getByRole('heading', { name: 'Vil du have slettet dine data?' })).toBeFocused()
    await runA11yKit(page, 'Mig: confirm erasure request')
    await page.getByRole('button', { name: 'Nej, fortryd' }).click()
    await expect(page.getByRole('button', { name: 'Bed om at få slettet mine data' })).toBeFocused()
  })

  test('the link on the card signs in at once, leaves no code in the address, and greets the person', async ({ page }) => {
    await page.goto('/k#KAFEHAVETUR4')
    await expect(page.getByRole('status').filter({ hasText: 'Hej Karen Holm' })).toBeVisible()
    await expect(page).toHaveURL(/\/k$/)
    const traces = await page.evaluate(() => JSON.stringify({ href: location.href, state: history.state }))
    expect(traces).not.toContain('KAFE')
    expect((await cachedMe(page)).kind).toBe('person')
    await runA11yKit(page, 'key link: welcome')
    await page.getByRole('button', { name: 'Gå videre' }).click()
    await fromNextMeetingToMig(page)
    await expectSignedInAs(page, KAREN.name)
  })

  test('a link that does not work says so and offers to type the code', async ({ page }) => {
    await page.goto('/k#FORKERTKODE1')
    await expect(page.getByRole('alert')).toContainText('Linket virker ikke')
    await expect(page.getByRole('alert')).toContainText('Koden virker ikke.')
    await expect(page).toHaveURL(/\/k$/)
    await runA11yKit(page, 'key link: failed')
    await page.getByRole('link', { name: /Skriv koden i stedet/ }).click()
    await expect(page.getByRole('button', { name: /Jeg har et login-kort/ })).toHaveAttribute('aria-expanded', 'true')
    await expect(page.getByLabel('Koden fra dit kort')).toBeVisible()
  })

  test('Mig without sign-in offers a big Log ind link', async ({ page }) => {
    await page.goto('/mig')
    await expect(page.getByText('Du er ikke logget ind.')).toBeVisible()
    await runA11yKit(page, 'Mig: not signed in')
    await page.getByRole('link', { name: /Log ind/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible()
  })

  test('a relative chooses to act for a resident, and every screen says so', async ({ page }) => {
    await signInWithCardCode(page, LENE.code)
    await fromNextMeetingToMig(page)
    await expectSignedInAs(page, LENE.name)
    await expect(page.getByText('Pårørende', { exact: true })).toBeVisible()
    const group = page.getByRole('group', { name: 'Jeg handler for …' })
    await expect(group.getByRole('radio', { name: `Mig selv (${LENE.name})` })).toBeChecked()
    await group.getByRole('radio', { name: KAREN.name }).check()
    await expect(page.getByRole('status').filter({ hasText: `Nu handler du på vegne af ${KAREN.name}.` })).toBeVisible()
    const banner = page.getByText(`Du handler på vegne af ${KAREN.name}`, { exact: true })
    await expect(banner).toBeVisible()
    await runA11yKit(page, 'Mig: relative acting for a resident')

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Møder' }).click()
    await expect(banner).toBeVisible()
    await page.reload()
    await expect(banner).toBeVisible()

    await page.getByRole('link', { name: 'Skift', exact: true }).click()
    await page.getByRole('group', { name: 'Jeg handler for …' }).getByRole('radio', { name: /Mig selv/ }).check()
    await expect(banner).toHaveCount(0)
  })
})
