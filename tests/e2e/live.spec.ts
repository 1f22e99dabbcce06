import { expect, test, type Page } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { KAREN, signInWithCardCode } from './accounts-helpers.js'
import { chooseSettings } from './helpers.js'
import { newMeeting, phone, startKiosk } from './live-helpers.js'
import { serverRecords, signInAsSecretary } from './sync-helpers.js'

const nowHeading = (page: Page, text: RegExp) => page.getByRole('heading', { level: 2, name: text })

/**
 * A whole meeting held with the app: the secretary runs it from a phone, a member follows on
 * hers and holds up cards, and the common-room TV shows it, each in its own browser.
 */

test.describe('Live meeting', () => {
  // In order, in one worker: every test runs a meeting in Solbakken, and the TV of the first
  // shows the council's most recently changed running meeting, so another test's meeting
  // moving at the same moment would take over its screen.
  test.describe.configure({ mode: 'default' })

  test('the chair runs the meeting; a member’s phone and the TV follow; cards, a quick question into the minutes, offline and back', async ({ browser }) => {
    test.setTimeout(240_000)
    const chair = await phone(browser)
    const member = await phone(browser)
    // The TV is set to reduced motion: nothing there needs animation to follow a change.
    const tv = await phone(browser, { viewport: { width: 1280, height: 720 }, isMobile: false, hasTouch: false, reducedMotion: 'reduce' })

    const councilId = await signInAsSecretary(chair.page)
    const { meetingId, items } = await newMeeting(chair.page, councilId)
    await signInWithCardCode(member.page, KAREN.code)
    await expect(member.page.getByRole('heading', { level: 1 })).not.toHaveText('Log ind')
    await startKiosk(tv.page)

    // The secretary finds the chair's screen from the meeting page.
    await chair.page.goto(`/moeder/${meetingId}`)
    await chair.page.getByRole('link', { name: 'Styr mødet' }).click()
    await expect(chair.page.getByRole('heading', { level: 1, name: 'Styr mødet' })).toBeVisible()
    await expect(chair.page.getByText('Mødet er ikke begyndt.')).toBeVisible()
    await runA11yKit(chair.page, 'chair: not started')

    await member.page.goto(`/moeder/${meetingId}/live`)
    await expect(member.page.getByRole('heading', { level: 1, name: 'Mødet lige nu' })).toBeVisible()
    await expect(nowHeading(member.page, /Mødet er ikke begyndt endnu/)).toBeVisible()
    await runA11yKit(member.page, 'member: not started')

    // Start: every screen shows item 1 within moments.
    await chair.page.getByRole('button', { name: 'Start mødet' }).click()
    await expect(chair.page.getByText('Punkt 1 af 3: Velkommen')).toBeVisible()
    await expect(nowHeading(member.page, /Punkt 1 af 3\s*Velkommen/)).toBeVisible()
    await expect(member.page.getByText('Vi siger hej til hinanden.')).toBeVisible()
    await expect(nowHeading(tv.page, /Punkt 1 af 3\s*Velkommen/)).toBeVisible()
    await expect(tv.page.getByRole('button', { name: /Læs|Lyt/ })).toHaveCount(0)
    await runA11yKit(chair.page, 'chair: running')
    await runA11yKit(member.page, 'member: item 1')
    await runA11yKit(tv.page, 'tv: item 1')

    // The member reads "Læs mere": the next item does not yank her away, a calm notice offers it.
    await member.page.getByText('Læs mere').click()
    await expect(member.page.getByText('Formanden byder velkommen og læser dagsordenen op.')).toBeVisible()
    await chair.page.getByRole('button', { name: 'Næste punkt' }).click()
    await expect(chair.page.getByText('Punkt 2 af 3: Personsag')).toBeVisible()
    // The TV shows the closed item only as closed.
    await expect(nowHeading(tv.page, /Punkt 2 af 3\s*Lukket punkt/)).toBeVisible()
    await expect(tv.page.getByText('Personsag')).toHaveCount(0)
    await expect(member.page.getByText('Mødet er gået videre til punkt 2. Du kan læse færdig først.')).toBeVisible()
    await expect(nowHeading(member.page, /Punkt 1 af 3\s*Velkommen/)).toBeVisible()
    await runA11yKit(member.page, 'member: reading while the meeting moved on')
    await member.page.getByRole('button', { name: 'Gå til punkt 2' }).click()
    // A member may read the closed item.
    await expect(nowHeading(member.page, /Punkt 2 af 3\s*Personsag/)).toBeVisible()
    await expect(member.page.getByRole('listitem').filter({ hasText: 'Velkommen' })).toContainText('Færdig')
    await runA11yKit(tv.page, 'tv: closed item')

    // Previous, then undone: back on item 2.
    await chair.page.getByRole('button', { name: 'Forrige punkt' }).click()
    await expect(chair.page.getByText('Punkt 1 af 3: Velkommen')).toBeVisible()
    await chair.page.getByRole('button', { name: 'Fortryd' }).click()
    await expect(chair.page.getByText('Punkt 2 af 3: Personsag')).toBeVisible()
    await expect(nowHeading(tv.page, /Punkt 2 af 3\s*Lukket punkt/)).toBeVisible()

    // "Jeg forstår det ikke": the chair sees a count, the member that it arrived and was cleared.
    await member.page.getByRole('button', { name: 'Jeg forstår det ikke' }).click()
    await expect(member.page.getByText('Formanden har fået dit kort.')).toBeVisible()
    await expect(chair.page.getByText('1 forstår det ikke')).toBeVisible()
    await member.page.getByRole('button', { name: 'Jeg vil gerne sige noget' }).click()
    await expect(chair.page.getByRole('button', { name: `Tag kortet ned: ${KAREN.name}` })).toBeVisible()
    await runA11yKit(member.page, 'member: cards held up')
    await runA11yKit(chair.page, 'chair: signal queue')
    await chair.page.getByRole('button', { name: 'Tag "forstår det ikke" ned' }).click()
    await expect(chair.page.getByText('0 forstår det ikke')).toBeVisible()
    await expect(member.page.getByText(/Formanden har set dit kort\. Det blev taget ned klokken \d\d[.:]\d\d\./)).toBeVisible()
    await chair.page.getByRole('button', { name: 'Tag alle kort ned' }).click()
    await expect(chair.page.getByText('Ingen lige nu.').first()).toBeVisible()

    // The chair's phone drops off the network for a moment: the tap shows at once and is sent after.
    await chair.context.setOffline(true)
    await chair.page.getByRole('button', { name: 'Næste punkt' }).click()
    await expect(chair.page.getByText('Punkt 3 af 3: Sommerturen')).toBeVisible()
    await expect(chair.page.getByText('Din ændring sendes, når der er forbindelse.', { exact: false })).toBeVisible()
    await expect(nowHeading(member.page, /Punkt 2 af 3\s*Personsag/)).toBeVisible()
    await chair.context.setOffline(false)
    await expect(chair.page.getByText('Din ændring sendes, når der er forbindelse.', { exact: false })).toHaveCount(0)

    // A quick question on item 3, answered with one tap, lands in the minutes draft.
    await expect(nowHeading(member.page, /Punkt 3 af 3\s*Sommerturen/)).toBeVisible()
    await chair.page.getByRole('textbox', { name: 'Spørgsmål' }).fill('Skal vi på sommertur?')
    await chair.page.getByRole('button', { name: 'Stil spørgsmålet' }).click()
    await expect(member.page.getByText('Skal vi på sommertur?')).toBeVisible()
    await runA11yKit(member.page, 'member: quick question')
    await member.page.getByRole('button', { name: 'Ja', exact: true }).click()
    await expect(member.page.getByText('Du har svaret: Ja')).toBeVisible()
    await expect(chair.page.getByRole('listitem').filter({ hasText: 'Ja' })).toContainText('1 svar')
    await runA11yKit(chair.page, 'chair: question open')
    await chair.page.getByRole('button', { name: 'Luk spørgsmålet' }).click()
    await expect(tv.page.getByRole('heading', { level: 2, name: 'Svarene' })).toBeVisible()
    await expect(tv.page.getByRole('listitem').filter({ hasText: 'Ja' })).toContainText('1 svar')
    await runA11yKit(tv.page, 'tv: question result')
    await expect
      .poll(async () => (await serverRecords(chair.page, councilId, 'agenda-item')).find((i) => i.meetingId === meetingId && i.title === 'Sommerturen 2027')?.sections)
      .toEqual([{ kind: 'other', heading: 'Hurtigt spørgsmål: Skal vi på sommertur?', text: 'Ja: 1. Nej: 0. Ved ikke: 0.' }])

    // The secretary writes the decision during the meeting.
    await chair.page.getByRole('radio', { name: 'Besluttet' }).check()
    await chair.page.getByRole('textbox', { name: /Beslutningen i let sprog/ }).fill('Vi tager på tur til Lalandia.')
    await chair.page.getByRole('button', { name: 'Gem beslutningen' }).click()
    await expect(chair.page.getByText('Beslutningen er gemt.')).toBeVisible()

    // The member's phone loses its connection; the chair starts a break meanwhile.
    await member.context.setOffline(true)
    await chair.page.getByRole('button', { name: '10 minutter' }).click()
    await expect(nowHeading(tv.page, /Pause/)).toBeVisible()
    await expect(tv.page.getByText(/Vi starter igen om (10:00|9:\d\d)/)).toBeVisible()
    await runA11yKit(tv.page, 'tv: break')
    await expect(nowHeading(member.page, /Punkt 3 af 3\s*Sommerturen/)).toBeVisible()
    await member.context.setOffline(false)
    await expect(nowHeading(member.page, /Pause/)).toBeVisible()
    await runA11yKit(member.page, 'member: break after reconnecting')

    await chair.page.getByRole('button', { name: 'Fortsæt mødet' }).click()
    await chair.page.getByRole('button', { name: 'Slut mødet' }).click()
    await expect(nowHeading(member.page, /Mødet er slut/)).toBeVisible()
    await expect(member.page.getByText('Referatet kommer her, når det er skrevet færdigt.')).toBeVisible()
    await runA11yKit(member.page, 'member: meeting over')
    await runA11yKit(chair.page, 'chair: meeting over')
    // The TV goes back to the council's page.
    await expect(tv.page.getByRole('heading', { level: 2, name: 'Medlemmer' })).toBeVisible()

    const minutes = (await serverRecords(chair.page, councilId, 'agenda-item')).find((i) => i.meetingId === meetingId && i.title === 'Sommerturen 2027')
    expect(minutes).toMatchObject({ decision: 'decided', easyDecision: 'Vi tager på tur til Lalandia.' })
    expect(items).toHaveLength(3)
    for (const one of [chair, member, tv]) await one.context.close()
  })

  test('the presence ticks become the participant list', async ({ page }) => {
    const councilId = await signInAsSecretary(page)
    const { meetingId } = await newMeeting(page, councilId)
    await page.goto(`/moeder/${meetingId}/styr`)
    const karen = page.getByRole('checkbox', { name: 'Karen Holm' })
    await karen.check()
    await page.getByRole('checkbox', { name: 'Ali Hassan' }).check()
    await expect(page.getByRole('group', { name: /2 er her/ })).toBeVisible()
    await runA11yKit(page, 'chair: presence')
    await expect.poll(async () => (await serverRecords(page, councilId, 'meeting')).find((m) => m.title === 'Brugerrådsmøde med live' && m.participants !== '')?.participants).toBe('Ali Hassan, Karen Holm')
  })

  /**
   * A relative from abroad or a staff member may read the app in English. The meeting itself stays
   * Danish: its texts are marked as Danish so a screen reader speaks them with a Danish voice.
   */
  test('in English: the chair and a member follow it, and the agenda texts stay marked as Danish', async ({ browser }) => {
    test.setTimeout(180_000)
    const chair = await phone(browser)
    const member = await phone(browser)
    const councilId = await signInAsSecretary(chair.page)
    const { meetingId } = await newMeeting(chair.page, councilId)
    await chooseSettings(chair.page, { english: true })
    await signInWithCardCode(member.page, KAREN.code)
    await expect(member.page.getByRole('heading', { level: 1 })).not.toHaveText('Log ind')
    await chooseSettings(member.page, { english: true })

    await chair.page.goto(`/moeder/${meetingId}/styr`)
    await expect(chair.page.getByRole('heading', { level: 1, name: 'Run the meeting' })).toBeVisible()
    await expect(chair.page.getByText('The meeting has not started.')).toBeVisible()
    expect(await chair.page.getAttribute('html', 'lang')).toBe('en')
    await runA11yKit(chair.page, 'English chair: not started')

    await member.page.goto(`/moeder/${meetingId}/live`)
    await expect(member.page.getByRole('heading', { level: 1, name: 'The meeting now' })).toBeVisible()
    await expect(nowHeading(member.page, /The meeting has not started yet/)).toBeVisible()
    await runA11yKit(member.page, 'English member: not started')

    await chair.page.getByRole('button', { name: 'Start the meeting' }).click()
    await expect(chair.page.getByText('Item 1 of 3: Velkommen')).toBeVisible()
    await expect(nowHeading(member.page, /Item 1 of 3\s*Velkommen/)).toBeVisible()
    await expect(member.page.getByText('Vi siger hej til hinanden.')).toHaveAttribute('lang', 'da')
    await expect(member.page.getByText('Velkommen', { exact: true }).first()).toHaveAttribute('lang', 'da')
    await runA11yKit(member.page, 'English member: item 1')
    await runA11yKit(chair.page, 'English chair: running')

    await member.page.getByRole('button', { name: 'I do not understand' }).click()
    await expect(member.page.getByText('The chair has your card.')).toBeVisible()
    await expect(chair.page.getByText('1 does not understand')).toBeVisible()
    await runA11yKit(member.page, 'English member: card held up')
    await runA11yKit(chair.page, 'English chair: card queue')
    await chair.page.getByRole('button', { name: 'Take "do not understand" down' }).click()
    await expect(member.page.getByText(/The chair has seen your card\. It was taken down at \d\d[.:]\d\d\./)).toBeVisible()

    await chair.page.getByRole('button', { name: 'Next item' }).click()
    // Karen is a member, so the closed item's own title is hers to read.
    await expect(nowHeading(member.page, /Item 2 of 3\s*Personsag/)).toBeVisible()
    await chair.page.getByRole('button', { name: '10 minutes' }).click()
    await expect(nowHeading(member.page, /Break/)).toBeVisible()
    await expect(member.page.getByText(/We start again in (10:00|9:\d\d)/)).toBeVisible()
    await runA11yKit(member.page, 'English member: break')

    await chair.page.getByRole('button', { name: 'Continue the meeting' }).click()
    await chair.page.getByRole('button', { name: 'End the meeting' }).click()
    await expect(nowHeading(member.page, /The meeting is over/)).toBeVisible()
    await expect(member.page.getByText('The minutes come here when they are finished.')).toBeVisible()
    await runA11yKit(member.page, 'English member: meeting over')
    for (const one of [chair, member]) await one.context.close()
  })
})
