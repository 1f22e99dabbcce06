import { expect, test, type Page } from '@playwright/test'
import { expectNoAxeViolations } from './a11y/kit.js'
import { addItem, createMeeting, findOnServer, pushFromPage, signInAsSecretary } from './sync-helpers.js'

const status = (page: Page) => page.getByRole('status').filter({ hasText: /Alt er sendt|venter|ikke modtaget/ })

test.describe('when the server refuses a change, the person sees what and why, and decides', () => {
  test('two people change the same easy-read text: both texts are shown, and "keep mine" wins', async ({ page, browser }) => {
    const councilId = await signInAsSecretary(page)
    await createMeeting(page, councilId, `Konflikt ${Date.now()}`)
    const title = `Udflugt ${Date.now()}`
    await addItem(page, title, 'Vi skal på tur.')
    await expect(status(page)).toHaveText('Alt er sendt.', { timeout: 20_000 })

    // A colleague on another device rewrites the same text while this device is offline (so it
    // cannot hear of the change before its own edit).
    await page.context().setOffline(true)
    const colleagueContext = await browser.newContext()
    const colleague = await colleagueContext.newPage()
    await signInAsSecretary(colleague)
    const item = (await findOnServer(colleague, councilId, 'agenda-item', 'title', title))!
    expect(await pushFromPage(colleague, { entity: 'agenda-item', entityId: item.id, op: 'patch', patch: { easyText: 'Vi tager til stranden.' }, baseVersion: item.version })).toBe('applied')

    await page.getByRole('link', { name: `Ret: ${title}` }).click()
    await page.getByRole('textbox', { name: 'Let tekst' }).fill('Vi tager i skoven.')
    await page.getByRole('button', { name: 'Gem punktet' }).click()
    await page.context().setOffline(false)

    await expect(status(page)).toContainText('Én ting blev ikke modtaget.', { timeout: 20_000 })
    await page.getByRole('link', { name: 'Se hvad der ikke blev modtaget' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Det blev ikke modtaget' })).toBeVisible()
    const refused = page.getByRole('listitem').filter({ hasText: title })
    await expect(refused.getByRole('heading', { level: 2 })).toHaveText(`Punkt på dagsordenen: ${title}`)
    await expect(refused).toContainText('En anden har ændret den samme tekst.')
    await expect(refused).toContainText('Vi tager i skoven.')
    await expect(refused).toContainText('Vi tager til stranden.')
    await expectNoAxeViolations(page)

    await refused.getByRole('button', { name: 'Behold min tekst' }).click()
    await expect(page.getByText('Alt du har skrevet, er modtaget.')).toBeVisible({ timeout: 20_000 })
    await expect.poll(async () => (await findOnServer(colleague, councilId, 'agenda-item', 'title', title))?.data.easyText, { timeout: 20_000 }).toBe('Vi tager i skoven.')
    await colleagueContext.close()
  })

  test('a change to something deleted elsewhere is explained and can be let go, with the keyboard', async ({ page, browser }) => {
    const councilId = await signInAsSecretary(page)
    await createMeeting(page, councilId, `Slettet ${Date.now()}`)
    const title = `Gammelt punkt ${Date.now()}`
    await addItem(page, title, 'Det her punkt bliver slettet.')
    await expect(status(page)).toHaveText('Alt er sendt.', { timeout: 20_000 })

    const colleagueContext = await browser.newContext()
    const colleague = await colleagueContext.newPage()
    await signInAsSecretary(colleague)
    const item = (await findOnServer(colleague, councilId, 'agenda-item', 'title', title))!

    await page.context().setOffline(true)
    await page.getByRole('link', { name: `Ret: ${title}` }).click()
    await page.getByRole('textbox', { name: 'Let overskrift' }).fill('Gammelt')
    await page.getByRole('button', { name: 'Gem punktet' }).click()
    expect(await pushFromPage(colleague, { entity: 'agenda-item', entityId: item.id, op: 'delete', patch: {}, baseVersion: item.version })).toBe('applied')
    await page.context().setOffline(false)

    await expect(status(page)).toContainText('Én ting blev ikke modtaget.', { timeout: 20_000 })
    await page.goto('/mig/afviste')
    const refused = page.getByRole('listitem').filter({ hasText: 'Gammelt' })
    await expect(refused).toContainText('En anden har slettet det, så din ændring kan ikke gemmes.')
    await expect(refused.getByRole('link', { name: 'Ret det' })).toHaveCount(0)

    await refused.getByRole('button', { name: 'Slet min ændring' }).focus()
    await page.keyboard.press('Enter')
    const yes = page.getByRole('button', { name: 'Ja, slet min ændring' })
    await expect(yes).toBeFocused()
    await expectNoAxeViolations(page)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('status').filter({ hasText: 'Din ændring er slettet.' })).toBeVisible()
    await expect(page.getByText('Alt du har skrevet, er modtaget.')).toBeVisible()
    await colleagueContext.close()
  })
})
