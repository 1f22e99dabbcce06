/**
 * Every screen, with what a person sees as its heading in each language. A new screen is added
 * here so the accessibility suite visits it in both themes and both languages.
 */
export interface ScreenUnderTest {
  path: string
  da: string
  en: string
}

export const screens: ScreenUnderTest[] = [
  { path: '/moeder', da: 'Møder', en: 'Meetings' },
  { path: '/raad', da: 'Rådene', en: 'The councils' },
  { path: '/admin/kun-medarbejdere', da: 'Kun for medarbejdere', en: 'For staff only' },
  { path: '/valg', da: 'Valg', en: 'Elections' },
  { path: '/workshops', da: 'Workshops', en: 'Workshops' },
  { path: '/workshops/mine', da: 'Mine bidrag', en: 'My contributions' },
  { path: '/mig', da: 'Mig', en: 'Me' },
  { path: '/log-ind', da: 'Log ind', en: 'Sign in' },
  { path: '/k', da: 'Log ind med link', en: 'Sign in with a link' },
  { path: '/indstillinger', da: 'Indstillinger', en: 'Settings' },
  { path: '/hjaelp', da: 'Hjælp', en: 'Help' },
  { path: '/tilgaengelighed', da: 'Tilgængelighedserklæring', en: 'Accessibility statement' },
  { path: '/findes-ikke', da: 'Siden findes ikke', en: 'Page not found' },
]
