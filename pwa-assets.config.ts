import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config'

// The PNG icons in public/ are generated from public/favicon.svg by `npm run icons` and committed.
export default defineConfig({
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: '#0b4f8a' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#0b4f8a' } },
  },
  images: ['public/favicon.svg'],
})
