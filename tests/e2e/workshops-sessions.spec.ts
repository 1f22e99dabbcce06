import { expect, test, type Browser, type Page } from '@playwright/test'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { joinCode } from '../../src/shared/workshops/rules.js'
import { runA11yKit } from './a11y/kit.js'
import { SECRETARY, SOLBAKKEN, tabTo } from './accounts-helpers.js'
import { councilIdByName, signInAsStaff } from './admin-helpers.js'
import { chooseSettings } from './helpers.js'
import { putAllFromPage } from './sync-helpers.js'

/** A staff browser at 320 px with the largest text, as a facilitator on a phone at the session. */
async function staffPhone(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })).newPage()
  await signInAsStaff(page, { email: SECRETARY.email, password: SECRETARY.password })
  await chooseSettings(page, { textSize: 'Størst' })
  await page.setViewportSize({ width: 320, height: 800 })
  return page
}

/** A running process with its first workshop, as staff's device would have made it. */
async function runningProcess(staff: Page): Promise<{ processId: string; title: string }> {
  const councilId = await councilIdByName(staff, SOLBAKKEN)
  const processId = uuidv7()
  const code = joinCode(crypto.getRandomValues(new Uint8Array(6)))
  const title = `Haven bag huset ${code}`
  const records = [
    {
      entity: 'workshop-process', entityId: processId, patch: {
        councilId, kind: 'co-creation', title, purpose: 'Hvad skal haven bruges til?', frame: '', budget: null, phase: 'collect', templateId: null,
        invitees: [], status: '', statusEasy: '', proposal: '', proposalEasy: '', deadline: null, caseText: '', caseEasy: '', response: '', responseSentOn: null, reportPublished: false,
      },
    },
    {
      entity: 'workshop-session', entityId: uuidv7(), patch: {
        councilId, processId, kind: 'workshop', title: 'Første værksted', date: null, place: 'Caféen', code, inputOpen: false, allowAnonymous: true,
        questions: [{ id: uuidv7(), text: 'Hvad bruger du haven til?', easyText: '' }], minutes: '',
      },
    },
  ]
  const results = await putAllFromPage(staff, records)
  expect(results).toEqual(['applied', 'applied'])
  return { processId, title }
}

test.describe('Workshops: sessions and questions added later', () => {
  test('the facilitator adds a dialogue meeting with two questions to a running process by keyboard at 320 px; a participant answers them, and a question added while input is open', async ({ browser, page, baseURL }) => {
    test.setTimeout(180_000)
    const staff = await staffPhone(browser, baseURL)
    const made = await runningProcess(staff)
    await staff.goto(`/workshops/${made.processId}/styr`)
    await expect(staff.getByRole('heading', { level: 1, name: `Styr: ${made.title}` })).toBeVisible()

    const add = staff.getByRole('link', { name: 'Tilføj et møde' })
    await tabTo(staff, add, 60)
    await staff.keyboard.press('Enter')
    await expect(staff.getByRole('heading', { level: 1, name: 'Tilføj et møde' })).toBeVisible()
    await runA11yKit(staff, 'add a session')

    // "Gem" without a name: the summary takes focus and what was typed stays.
    await staff.getByRole('radio', { name: 'Dialogmøde' }).check()
    await staff.getByLabel('Sted (hvis I kender det)').fill('Biblioteket')
    await staff.getByRole('button', { name: 'Gem mødet' }).click()
    const summary = staff.locator('.error-summary')
    await expect(summary).toBeFocused()
    await expect(summary.getByRole('link', { name: 'Giv mødet et navn.' })).toBeVisible()
    await expect(staff.getByLabel('Sted (hvis I kender det)')).toHaveValue('Biblioteket')
    await expect(staff.getByRole('radio', { name: 'Dialogmøde' })).toBeChecked()
    await runA11yKit(staff, 'add a session: the name is missing')
    await summary.getByRole('link', { name: 'Giv mødet et navn.' }).click()
    await expect(staff.getByLabel('Navn på mødet')).toBeFocused()
    await staff.keyboard.type('Dialogmøde i haven')
    await staff.keyboard.press('Enter')
    await expect(staff.getByRole('heading', { level: 1, name: 'Møde: Dialogmøde i haven' })).toBeVisible()
    await expect(staff.getByRole('status').filter({ hasText: 'Mødet er gemt. Nu kan du tilføje spørgsmål.' })).toBeVisible()
    await expect(staff.getByRole('heading', { level: 1, name: 'Møde: Dialogmøde i haven' })).toBeFocused()
    await expect(staff.getByText('Der er ingen spørgsmål endnu.')).toBeVisible()
    await runA11yKit(staff, 'a new session without questions')

    await staff.getByRole('button', { name: 'Tilføj spørgsmål' }).click()
    await expect(staff.locator('.error-summary').getByRole('link', { name: 'Skriv spørgsmålet.' })).toBeVisible()
    await runA11yKit(staff, 'a question is missing')
    await staff.getByLabel('Spørgsmål', { exact: true }).fill('Hvad skal vi plante?')
    await staff.getByRole('button', { name: 'Tilføj spørgsmål' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Det er nummer 1.' })).toBeVisible()
    await staff.getByLabel('Spørgsmål', { exact: true }).fill('Hvem vil passe haven?')
    await staff.getByLabel('Det samme i let sprog (hvis du vil)').fill('Vil du hjælpe i haven?')
    await staff.keyboard.press('Enter')
    await expect(staff.getByRole('status').filter({ hasText: 'Det er nummer 2.' })).toBeVisible()
    const questions = staff.locator('ol.questions .question__text')
    await expect(questions).toHaveText(['Hvad skal vi plante?', 'Hvem vil passe haven?'])
    await runA11yKit(staff, 'a session with two questions')

    // Ordered with buttons and the keyboard; focus follows the question.
    await tabTo(staff, staff.getByRole('button', { name: 'Flyt spørgsmål 2 op' }), 80)
    await staff.keyboard.press('Enter')
    await expect(staff.getByRole('status').filter({ hasText: 'Det er nu nummer 1.' })).toBeVisible()
    await expect(questions).toHaveText(['Hvem vil passe haven?', 'Hvad skal vi plante?'])
    await expect(staff.getByRole('button', { name: 'Flyt spørgsmål 1 ned' })).toBeFocused()
    // Edited in place; an empty edit is refused and keeps the rest.
    await staff.getByRole('button', { name: 'Ret spørgsmål 2' }).click()
    await expect(staff.getByLabel('Spørgsmål', { exact: true }).first()).toBeFocused()
    await staff.locator('#edit-question').fill('')
    await staff.getByRole('button', { name: 'Gem spørgsmål 2' }).click()
    await expect(staff.locator('.error-summary').getByRole('link', { name: 'Skriv spørgsmålet.' })).toBeVisible()
    await runA11yKit(staff, 'editing a question: the text is missing')
    await staff.locator('#edit-question').fill('Hvad skal vi plante i bedene?')
    await staff.getByRole('button', { name: 'Gem spørgsmål 2' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Spørgsmål 2 er gemt.' })).toBeVisible()
    await expect(staff.getByRole('button', { name: 'Ret spørgsmål 2' })).toBeFocused()
    await expect(questions).toHaveText(['Hvem vil passe haven?', 'Hvad skal vi plante i bedene?'])

    await staff.getByRole('link', { name: 'Tilbage til Styr processen' }).click()
    await staff.getByRole('button', { name: 'Åbn for input til Dialogmøde i haven' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Der er åbent for input.' })).toBeVisible()
    await expect(staff.getByText(/Dialogmøde i haven \(dialogmøde\)/)).toBeVisible()
    await runA11yKit(staff, 'facilitator: a second session, open')
    const code = (await staff.getByText(/Dialogmøde i haven \(dialogmøde\)/).textContent())!.match(/kode ([A-Z0-9]{6})/)![1]!

    // The participant joins the new session and gets its questions one per screen.
    await page.setViewportSize({ width: 320, height: 800 })
    await page.goto(`/workshops/deltag/${code}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Dialogmøde i haven' })).toBeVisible()
    await page.getByRole('button', { name: 'Vær med' }).click()
    await page.getByRole('link', { name: 'Kom med input til Dialogmøde i haven' }).click()
    await expect(page.getByLabel('Hvem vil passe haven?')).toBeVisible({ timeout: 20_000 })
    await expect(page.getByText('Spørgsmål 1 af 2')).toBeVisible()
    await expect(page.getByText('Vil du hjælpe i haven?')).toBeVisible()
    await runA11yKit(page, 'participant: the new session, question 1 of 2')
    await page.getByLabel('Hvem vil passe haven?').fill('Jeg vil gerne vande')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByRole('status').filter({ hasText: /Dit bidrag er B-\d+/ })).toBeVisible({ timeout: 20_000 })
    await page.getByRole('button', { name: 'Næste spørgsmål' }).click()
    await expect(page.getByLabel('Hvad skal vi plante i bedene?')).toBeVisible()
    await page.getByLabel('Hvad skal vi plante i bedene?').fill('Jordbær')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByRole('status').filter({ hasText: /Dit bidrag er B-\d+/ })).toBeVisible({ timeout: 20_000 })
    await expect(page.getByRole('button', { name: 'Næste spørgsmål' })).toBeHidden()

    // A question added while input is open reaches the participant's open screen.
    await staff.getByRole('link', { name: 'Ret Dialogmøde i haven og spørgsmålene' }).click()
    await staff.getByLabel('Spørgsmål', { exact: true }).fill('Hvornår skal haven være åben?')
    await staff.getByRole('button', { name: 'Tilføj spørgsmål' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Det er nummer 3.' })).toBeVisible()
    await page.getByRole('button', { name: 'Næste spørgsmål' }).click({ timeout: 30_000 })
    await expect(page.getByLabel('Hvornår skal haven være åben?')).toBeVisible()
    await expect(page.getByText('Spørgsmål 3 af 3')).toBeVisible()
    await runA11yKit(page, 'participant: a question added while input is open')

    // A question with contributions is hidden, not removed; one without is removed.
    const hide = staff.getByRole('button', { name: 'Skjul spørgsmål 1' })
    await expect(hide).toBeVisible({ timeout: 20_000 })
    await expect(staff.getByRole('button', { name: 'Fjern spørgsmål 1' })).toBeHidden()
    await runA11yKit(staff, 'a question with contributions')
    await hide.click()
    await expect(staff.getByRole('status').filter({ hasText: 'Spørgsmål 1 er skjult. Bidragene er gemt.' })).toBeVisible()
    await expect(staff.getByText('Skjult. Deltagerne ser det ikke. Bidragene er gemt.')).toBeVisible()
    await expect(staff.getByRole('button', { name: 'Vis spørgsmål 1 igen' })).toBeFocused()
    await staff.getByRole('button', { name: 'Fjern spørgsmål 3' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Spørgsmålet er fjernet.' })).toBeVisible()
    await expect(questions).toHaveText(['Hvem vil passe haven?', 'Hvad skal vi plante i bedene?'])
    await runA11yKit(staff, 'a question hidden and one removed')

    await page.goto(`/workshops/${made.processId}`)
    await page.getByRole('link', { name: 'Kom med input til Dialogmøde i haven' }).click()
    await expect(page.getByLabel('Hvad skal vi plante i bedene?')).toBeVisible({ timeout: 20_000 })
    await expect(page.getByLabel('Hvem vil passe haven?')).toBeHidden()
    await expect(page.getByText(/Spørgsmål \d af/)).toBeHidden()

    // Both answers are in the report, the hidden question's included, each with its question.
    await expect
      .poll(async () => {
        const r = await staff.evaluate(async (id) => (await fetch(`/api/workshops/${id}/report.json`)).json(), made.processId)
        return [...(r.ungrouped ?? [])].map((e: { text: string; question: string | null }) => [e.text, e.question]).sort()
      }, { timeout: 20_000 })
      .toEqual([['Jeg vil gerne vande', 'Hvem vil passe haven?'], ['Jordbær', 'Hvad skal vi plante i bedene?']])
  })
})
