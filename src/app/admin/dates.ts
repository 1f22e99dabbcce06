/**
 * Dates are typed as text ("31-12-2027"), as on paper forms, rather than with the browser's date
 * picker, whose separate day, month and year parts behave differently in every browser and
 * catch the Tab key. ISO dates ("2027-12-31") are accepted too.
 */
export function parseDate(text: string): string | null {
  const value = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value)
  const danish = /^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$/.exec(value)
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : danish ? [danish[3], danish[2], danish[1]] : []
  if (!year || !month || !day) return null
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null
  return date.toISOString().slice(0, 10)
}

/** "2027-12-31" → "31-12-2027", the way the fields show it. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const [year, month, day] = iso.split('-')
  return `${day}-${month}-${year}`
}
