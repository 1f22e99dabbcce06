import { expect, test, type Page } from '@playwright/test'
import { runA11yKit } from './a11y/kit.js'
import { KAREN, signInWithCardCode } from './accounts-helpers.js'
import { chooseSettings } from './helpers.js'
import { newMeeting, phone } from './live-helpers.js'
import { signInAsSecretary } from './sync-helpers.js'

const nowHeading = (page: Page, text: RegExp) => page.getByRole('heading', { level: 2, name: text })

/**
 * A relative from abroad or a staff member may read the app in English. The meeting itself stays
 * Danish: its texts are marked as Danish so a screen reader speaks them with a Danish voice.
 */
test('a live meeting in English: the chair and a member follow it, and the agenda texts stay marked as Danish', async ({ browser }) => {
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
