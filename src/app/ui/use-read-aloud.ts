import { onScopeDispose, ref } from 'vue'

const speechLang: Record<string, string> = { da: 'da-DK', en: 'en-GB' }

/**
 * Reads text aloud with the device's own voice (nothing is sent anywhere), or plays a recording
 * staff made. One thing speaks at a time; leaving the page stops it.
 */
export function useReadAloud() {
  const playing = ref<string | null>(null)
  const supported = typeof window !== 'undefined' && 'speechSynthesis' in window
  let audio: HTMLAudioElement | null = null

  function stop(): void {
    if (supported) window.speechSynthesis.cancel()
    audio?.pause()
    audio = null
    playing.value = null
  }

  function speak(id: string, text: string, locale: string): void {
    stop()
    if (!supported) return
    const utterance = new SpeechSynthesisUtterance(text)
    utterance.lang = speechLang[locale] ?? locale
    const voice = window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(locale))
    if (voice) utterance.voice = voice
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
    audio = new Audio(source)
    audio.onended = () => {
      if (playing.value === id) playing.value = null
    }
    playing.value = id
    void audio.play().catch(() => (playing.value = null))
  }

  onScopeDispose(stop)
  return { playing, supported, speak, play, stop }
}
