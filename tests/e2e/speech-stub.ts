import type { Page } from '@playwright/test'

/**
 * Replaces the device's voices with a recorder that has the given voices (headless Chromium has
 * none), so a test hears what a resident would: each utterance as "lang voice-name: text".
 */
export async function stubSpeech(page: Page, voices: { lang: string; name: string }[]): Promise<void> {
  await page.addInitScript((list) => {
    const spoken: string[] = []
    const cancelled = { count: 0 }
    Object.assign(window, { __spoken: spoken, __cancelled: cancelled })
    const synth = {
      speaking: false,
      getVoices: () => list,
      speak(utterance: { text: string; lang: string; voice: { name: string } | null }) {
        spoken.push(`${utterance.lang} ${utterance.voice?.name ?? '(no voice)'}: ${utterance.text}`)
      },
      cancel() {
        cancelled.count += 1
      },
    }
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true })
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      value: class {
        lang = ''
        voice: unknown = null
        rate = 1
        onend: (() => void) | null = null
        onerror: (() => void) | null = null
        constructor(public text: string) {}
      },
      configurable: true,
    })
  }, voices)
}

/** What the stub has been asked to say, in order. */
export const spokenSoFar = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)

/** How often speaking was stopped (speechSynthesis.cancel), by the app or a button. */
export const cancelledSoFar = (page: Page) => page.evaluate(() => (window as unknown as { __cancelled: { count: number } }).__cancelled.count)
