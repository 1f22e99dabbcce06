import { expect, test } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { appStarted } from './helpers.js'

test.describe('the public council pages', () => {
  test('anyone finds the councils from the Møder page, grouped by place', async ({ page }) => {
    await page.goto('/moeder')
    // Moving within the app (focus on the new heading) starts once the app runs the page.
    await appStarted(page)
    await page.getByRole('link', { name: /Se rådene/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Rådene' })).toBeFocused()
    await expect(page).toHaveTitle('Rådene – Brugerstemme')
    const solbakken = page.getByRole('region', { name: 'Bostedet Solbakken' })
    await expect(solbakken.getByRole('link', { name: /Brugerrådet på Solbakken/ })).toContainText('Brugerråd')
    const centre = page.getByRole('region', { name: 'Center for Socialpsykiatri' })
    await expect(centre.getByRole('link', { name: /Centerrådet for Socialpsykiatri/ })).toContainText('Centerråd')
    await runA11yKit(page, '/raad')
  })

  test('a visitor sees the publicly listed members with their role, and no one else nor who is whose relative', async ({ page }) => {
    await page.goto('/raad')
    await page.getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
    await expect(page).toHaveTitle('Brugerrådet på Solbakken – Brugerstemme')
    await expect(page.getByText('Brugerråd · Bostedet Solbakken')).toBeVisible()
    await expect(page.getByText(/Vi mødes hver anden måned/)).toBeVisible()

    const members = page.getByRole('region', { name: 'Hvem er i rådet?' })
    const karen = members.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Karen Holm' }) })
    await expect(karen).toContainText('Formand')
    // No photo consent in the demo: a neutral pictogram, hidden from screen readers.
    await expect(karen.locator('svg')).toHaveAttribute('aria-hidden', 'true')
    const lene = members.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Lene Holm' }) })
    await expect(lene).toContainText('Pårørenderepræsentant')
    // With a shared surname the "Pårørende" label would tell a stranger whose relative she is.
    await expect(lene.getByText('Pårørende', { exact: true })).toHaveCount(0)
    await expect(members.getByRole('heading', { name: 'Ali Hassan' })).toBeVisible()
    await expect(members.getByRole('heading', { name: 'Jonas Friis' })).toBeVisible()
    await expect(members.getByRole('heading', { name: 'Mette Kjær' })).toBeVisible()
    await expect(page.getByText('Birthe Lund')).toHaveCount(0)
    await expect(members.getByText('Her ser du de medlemmer, som har sagt ja til at blive vist for alle.')).toBeVisible()
    await runA11yKit(page, '/raad/:id public')
  })

  test('a visitor can follow a council so it stays on the device, and stop again', async ({ page }) => {
    await page.goto('/raad')
    await page.getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
    const id = new URL(page.url()).pathname.split('/').at(-1)!
    await page.getByRole('button', { name: 'Gem til offline' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Rådets møder er nu gemt på denne enhed.' })).toBeVisible()
    expect(await page.evaluate(() => localStorage.getItem('brugerstemme.follows.v1'))).toBe(JSON.stringify([id]))
    await runA11yKit(page, '/raad/:id following')

    // The start page now shows its meetings, and leads back to the council itself.
    await page.getByRole('link', { name: 'Møder', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Kommende møder' })).toBeVisible()
    await runA11yKit(page, 'start page following a council')
    await page.getByRole('link', { name: /^Brugerrådet på Solbakken.*Hvem er med, og tidligere møder/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()

    await page.reload()
    await expect(page.getByText('Rådets møder er gemt på denne enhed. Du kan læse dem uden internet.')).toBeVisible()
    await page.getByRole('button', { name: 'Fjern fra denne enhed' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Rådet bliver ikke længere gemt på denne enhed.' })).toBeVisible()
    expect(await page.evaluate(() => localStorage.getItem('brugerstemme.follows.v1'))).toBe('[]')
    await page.getByRole('link', { name: 'Møder', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Vælg dit råd' })).toBeVisible()
    await expect(page.getByRole('link', { name: /Hvem er med, og tidligere møder/ })).toHaveCount(0)
  })

  test('the members of a followed council are kept on the device and shown offline', async ({ page, context }) => {
    await page.goto('/raad')
    await page.getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
    await page.getByRole('button', { name: 'Gem til offline' }).click()
    await expect(page.getByRole('heading', { name: 'Karen Holm' })).toBeVisible()
    await page.getByRole('link', { name: 'Se alle rådene' }).first().click()
    await expect(page.getByRole('heading', { level: 1, name: 'Rådene' })).toBeFocused()
    await context.setOffline(true)
    await page.getByRole('link', { name: /^Brugerrådet på Solbakken/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Karen Holm' })).toBeVisible()
    await context.setOffline(false)
  })

  test('a council that is not on the device says so and leads back to the list', async ({ page }) => {
    await page.goto('/raad/0190f5a0-0000-7000-8000-000000000000')
    await expect(page.getByText(/Vi kan ikke finde rådet på denne enhed/)).toBeVisible()
    await runA11yKit(page, '/raad/:id unknown')
    await page.getByRole('link', { name: 'Se alle rådene' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Rådene' })).toBeVisible()
  })
})
