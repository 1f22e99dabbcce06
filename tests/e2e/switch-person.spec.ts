import { expect, test } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { cachedMe, dumpBrowserStorage, expectSignedInAs, fromNextMeetingToMig, KAREN, SECRETARY, sessionCookie, signInAsStaffUI, signInWithCardCode } from './accounts-helpers.js'
import { SYNC_PROTOCOL_VERSION } from '../../src/shared/sync/protocol.js'
import { chooseSettings, waitForServiceWorker } from './helpers.js'

test.describe('Skift person and sign-out', () => {
  test('after Skift person nothing of Karen can be read on the device, and the device settings stay', async ({ page }) => {
    await chooseSettings(page, { textSize: 'Større' })
    await signInWithCardCode(page, KAREN.code)
    await fromNextMeetingToMig(page)
    await expectSignedInAs(page, KAREN.name)
    const { personId } = await cachedMe(page)
    expect(personId).toBeTruthy()
    // Her council's members arrive by sync; other features may keep things in session storage
    // and runtime caches too, so the wipe has to find those as well.
    await expect.poll(async () => (await dumpBrowserStorage(page)).includes('"entity":"council-member"'), { timeout: 15_000 }).toBe(true)
    await page.evaluate(async (name) => {
      sessionStorage.setItem('some-feature-draft', name)
      await (await caches.open('runtime-photos')).put('/photo-of-karen', new Response(name))
    }, KAREN.name)
    const before = await dumpBrowserStorage(page)
    expect(before).toContain(KAREN.name)
    expect(before).toContain(personId)

    await page.getByRole('button', { name: 'Skift person' }).click()
    await expect(page).toHaveURL(/\/log-ind$/)
    await expect(page.getByText('Du er logget ud. Dine data er fjernet fra denne enhed.')).toBeVisible()
    await runA11yKit(page, 'sign-in after Skift person, with the notice')

    for (const moment of ['right after', 'after a reload']) {
      if (moment === 'after a reload') await page.reload()
      await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible()
      const after = await dumpBrowserStorage(page)
      // The card code as typed and as stored; not its first four letters alone, because the app's
      // own precached code holds the join-code example "fx KAFE23".
      for (const trace of [KAREN.name, 'Karen', personId!, 'KAFE-HAVE', 'KAFEHAVETUR4', 'runtime-photos', 'some-feature-draft', '"kind":"person"']) {
        expect(after, `${moment}: "${trace}" is still on the device`).not.toContain(trace)
      }
      expect(await sessionCookie(page)).toBeUndefined()
      expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBe(20)
    }
  })

  test('unsent work is not lost: the person is asked, and it is sent when they sign in again', async ({ page }) => {
    await signInAsStaffUI(page, SECRETARY)
    await expectSignedInAs(page, SECRETARY.name)
    const councilId = (await cachedMe(page)).staffCouncilIds![0]
    // The server cannot be reached for sending (a bad connection), everything else works.
    await page.route('**/api/sync/push', (route) => route.abort('internetdisconnected'))
    await page.goto(`/moeder/ny?raad=${councilId}`)
    await page.getByLabel('Mødets navn').fill('Sommerfest i haven')
    await page.getByLabel('Dato').fill('2026-07-01')
    await page.getByRole('button', { name: 'Gem mødet' }).click()
    await expect(page.getByText('Mødet er gemt på denne enhed.')).toBeVisible()

    await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mig' }).click()
    await page.getByRole('button', { name: 'Log ud på denne enhed' }).click()
    const dialog = page.getByRole('dialog', { name: 'Én ting er ikke sendt endnu' })
    await expect(dialog).toBeVisible()
    await expect(dialog).toContainText('Hvis du logger ud nu, bliver det gemt på denne enhed, til du logger ind her igen. Så bliver det sendt, eller du får at vide, hvorfor det ikke kan.')
    await runA11yKit(page, 'sign-out: unsent work')
    await dialog.getByRole('button', { name: 'Prøv at sende igen' }).click()
    await expect(dialog.getByRole('status')).toHaveText('Det kunne stadig ikke sendes. Én ting venter.')
    await dialog.getByRole('button', { name: 'Bliv logget ind' }).click()
    await expect(dialog).toBeHidden()
    await expectSignedInAs(page, SECRETARY.name)

    await page.getByRole('button', { name: 'Log ud på denne enhed' }).click()
    await dialog.getByRole('button', { name: 'Log ud alligevel' }).click()
    await expect(page.getByText('Du er ikke logget ind.')).toBeVisible()
    await expect(page.getByText('Én ting er ikke sendt. Den er gemt her, til du logger ind igen.')).toBeVisible()
    const signedOut = await dumpBrowserStorage(page)
    // Kept for her, sealed with her key: nobody else on the tablet can read what she wrote.
    expect(signedOut).not.toContain('Sommerfest i haven')
    expect(signedOut).not.toContain(SECRETARY.name)
    expect(signedOut).not.toContain('"kind":"person"')

    await page.unroute('**/api/sync/push')
    await signInAsStaffUI(page, SECRETARY)
    await expectSignedInAs(page, SECRETARY.name)
    await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'sendt' })).toHaveText('Alt er sendt.')
    await expect.poll(async () => JSON.parse(await dumpBrowserStorage(page))['indexedDB:brugerstemme/held']).toEqual([])
    // It reached the server: a fresh pull of the council has the meeting.
    const pull = await page.request.get(`/api/sync/pull?since=0&scopes=council:${councilId}&protocolVersion=${SYNC_PROTOCOL_VERSION}`)
    expect(pull.status()).toBe(200)
    expect(await pull.text()).toContain('Sommerfest i haven')
  })
})

test('signed out while offline: when the connection returns, the server hears of it before anything syncs', { tag: '@service-worker' }, async ({ page, context }) => {
  await signInWithCardCode(page, KAREN.code)
  await fromNextMeetingToMig(page)
  await expectSignedInAs(page, KAREN.name)
  await waitForServiceWorker(page)
  await context.setOffline(true)
  await page.goto('/mig')
  await page.getByRole('button', { name: 'Skift person' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible()

  // The old cookie is still in the browser: a sync now would fetch Karen's council again.
  const order: string[] = []
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (path === '/api/auth/sign-out' || path.startsWith('/api/sync/')) order.push(`${request.method()} ${path}`)
  })
  await context.setOffline(false)
  await expect.poll(() => order.length, { timeout: 15_000 }).toBeGreaterThan(0)
  expect(order[0]).toBe('POST /api/auth/sign-out')
  await expect.poll(async () => sessionCookie(page), { timeout: 10_000 }).toBeUndefined()
  const stored = await dumpBrowserStorage(page)
  expect(stored).not.toContain(KAREN.name)
})
