import { expect, test } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { appStarted } from './helpers.js'
import { screens } from './routes.js'

test.describe('the app shell', () => {
  test('opens in Danish with a skip link that leads to the page heading', async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/moeder$/)
    await expect(page.locator('html')).toHaveAttribute('lang', 'da')
    await expect(page).toHaveTitle('Møder – Brugerstemme')

    // The first key starts the app on the page the server rendered; the skip link is first either way.
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Gå til indholdet' })
    await expect(skip).toBeFocused()
    await expect(skip).toBeInViewport()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeFocused()
  })

  test('has a header with the name and a bottom menu with pictogram and text', async ({ page }) => {
    await page.goto('/moeder')
    await expect(page.getByRole('banner').getByRole('link', { name: /Brugerstemme/ })).toBeVisible()
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' })
    const links = menu.getByRole('link')
    await expect(links).toHaveText(['Møder', 'Valg', 'Workshops', 'Mig'])
    for (const link of await links.all()) {
      await expect(link.locator('svg')).toBeVisible()
      await expect(link.locator('svg')).toHaveAttribute('aria-hidden', 'true')
    }
    await expect(menu.getByRole('link', { name: 'Møder' })).toHaveAttribute('aria-current', 'page')

    // A council's and a meeting's pages belong to Møder: the tab marks the place, not the page.
    await page.goto('/raad')
    await page.getByRole('link', { name: /^Brugerrådet på Solbakken/ }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
    await expect(menu.getByRole('link', { name: 'Møder' })).toHaveAttribute('aria-current', 'true')
    await expect(menu.locator('[aria-current]')).toHaveCount(1)
    await page.getByRole('region', { name: 'Næste møde' }).getByRole('link', { name: /Se dagsordenen/ }).first().click()
    await expect(page.getByRole('article').first()).toBeVisible()
    await expect(menu.getByRole('link', { name: 'Møder' })).toHaveAttribute('aria-current', 'true')
  })

  test('moving with the menu by keyboard changes title, marks the place and focuses the heading', async ({ page }) => {
    await page.goto('/moeder')
    // The start page comes rendered by the server: until the app has taken it over, a link in it
    // is a plain link (a new page load, which leaves focus at the top, as on any first page).
    await appStarted(page)
    const menu = page.getByRole('navigation', { name: 'Hovedmenu' })
    for (const [name, path, title] of [
      ['Valg', '/valg', 'Valg'],
      ['Workshops', '/workshops', 'Workshops'],
      ['Mig', '/mig', 'Mig'],
      ['Møder', '/moeder', 'Møder'],
    ] as const) {
      await menu.getByRole('link', { name }).focus()
      await page.keyboard.press('Enter')
      await expect(page).toHaveURL(new RegExp(`${path}$`))
      await expect(page).toHaveTitle(`${title} – Brugerstemme`)
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused()
      await expect(menu.getByRole('link', { name })).toHaveAttribute('aria-current', 'page')
    }
  })

  test('every screen has one h1, its own title, and Hjælp and Tilgængelighedserklæring in the same place', async ({ page }) => {
    for (const screen of screens) {
      await page.goto(screen.path)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.da)
      await expect(page.locator('h1')).toHaveCount(1)
      await expect(page).toHaveTitle(`${screen.da} – Brugerstemme`)
      const footer = page.getByRole('contentinfo')
      await expect(footer.getByRole('link')).toHaveText(['Hjælp', 'Tilgængelighedserklæring'])
    }
  })

  test('the help links work and the statement points to the municipality and the law', async ({ page }) => {
    await page.goto('/valg')
    await page.getByRole('contentinfo').getByRole('link', { name: 'Hjælp' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Hjælp' })).toBeFocused()
    await expect(page.getByText(/Version \d+\.\d+\.\d+/)).toBeVisible()

    await page.getByRole('contentinfo').getByRole('link', { name: 'Tilgængelighedserklæring' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Tilgængelighedserklæring' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Kommunen har ikke udfyldt det hele endnu' })).toBeVisible()
    await expect(page.getByText('Kommunen, der driver appen, skal udfylde erklæringen. Disse dele mangler:')).toBeVisible()
    await expect(page.getByRole('link', { name: 'Sådan henvender du dig til Digitaliseringsstyrelsen' })).toHaveAttribute(
      'href',
      'https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/',
    )
    await expect(page.getByRole('link', { name: 'Læs loven på Retsinformation' })).toHaveAttribute(
      'href',
      'https://www.retsinformation.dk/eli/lta/2018/692',
    )
  })

  test('a path that does not exist says so and offers the way back', async ({ page }) => {
    await page.goto('/noget/der/ikke/findes')
    await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke' })).toBeVisible()
    await page.getByRole('link', { name: 'Gå til forsiden' }).click()
    await expect(page).toHaveURL(/\/moeder$/)
  })

  test('loads nothing from any other origin', async ({ page }) => {
    const foreign: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith('http://localhost:')) foreign.push(request.url())
    })
    for (const screen of screens) await page.goto(screen.path)
    expect(foreign).toEqual([])
  })
})

test('when the rest of the app cannot be fetched after the first paint, the page says so, and the app starts by itself once it can be', async ({ page }) => {
  // What talks to the server (sync, accounts, the service worker) comes after the first paint
  // (src/app/start-later.ts). A server that hiccups in between: the page is there, and says so.
  let reachable = false
  await page.route(/\/assets\/start-later-[\w-]+\.js$/, (route) => (reachable ? route.continue() : route.abort()))
  await page.goto('/hjaelp')
  await expect(page.getByRole('heading', { level: 1, name: 'Hjælp' })).toBeVisible()
  const alert = page.getByRole('alert')
  await expect(alert).toHaveText(/En del af appen kunne ikke hentes\. Du kan læse det, der er her\. Appen prøver igen af sig selv\./)
  await expect(alert.getByRole('button', { name: 'Genindlæs siden' })).toBeVisible()
  await runA11yKit(page, 'the rest of the app could not be fetched')

  // The device never went offline, so no `online` event comes: the app tries again on its own.
  reachable = true
  await page.waitForRequest(/\/api\/sync\/pull/, { timeout: 15_000 })
  await expect(alert).toHaveCount(0)
  // The screens after the first come too: the menu leads on.
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mig' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Mig' })).toBeVisible()
})

test.describe('sync status on Mig', () => {
  test('says everything is sent, and that work is kept on the device when the connection drops', async ({ page, context }) => {
    await page.goto('/mig')
    const status = page.getByRole('main').getByRole('status')
    await expect(status).toHaveText('Alt er sendt.')
    await context.setOffline(true)
    await expect(status).toHaveText('Ingen forbindelse. Det du skriver, bliver gemt på denne enhed.')
    await context.setOffline(false)
    await expect(status).toHaveText('Alt er sendt.')
  })

  test('says the connection is gone also before sync has started (its chunk not yet fetched)', async ({ page, context }) => {
    // Sync starts after the first paint (src/app/start-later.ts); until its chunk is in, the
    // connection itself decides what Mig says.
    let reachable = false
    await page.route(/\/assets\/start-later-[\w-]+\.js$/, (route) => (reachable ? route.continue() : route.abort()))
    await page.goto('/mig')
    const status = page.getByRole('main').getByRole('status')
    await expect(status).toHaveText('Alt er sendt.')
    await context.setOffline(true)
    await expect(status).toHaveText('Ingen forbindelse. Det du skriver, bliver gemt på denne enhed.')
    await runA11yKit(page, 'offline before sync has started')
    reachable = true
    const pulled = page.waitForRequest(/\/api\/sync\/pull/)
    await context.setOffline(false)
    await pulled
    await expect(status).toHaveText('Alt er sendt.')
  })
})

test('a screen read from the server (Valg) says offline that it cannot be fetched, not that something typed is waiting, and comes by itself when the connection returns', async ({ page, context }) => {
  // Read online first, as a relative would, then back to Møder; the connection drops; Valg again.
  await page.goto('/valg')
  await appStarted(page)
  const elections = page.getByRole('main').getByRole('list').getByRole('link')
  await expect(elections.first()).toBeVisible()
  const menu = page.getByRole('navigation', { name: 'Hovedmenu' })
  await menu.getByRole('link', { name: 'Møder' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
  await context.setOffline(true)
  await menu.getByRole('link', { name: 'Valg' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Valg' })).toBeVisible()
  const problem = page.getByRole('alert')
  await expect(problem).toHaveText('Der er ingen forbindelse, så siden kan ikke hentes. Den kommer af sig selv, når forbindelsen er tilbage.')
  await runA11yKit(page, 'elections offline')
  await context.setOffline(false)
  await expect(problem).toHaveCount(0)
  await expect(elections.first()).toBeVisible()
})
