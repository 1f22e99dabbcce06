import { SERVER_RENDERED_ATTRIBUTE } from '../shared/sync/first-pull'
import { afterNextPaint } from './ui/after-next-paint'
import './ui/styles/base.css'

const start = () => import('./start-app').then(({ startApp }) => startApp())

// A page the server rendered (src/server/http/render-page.ts) can be read before the app runs:
// the browser paints it first, and the app (about 140 KiB of script to evaluate, then taking the
// page over) starts in the tasks after. Arriving with the page, as it does from a fast network
// or the browser's cache, it would otherwise run before that first paint and hold it back.
if (document.getElementById('app')?.hasAttribute(SERVER_RENDERED_ATTRIBUTE)) afterNextPaint(() => void start())
else void start()
