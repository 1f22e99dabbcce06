import { expect, test, type Page } from '@playwright/test'
import { KAREN, signInWithCardCode } from './accounts-helpers.js'
import { runA11yKit } from './a11y/kit.js'
import { chooseSettings } from './helpers.js'
import { cancelledSoFar, spokenSoFar as spoken, stubSpeech } from './speech-stub.js'

/**
 * What a new resident meets: a start page that leads to a council, read-aloud that works (or says
 * why it cannot), "Læs mere" with the full text and the decision, and attachments that say
 * whether the app has the file. Every new state is checked with the a11y kit at 320 px and the
 * largest text, in Danish and in English.
 */

const LANGUAGES = {
  da: {
    choose: 'Vælg dit råd',
    next: 'Næste møde',
    earlier: 'Tidligere møder',
    seeAgenda: /Se dagsordenen/,
    seeMinutes: /Se referatet/,
    readAloud: (title: string) => `Læs op: ${title}`,
    stopReading: (title: string) => `Stop oplæsning: ${title}`,
    stop: 'Stop oplæsning',
    readMore: 'Læs mere',
    moreAbout: (title: string) => `Læs det hele op: ${title}`,
    readAll: 'Læs det hele op',
    closedItem: 'Punkt 6: Lukket punkt',
    closedText: 'Kun rådets medlemmer kan se, hvad punktet handler om.',
    noVoice: 'Din enhed har ingen dansk stemme.',
    whatToDo: /dansk stemme i enhedens indstillinger/,
    decision: 'Beslutning',
    notInApp: 'Bilaget findes ikke i appen. Spørg sekretæren, hvis du vil se det.',
    addOne: 'Sæt mødet i din kalender',
    subscribe: 'Få alle rådets møder i kalenderen',
  },
  en: {
    choose: 'Choose your council',
    next: 'Next meeting',
    earlier: 'Earlier meetings',
    seeAgenda: /See the agenda/,
    seeMinutes: /See the minutes/,
    readAloud: (title: string) => `Read aloud: ${title}`,
    stopReading: (title: string) => `Stop reading: ${title}`,
    stop: 'Stop reading',
    readMore: 'Read more',
    moreAbout: (title: string) => `Read it all aloud: ${title}`,
    readAll: 'Read it all aloud',
    closedItem: 'Item 6: Closed item',
    closedText: "Only the council's members can see what this item is about.",
    noVoice: 'Your device has no Danish voice.',
    whatToDo: /Danish voice in the device settings/,
    decision: 'Decision',
    notInApp: 'The attachment is not in the app. Ask the secretary if you want to see it.',
    addOne: 'Add the meeting to your calendar',
    subscribe: "Get all the council's meetings in your calendar",
  },
} as const
type Language = keyof typeof LANGUAGES

/** A small phone with the largest text, in the given language. */
async function smallPhone(page: Page, language: Language): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 })
  await chooseSettings(page, { textSize: 'Størst', english: language === 'en' })
}

/** From the first visit's start page to Solbakken's page, and the addresses of its two meetings. */
async function solbakkenMeetings(page: Page, language: Language): Promise<{ agenda: string; minutes: string }> {
  const words = LANGUAGES[language]
  await page.goto('/')
  await page.getByRole('region', { name: words.choose }).getByRole('link', { name: /Brugerrådet på Solbakken/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Brugerrådet på Solbakken' })).toBeVisible()
  const agenda = await page.getByRole('region', { name: words.next }).getByRole('link', { name: words.seeAgenda }).getAttribute('href')
  const minutes = await page.getByRole('region', { name: words.earlier }).getByRole('link', { name: words.seeMinutes }).first().getAttribute('href')
  return { agenda: agenda!, minutes: minutes! }
}

for (const language of ['da', 'en'] as const) {
  const words = LANGUAGES[language]

  test.describe(`a resident's first visit and reading, in ${language === 'da' ? 'Danish' : 'English'} at 320 px with the largest text`, () => {
    test('the start page offers the councils to choose from, without device jargon', async ({ page }) => {
      await smallPhone(page, language)
      await page.goto('/')
      const choose = page.getByRole('region', { name: words.choose })
      await expect(choose.getByRole('link', { name: /Brugerrådet på Solbakken/ })).toBeVisible()
      await expect(choose.getByRole('link', { name: /Centerrådet for Socialpsykiatri/ })).toBeVisible()
      await expect(page.getByText(/på denne enhed|on this device/)).toHaveCount(0)
      await runA11yKit(page, `start page, first visit (${language})`)
    })

    test('read-aloud uses a Danish voice for the Danish text, shows how to stop, and reads Læs mere and the decision', async ({ page }) => {
      await stubSpeech(page, [
        { lang: 'en-GB', name: 'English' },
        { lang: 'da-DK', name: 'Dansk' },
      ])
      await smallPhone(page, language)
      const { agenda, minutes } = await solbakkenMeetings(page, language)

      await page.goto(agenda)
      // The closed item keeps its number on a small phone too, in the reader's own language.
      await expect(page.getByRole('article', { name: words.closedItem })).toContainText(words.closedText)
      const food = page.getByRole('article', { name: /Maden i huset/ })
      await food.getByRole('button', { name: words.readAloud('Maden i huset') }).click()
      // The text's language decides the voice, not the menus'; its labels are read in Danish too.
      expect(await spoken(page)).toEqual([expect.stringMatching(/^da-DK Dansk: 3\. Maden i huset\. Køkkenet vil høre.*Tænk over: Hvad synes du om maden\?$/)])
      const stop = food.getByRole('button', { name: words.stopReading('Maden i huset') })
      await expect(stop).toHaveText(words.stop)
      await runA11yKit(page, `agenda, reading aloud (${language})`)
      await stop.click()
      await expect(food.getByRole('button', { name: words.readAloud('Maden i huset') })).toBeVisible()

      await page.goto(minutes)
      const garden = page.getByRole('article', { name: /Haven/ })
      await garden.locator('summary').filter({ hasText: words.readMore }).click()
      // Its own button is at the top of the section, and says in words that it reads all of it.
      const readAll = garden.getByRole('button', { name: words.moreAbout('Haven') })
      await expect(readAll).toHaveText(words.readAll)
      const fullTitle = garden.getByRole('heading', { level: 3, name: 'Haven – nye bede' })
      expect((await readAll.boundingBox())!.y - (await fullTitle.boundingBox())!.y).toBeLessThan(300)
      await readAll.click()
      expect((await spoken(page)).at(-1)).toBe(
        'da-DK Dansk: Haven – nye bede. Sagsfremstilling. Beboerne har ønsket højbede i gårdhaven, så flere kan være med til havearbejdet. ' +
          'Ejendomsafdelingen har givet tilladelse, og udgiften dækkes af aktivitetsbudgettet. Beslutning. Besluttet. ' +
          'Brugerrådet besluttede at etablere fire højbede i gårdhaven. Beboerne hjælper med plantningen i maj. ' +
          'Bilag. Tegning af gårdhaven. Tilbud fra planteskolen. Bilaget findes ikke i appen. Spørg sekretæren, hvis du vil se det.',
      )
      // Closing the section while it reads stops the voice: no button would be left to stop it with.
      const stoppedBefore = await cancelledSoFar(page)
      await expect(garden.getByRole('button', { name: words.stopReading('Haven') })).toBeVisible()
      await runA11yKit(page, `minutes, Læs mere read aloud (${language})`)
      await garden.locator('summary').click()
      await expect(readAll).toHaveCount(0)
      await expect.poll(() => cancelledSoFar(page)).toBeGreaterThan(stoppedBefore)
      await expect(page.getByRole('button', { name: new RegExp(`^${words.stop}`) })).toHaveCount(0)
      await expect(garden.getByRole('button', { name: words.readAloud('Haven') })).toBeVisible()
    })

    test('without a Danish voice the button says why and what to do, and reads nothing in a wrong voice', async ({ page }) => {
      await stubSpeech(page, [{ lang: 'en-US', name: 'English' }])
      await smallPhone(page, language)
      const { agenda } = await solbakkenMeetings(page, language)
      await page.goto(agenda)
      const food = page.getByRole('article', { name: /Maden i huset/ })
      await food.getByRole('button', { name: words.readAloud('Maden i huset') }).click()
      const status = food.getByRole('status').filter({ hasText: words.noVoice })
      await expect(status).toBeVisible()
      await expect(status).toContainText(words.whatToDo)
      expect(await spoken(page)).toEqual([])
      await runA11yKit(page, `agenda, no Danish voice (${language})`)

      // The date card on the same narrow screen: its icons keep their size, and the time reads
      // in at most two lines ("kl. 13.30" / "til 15.00"), never one word a line.
      for (const icon of await page.locator('.date-card svg').all()) expect((await icon.boundingBox())!.width).toBeGreaterThanOrEqual(40)
      const timeLines = await page.locator('.date-card__text').nth(1).evaluate((el) => {
        const range = document.createRange()
        range.selectNodeContents(el)
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size
      })
      expect(timeLines).toBeLessThanOrEqual(2)
    })

    test('Læs mere in the minutes shows the full text and the decision; attachments say whether the app has the file', async ({ page }) => {
      await smallPhone(page, language)
      const { minutes } = await solbakkenMeetings(page, language)
      await page.goto(minutes)
      const garden = page.getByRole('article', { name: /Haven/ })
      await garden.locator('summary').filter({ hasText: words.readMore }).click()
      await expect(garden.getByRole('heading', { name: 'Sagsfremstilling' })).toBeVisible()
      await expect(garden).toContainText('Beboerne har ønsket højbede i gårdhaven')
      await expect(garden.getByRole('heading', { name: words.decision })).toBeVisible()
      await expect(garden).toContainText('Brugerrådet besluttede at etablere fire højbede i gårdhaven.')
      await expect(garden.getByRole('link', { name: 'Tegning af gårdhaven' })).toHaveAttribute('href', 'https://demo.brugerstemme.dk/bilag/gaardhaven.pdf')
      const missing = garden.getByRole('listitem').filter({ hasText: 'Tilbud fra planteskolen' })
      await expect(missing).toContainText(words.notInApp)
      await expect(missing.getByRole('link')).toHaveCount(0)
      // A meeting that has been held is not offered for the calendar; the council's feed still is.
      await expect(page.getByRole('link', { name: words.addOne })).toHaveCount(0)
      await expect(page.getByRole('link', { name: words.subscribe })).toBeVisible()
      await runA11yKit(page, `minutes, Læs mere open (${language})`)
    })
  })
}

test('a member who signs in with her card lands on her council’s next meeting; the start page shows her as chair, in Danish and English', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 })
  await chooseSettings(page, { textSize: 'Størst' })
  await signInWithCardCode(page, KAREN.code)
  await expect(page).toHaveURL(/\/moeder\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Møde i brugerrådet' })).toBeVisible()
  await expect(page.getByRole('article', { name: /Maden i huset/ })).toBeVisible()

  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Møder' }).click()
  const mine = page.getByRole('region', { name: 'Dit råd' })
  await expect(mine.getByRole('link', { name: /Brugerrådet på Solbakken/ })).toContainText('Din rolle: Formand')
  await expect(page.getByRole('region', { name: 'Kommende møder' }).getByRole('heading', { name: 'Møde i brugerrådet' })).toBeVisible()
  await runA11yKit(page, 'start page, signed-in chair')

  await chooseSettings(page, { english: true })
  await page.goto('/moeder')
  await expect(page.getByRole('region', { name: 'Your council' }).getByRole('link', { name: /Brugerrådet på Solbakken/ })).toContainText('Your role: Chair')
  await runA11yKit(page, 'start page, signed-in chair (en)')
})

test('the next-meeting landing without a council to go to leads to the start page', async ({ page }) => {
  await page.goto('/moeder/naeste')
  await expect(page).toHaveURL(/\/moeder$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Møder' })).toBeVisible()
})
