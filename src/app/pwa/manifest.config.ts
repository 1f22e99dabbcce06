import type { ManifestOptions } from 'vite-plugin-pwa'

/** Colours match the light theme's header so the installed app opens without a flash. */
export const webManifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Brugerstemme',
  short_name: 'Brugerstemme',
  description: 'Møder, valg og workshops i dit bruger- og centerråd – let at læse og let at bruge.',
  lang: 'da',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  theme_color: '#0b4f8a',
  background_color: '#ffffff',
  categories: ['government', 'social'],
  icons: [
    { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
    { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
    { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
    { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
}
