/**
 * A time of day as people type it in Danish: "13.30", "13:30", "1330", "13" or "9.5" is not a
 * time, but "9.05" is. Returns "HH:MM", or null when it is not a time of day.
 */
export function parseClock(input: string): string | null {
  const text = input.trim().replace(/^kl\.?\s*/i, '')
  const match = /^(\d{1,2})(?:[.:]?(\d{2}))?$/.exec(text)
  if (!match) return null
  const hours = Number(match[1])
  const minutes = match[2] === undefined ? 0 : Number(match[2])
  if (hours > 23 || minutes > 59) return null
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

/**
 * A stored time ("13:30") as it is written in Danish and shown in every time field ("13.30"),
 * so the fields, their hints and the meeting pages all use the one format.
 */
export function clockText(time: string | null | undefined): string {
  return time ? time.replace(':', '.') : ''
}
