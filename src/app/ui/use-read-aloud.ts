import { onScopeDispose, ref } from 'vue'

/** Meeting texts are written in Danish, so they are read by a Danish voice whatever the menus' language. */
const CONTENT_LANG = 'da-DK'
const isDanish = (voice: SpeechSynthesisVoice) => /^da([-_]|$)/i.test(voice.lang)

/**
 * Reads text aloud with the device's own voice (nothing is sent anywhere), or plays a recording
 * staff made. One thing speaks at a time; leaving the page stops it. Danish text is never read
 * by a voice of another language (it would be gibberish): without a Danish voice, `missingVoice`
 * names the button that asked, so it can say why nothing happens and what to do.
 */
export function useReadAloud() {
  const playing = ref<string | null>(null)
  const missingVoice = ref<string | null>(null)
  const supported = typeof window !== 'undefined' && 'speechSynthesis' in window
  let audio: HTMLAudioElement | null = null

  function stop(): void {
    if (supported) window.speechSynthesis.cancel()
    audio?.pause()
    audio = null
    playing.value = null
  }

  /** Browsers load their voices after the page: wait for them a moment before saying there is none. */
  async function danishVoice(): Promise<SpeechSynthesisVoice | null> {
    if (!supported) return null
    const synth = window.speechSynthesis
    let voices = synth.getVoices()
    if (voices.length === 0 && typeof synth.addEventListener === 'function') {
      voices = await new Promise<SpeechSynthesisVoice[]>((resolve) => {
        const done = () => {
          synth.removeEventListener('voiceschanged', done)
          resolve(synth.getVoices())
        }
        synth.addEventListener('voiceschanged', done)
        setTimeout(done, 1000)
      })
    }
    return voices.find(isDanish) ?? null
  }

  async function speak(id: string, text: string): Promise<void> {
    stop()
    missingVoice.value = null
    const voice = await danishVoice()
    if (!voice) {
      missingVoice.value = id
      return
    }
    const utterance = new SpeechSynthesisUtterance(text)
    utterance.lang = CONTENT_LANG
    utterance.voice = voice
    // A little slower than default: easier to follow for many of the people reading along.
    utterance.rate = 0.9
    utterance.onend = () => {
      if (playing.value === id) playing.value = null
    }
    utterance.onerror = utterance.onend
    playing.value = id
    window.speechSynthesis.speak(utterance)
  }

  function play(id: string, source: string): void {
    stop()
    missingVoice.value = null
    audio = new Audio(source)
    audio.onended = () => {
      if (playing.value === id) playing.value = null
    }
    playing.value = id
    void audio.play().catch(() => (playing.value = null))
  }

  onScopeDispose(stop)
  return { playing, missingVoice, speak, play, stop }
}
