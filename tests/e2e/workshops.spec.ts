import { expect, test, type Browser, type Page } from '@playwright/test'
import { uuidv7 } from '../../src/shared/sync/uuidv7.js'
import { joinCode } from '../../src/shared/workshops/rules.js'
import { runA11yKit } from './a11y/kit.js'
import { LENE, SECRETARY, SOLBAKKEN, tabTo } from './accounts-helpers.js'
import { councilIdByName, pngOf, signInAsStaff, signInWithCard } from './admin-helpers.js'
import { chooseSettings } from './helpers.js'
import { putAllFromPage } from './sync-helpers.js'

interface Made {
  processId: string
  code: string
  cafe: string
}

async function staffPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })).newPage()
  await signInAsStaff(page, { email: SECRETARY.email, password: SECRETARY.password })
  return page
}

/** A process of its own per test (tests run side by side on one server), set up as staff's device would. */
async function makeProcess(staff: Page): Promise<Made> {
  const councilId = await councilIdByName(staff, SOLBAKKEN)
  const processId = uuidv7()
  const code = joinCode(crypto.getRandomValues(new Uint8Array(6)))
  const cafe = uuidv7()
  const question = uuidv7()
  const records = [
    {
      entity: 'workshop-process', entityId: processId, patch: {
        councilId, kind: 'co-creation', title: `Fremtidens café ${code}`, purpose: 'Hvad skal caféen kunne?', frame: 'Inden for rammen', budget: 100_000, phase: 'collect', templateId: null,
        invitees: [], status: '', statusEasy: '', proposal: '', proposalEasy: '', deadline: null, caseText: '', caseEasy: '', response: '', responseSentOn: null, reportPublished: false,
      },
    },
    {
      entity: 'workshop-session', entityId: uuidv7(), patch: {
        councilId, processId, kind: 'workshop', title: 'Værksted i caféen', date: null, place: 'Caféen', code, inputOpen: true, allowAnonymous: true,
        questions: [{ id: question, text: 'Hvad savner du i caféen?', easyText: 'Hvad mangler du?' }], minutes: '',
      },
    },
    { entity: 'workshop-statement', entityId: uuidv7(), patch: { councilId, processId, sessionId: null, text: 'Caféen skal have åbent om aftenen', easyText: '', open: true } },
    {
      entity: 'workshop-prioritisation', entityId: uuidv7(), patch: {
        councilId, processId, title: 'Hvad er vigtigst?', method: 'dots', perPerson: 3, withinBudget: true, open: true,
        options: [{ id: cafe, text: 'Aftenåbent', cost: 40_000 }, { id: uuidv7(), text: 'Ny bus', cost: 70_000 }],
      },
    },
  ]
  const results = await putAllFromPage(staff, records)
  expect(results).toEqual(['applied', 'applied', 'applied', 'applied'])
  return { processId, code, cafe }
}

async function joinAsNewParticipant(page: Page, code: string): Promise<void> {
  await page.goto(`/workshops/deltag/${code}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Værksted i caféen' })).toBeVisible()
  await page.getByRole('button', { name: 'Vær med' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Fremtidens café/ })).toBeVisible()
}

async function give(page: Page, text: string): Promise<string> {
  await page.getByLabel('Hvad savner du i caféen?').fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
  const receipt = page.getByRole('status').filter({ hasText: /Dit bidrag er B-\d+/ })
  await expect(receipt).toBeVisible()
  return (await receipt.textContent())!.match(/B-\d+/)![0]
}

/**
 * The browser's microphone, played by a stand-in: a headless browser has no microphone, and the
 * test is about what the app does with a recording, not about the sound card. Pressing "Optag" and
 * "Stop" still goes through the app's own recorder, which stores the result like a real one.
 */
async function fakeMicrophone(page: Page): Promise<void> {
  await page.addInitScript(() => {
    class StandInRecorder {
      state = 'inactive'
      mimeType = 'audio/webm'
      ondataavailable: ((event: { data: Blob }) => void) | null = null
      onstop: (() => void) | null = null
      start(): void {
        this.state = 'recording'
      }
      stop(): void {
        this.state = 'inactive'
        // An EBML header, as a WebM file starts, and some sound.
        const bytes = new Uint8Array(800).fill(42)
        bytes.set([0x1a, 0x45, 0xdf, 0xa3])
        this.ondataavailable?.({ data: new Blob([bytes], { type: 'audio/webm' }) })
        this.onstop?.()
      }
    }
    Object.defineProperty(window, 'MediaRecorder', { value: StandInRecorder, configurable: true })
    Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: async () => new MediaStream(), configurable: true })
  })
}

test.describe('Workshops', () => {
  test('a relative joins by the QR link on a phone, writes offline, and it lands once', async ({ browser, page, context, baseURL }) => {
    test.setTimeout(120_000)
    const staff = await staffPage(browser, baseURL)
    const made = await makeProcess(staff)
    await signInWithCard(page, LENE.code)

    await page.goto(`/workshops/deltag/${made.code}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Værksted i caféen' })).toBeVisible()
    await expect(page.getByRole('radio', { name: 'Pårørende' })).toBeChecked()
    await runA11yKit(page, 'join page')
    await page.getByRole('button', { name: 'Vær med' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /Fremtidens café/ })).toBeVisible()
    await runA11yKit(page, 'process page')

    await page.getByRole('link', { name: 'Kom med input til Værksted i caféen' }).click()
    await expect(page.getByLabel('Hvad savner du i caféen?')).toBeVisible()
    await runA11yKit(page, 'input: one question')
    await context.setOffline(true)
    await page.getByLabel('Hvad savner du i caféen?').fill('Aftenåbent en gang om ugen')
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'gemt på telefonen' })).toBeVisible()
    await runA11yKit(page, 'input: saved offline')
    await context.setOffline(false)
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await expect(page.getByRole('status').filter({ hasText: /Dit bidrag er B-1/ })).toBeVisible({ timeout: 20_000 })
    await runA11yKit(page, 'input: receipt')

    const report = await staff.evaluate(async (id) => (await fetch(`/api/workshops/${id}/report.json`)).json(), made.processId)
    const texts = [...report.ungrouped, ...report.hidden, ...report.themes.flatMap((t: { entries: unknown[] }) => t.entries)].map((e: { text: string; role: string; relative: boolean }) => [e.text, e.role, e.relative])
    expect(texts).toEqual([['Aftenåbent en gang om ugen', 'relative', true]])
  })

  test('a relative gives input as a photo and her voice, offline; the facilitator, Mine bidrag and the report show it', async ({ browser, page, context, baseURL }) => {
    test.setTimeout(150_000)
    const staff = await staffPage(browser, baseURL)
    const made = await makeProcess(staff)
    await fakeMicrophone(page)
    await signInWithCard(page, LENE.code)
    await page.goto(`/workshops/deltag/${made.code}`)
    await page.getByRole('button', { name: 'Vær med' }).click()
    await page.getByRole('link', { name: 'Kom med input til Værksted i caféen' }).click()
    await expect(page.getByRole('group', { name: 'Et foto (hvis du vil)' })).toBeVisible()

    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByText('Skriv noget, tag et foto eller optag din stemme, før du sender.')).toBeVisible()
    await runA11yKit(page, 'input: nothing to send')
    await page.getByLabel('Vælg et foto').setInputFiles({ name: 'haven.png', mimeType: 'image/png', buffer: pngOf(1200, 900) })
    await expect(page.getByRole('img', { name: 'Det valgte foto' })).toBeVisible()
    await page.getByRole('button', { name: 'Optag din stemme' }).click()
    await expect(page.getByText('Optager …')).toBeVisible()
    await page.getByRole('button', { name: /Stop optagelsen/ }).click()
    await expect(page.getByRole('button', { name: 'Slet optagelsen' })).toBeVisible()
    await expect(page.getByText('Skriv noget, tag et foto')).toBeHidden()
    await runA11yKit(page, 'input: a photo and a recording chosen')
    // They survive leaving the page: the draft names them, the device keeps their bytes.
    await page.getByRole('link', { name: 'Workshops' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Workshops' })).toBeVisible()
    await page.goBack()
    await expect(page.getByRole('img', { name: 'Det valgte foto' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Slet optagelsen' })).toBeVisible()
    await page.getByRole('radio', { name: 'Pårørende' }).check()
    // Sent without a connection: nothing reaches the server until the phone is online again.
    await context.setOffline(true)
    await page.getByRole('button', { name: 'Send' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'gemt på telefonen' })).toBeVisible()
    await runA11yKit(page, 'input: a photo and a recording saved offline')
    await context.setOffline(false)
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    const receipt = page.getByRole('status').filter({ hasText: /Dit bidrag er B-\d+/ })
    await expect(receipt).toBeVisible({ timeout: 20_000 })
    const ref = (await receipt.textContent())!.match(/B-\d+/)![0]

    await page.goto('/workshops/mine')
    // Lene has a B-1 in the other tests' processes too: this process's title tells hers apart.
    const mine = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Bidrag ${ref}` }) }).filter({ hasText: `Fremtidens café ${made.code}` })
    await expect(mine).toContainText('Med foto · Med lydoptagelse')
    await runA11yKit(page, 'Mine bidrag with a photo and a recording')

    await staff.goto(`/workshops/${made.processId}/styr`)
    const photo = staff.getByRole('img', { name: `Foto til ${ref}` })
    await expect(photo).toBeVisible({ timeout: 20_000 })
    // Decoded, so the page no longer moves under the keyboard walk when it gets its height.
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    await expect(staff.getByRole('button', { name: `Hør ${ref}` })).toBeVisible()
    await expect(staff.getByText('Med foto · Med lydoptagelse')).toBeVisible()
    await runA11yKit(staff, 'facilitator: a contribution with a photo and a recording')

    await staff.goto(`/workshops/${made.processId}/rapport`)
    await expect(staff.getByText(new RegExp(`${ref} · Pårørende.*Med foto · Med lydoptagelse`))).toBeVisible()
    await runA11yKit(staff, 'report with a photo and a recording')
  })

  test('the facilitator starts a process from scratch, lists the invitees and writes the minutes', async ({ browser, baseURL }) => {
    test.setTimeout(150_000)
    const staff = await staffPage(browser, baseURL)
    const name = `Haven ved Solbakken ${Date.now()}`
    await staff.goto('/workshops')
    await staff.getByRole('link', { name: 'Start en ny proces' }).click()
    await expect(staff.getByRole('heading', { level: 1, name: 'Start en ny proces' })).toBeVisible()
    await runA11yKit(staff, 'new process')
    await staff.getByRole('button', { name: 'Opret processen' }).click()
    await expect(staff.getByText('Giv processen et navn.').first()).toBeVisible()
    await runA11yKit(staff, 'new process: names missing')
    await staff.getByLabel('Navn på processen').fill(name)
    await staff.getByLabel('Budget i kroner (hvis der er et)').fill('50000')
    await staff.getByLabel('Navn på mødet').fill('Dialogmøde i haven')
    await staff.getByLabel('Slags møde').selectOption('dialogue')
    await staff.getByLabel('Første spørgsmål til deltagerne').fill('Hvad vil du gøre i haven?')
    await staff.getByRole('button', { name: 'Opret processen' }).click()
    await expect(staff.getByRole('heading', { level: 1, name: `Styr: ${name}` })).toBeVisible()

    await staff.getByRole('button', { name: 'Tilføj til listen' }).click()
    await expect(staff.getByText('Skriv navnet på den, der er inviteret.')).toBeVisible()
    await staff.getByLabel('Organisation eller gruppe').fill('Ældresagen')
    await staff.getByLabel('Hvordan blev de inviteret?').fill('Brev')
    await staff.getByLabel('Hvornår blev de inviteret?').fill('2026-11-02')
    await staff.getByRole('button', { name: 'Tilføj til listen' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Ældresagen er på listen.' })).toBeVisible()
    await staff.getByLabel('Organisation eller gruppe').fill('Pårørendegruppen')
    await staff.getByRole('button', { name: 'Tilføj til listen' }).click()
    await expect(staff.getByText('Pårørendegruppen · ikke inviteret endnu')).toBeVisible()
    await staff.getByLabel('Referat fra Dialogmøde i haven').fill('Vi var 11. Flest ville have højbede.')
    await staff.getByRole('button', { name: 'Gem referatet fra Dialogmøde i haven' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Referatet fra Dialogmøde i haven er gemt.' })).toBeVisible()
    await runA11yKit(staff, 'facilitator: invitees and minutes')

    const processId = new URL(staff.url()).pathname.split('/')[2]!
    await expect
      .poll(async () => {
        const r = await staff.evaluate(async (id) => (await fetch(`/api/workshops/${id}/report.json`)).json(), processId)
        return [r.process?.budget, r.invitees?.map((i: { name: string; how: string; invitedOn: string | null }) => [i.name, i.how, i.invitedOn]), r.sessions?.map((x: { kind: string; minutes: string }) => [x.kind, x.minutes])]
      }, { timeout: 20_000 })
      .toEqual([50_000, [['Ældresagen', 'Brev', '2026-11-02'], ['Pårørendegruppen', '', null]], [['dialogue', 'Vi var 11. Flest ville have højbede.']]])
    await staff.getByRole('button', { name: 'Tag Pårørendegruppen af listen' }).click()
    await expect(staff.getByText('Pårørendegruppen · ikke inviteret endnu')).toBeHidden()
    await staff.getByRole('link', { name: 'Rapport' }).click()
    await expect(staff.getByText('Vi var 11. Flest ville have højbede.')).toBeVisible()
    await expect(staff.getByText(/Ældresagen — Brev 2026-11-02/)).toBeVisible()
    await runA11yKit(staff, 'report with invitees and minutes')
  })

  test('the facilitator writes status and proposal with easy-read versions, enters an interview with consent, and copies the structure', async ({ browser, page, baseURL }) => {
    test.setTimeout(150_000)
    const staff = await staffPage(browser, baseURL)
    const made = await makeProcess(staff)
    await staff.goto(`/workshops/${made.processId}/styr`)
    await expect(staff.getByRole('heading', { level: 2, name: 'Skriv et interview ind' })).toBeVisible()

    await staff.getByLabel('Dato for samtykke').fill('')
    await staff.getByRole('button', { name: 'Gem interviewet' }).click()
    await expect(staff.getByText('Skriv, hvad personen sagde, og datoen for samtykket.')).toBeVisible()
    await runA11yKit(staff, 'interview: words and consent missing')
    await staff.getByLabel('Det, personen sagde').fill('Hun vil gerne have bankospil om torsdagen')
    await staff.getByRole('group', { name: 'Du siger det som' }).getByRole('radio', { name: 'Bruger eller beboer' }).check()
    await staff.getByLabel('Dato for samtykke').fill('2026-11-20')
    await staff.getByRole('button', { name: 'Gem interviewet' }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Gemt. Det får et nummer' })).toBeVisible()
    await runA11yKit(staff, 'interview saved')
    await expect
      .poll(async () => {
        const r = await staff.evaluate(async (id) => (await fetch(`/api/workshops/${id}/report.json`)).json(), made.processId)
        return r.ungrouped?.map((e: { text: string; role: string; interview: boolean; name: string | null }) => [e.text, e.role, e.interview, e.name])
      }, { timeout: 20_000 })
      .toEqual([['Hun vil gerne have bankospil om torsdagen', 'user', true, null]])

    await staff.getByRole('radio', { name: '4. Status' }).check()
    await staff.getByLabel('Status', { exact: true }).fill('Vi har fået 14 idéer. Mange vil have musik om aftenen.')
    await staff.getByLabel('Status i let sprog').fill('Mange vil have musik.')
    await staff.getByLabel('Forslag', { exact: true }).fill('Caféen holder åbent med musik hver torsdag aften.')
    await staff.getByLabel('Forslag i let sprog').fill('Musik i caféen hver torsdag.')
    await staff.getByRole('button', { name: 'Gem', exact: true }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'Gemt.' }).first()).toBeVisible()
    await runA11yKit(staff, 'status and proposal written')

    // The participant sees the easy-read version first, then the whole text.
    await joinAsNewParticipant(page, made.code)
    await expect(page.getByRole('heading', { level: 2, name: 'Status' })).toBeVisible({ timeout: 20_000 })
    await expect(page.getByText('Mange vil have musik.', { exact: true })).toBeVisible()
    await expect(page.getByText('Musik i caféen hver torsdag.', { exact: true })).toBeVisible()
    await expect(page.getByText('Caféen holder åbent med musik hver torsdag aften.')).toBeVisible()
    await runA11yKit(page, 'status and proposal with easy-read versions')

    await staff.getByRole('button', { name: 'Start en ny proces med samme opbygning' }).click()
    await expect(staff.getByRole('heading', { level: 1, name: /Styr: Ny proces efter: Fremtidens café/ })).toBeVisible()
    await expect(staff.getByText(/Værksted i caféen \(workshop\)/)).toBeVisible()
    await expect(staff.getByRole('button', { name: 'Åbn for input til Værksted i caféen' })).toBeVisible()
    // The copy has a join code of its own, and its input starts closed.
    await expect(staff.getByText(`kode ${made.code}`)).toBeHidden()
    await runA11yKit(staff, 'a copy of the structure')
  })

  test('a participant reacts and prioritises by keyboard at 320 px with the largest text', async ({ page }) => {
    test.setTimeout(120_000)
    const staff = await staffPage(page.context().browser()!, test.info().project.use.baseURL)
    const made = await makeProcess(staff)
    await chooseSettings(page, { textSize: 'Størst' })
    await page.setViewportSize({ width: 320, height: 800 })
    await joinAsNewParticipant(page, made.code)

    const agree = page.getByRole('group', { name: /Dit svar til: Caféen skal have åbent om aftenen/ }).getByRole('button', { name: 'Enig', exact: true })
    await tabTo(page, agree, 80)
    await page.keyboard.press('Enter')
    await expect(agree).toHaveAttribute('aria-pressed', 'true')
    await expect(page.getByText('Dit svar: Enig')).toBeVisible()
    await runA11yKit(page, 'statement answered')

    const evening = page.getByRole('listitem').filter({ hasText: 'Aftenåbent' })
    const bus = page.getByRole('listitem').filter({ hasText: 'Ny bus' })
    await tabTo(page, evening.getByRole('button', { name: 'Giv en prik' }), 80)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('status').filter({ hasText: 'Du har 2 prikker tilbage. Der er 60.000 kr. tilbage af rammen.' })).toBeVisible()
    // The bus costs more than is left of the frame: its button says so by being unavailable.
    await expect(bus.getByRole('button', { name: 'Giv en prik' })).toBeDisabled()
    await tabTo(page, evening.getByRole('button', { name: 'Giv en prik' }), 80)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('status').filter({ hasText: 'Du har 1 prik tilbage.' })).toBeVisible()
    await runA11yKit(page, 'dots placed')

    await expect
      .poll(async () => page.evaluate(async (id) => Object.values(((await (await fetch(`/api/workshops/${id}/results`)).json()) as { mine: { allocations: Record<string, Record<string, number>> } }).mine.allocations), made.processId))
      .toEqual([{ [made.cafe]: 2 }])
    await page.getByRole('button', { name: 'Hent de nyeste svar' }).click()
    const table = page.getByRole('table', { name: /Svar på: Caféen skal have åbent om aftenen/ })
    await expect(table.getByRole('row').filter({ hasText: /^Enig/ })).toContainText('1')
    await runA11yKit(page, 'agreement shown')
  })

  test('the facilitator groups, merges and hides; Mine bidrag shows where each went', async ({ browser, page, baseURL }) => {
    test.setTimeout(150_000)
    const staff = await staffPage(browser, baseURL)
    const made = await makeProcess(staff)
    await joinAsNewParticipant(page, made.code)
    await page.getByRole('link', { name: 'Kom med input til Værksted i caféen' }).click()
    const a = await give(page, 'Musik om fredagen')
    await page.getByRole('button', { name: 'Skriv et bidrag mere' }).click()
    const b = await give(page, 'Live musik')
    await page.getByRole('button', { name: 'Skriv et bidrag mere' }).click()
    const c = await give(page, 'Navnet på en anden beboer')

    await staff.goto(`/workshops/${made.processId}/styr`)
    await expect(staff.getByRole('heading', { level: 3, name: new RegExp(`^${c}`) })).toBeVisible({ timeout: 20_000 })
    await runA11yKit(staff, 'facilitator: contributions')
    await staff.getByLabel('Nyt emne').fill('Musik')
    await staff.getByRole('button', { name: 'Tilføj emne' }).click()
    const themeButton = staff.getByRole('group', { name: `Emne for ${a}` }).getByRole('button', { name: 'Musik' })
    await themeButton.click()
    await expect(themeButton).toHaveAttribute('aria-pressed', 'true')
    await staff.getByRole('button', { name: `Læg ${b} sammen med …` }).click()
    await runA11yKit(staff, 'facilitator: choosing a merge')
    await staff.getByRole('button', { name: `${b} og ${a}` }).click()
    await expect(staff.getByRole('status').filter({ hasText: 'er lagt sammen' })).toBeVisible()
    await staff.getByRole('button', { name: `Skjul ${c}` }).click()
    await staff.getByRole('button', { name: `Skjul ${c} nu` }).click()
    await expect(staff.getByText('Skriv en grund')).toBeVisible()
    await runA11yKit(staff, 'facilitator: a reason is missing')
    await staff.getByLabel('Hvorfor skjuler du det?').fill('Vi skriver ikke andre beboeres navne')
    await staff.getByRole('button', { name: `Skjul ${c} nu` }).click()
    await expect(staff.getByText('Skjult: Vi skriver ikke andre beboeres navne')).toBeVisible()
    await runA11yKit(staff, 'facilitator: grouped, merged, hidden')

    await expect
      .poll(async () => (await staff.evaluate(async (id) => (await fetch(`/api/workshops/${id}/report.json`)).json(), made.processId)).hidden.length, { timeout: 20_000 })
      .toBe(1)
    await page.goto('/workshops/mine')
    const item = (ref: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Bidrag ${ref}` }) })
    await expect(item(a)).toContainText('Det er i emnet: Musik')
    await expect(item(b)).toContainText(`Lagt sammen med ${a}`)
    await expect(item(b)).toContainText('Det er i emnet: Musik')
    await expect(item(c)).toContainText('Det er skjult. Grunden er: Vi skriver ikke andre beboeres navne')
    await runA11yKit(page, 'Mine bidrag')
  })
})
