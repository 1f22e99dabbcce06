import { shallowRef } from 'vue'
import type * as StartLater from './start-later'

/** start-later.ts once it has loaded and run (after the first paint); App.vue draws its banners from it. */
export const laterShell = shallowRef<typeof StartLater | null>(null)
