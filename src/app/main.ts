import { SERVER_RENDERED_ATTRIBUTE } from '../shared/sync/first-pull'
import { afterFirstContentfulPaint } from './ui/after-next-paint'
import './ui/styles/base.css'

const start = () => import('./start-app').then(({ startApp }) => startApp())

// A page the server rendered (src/server/http/render-page.ts) can be read before the app runs:
// the browser shows it first, and the app (about 110 KiB gzip of script to fetch and evaluate,
// then taking the page over) is fetched once it is on the screen. Arriving with the page, as it
// does from a fast network or the browser's cache, it would otherwise run before that first
// paint and hold it back; fetched while the frame is still on its way, it competes with it.
if (document.getElementById('app')?.hasAttribute(SERVER_RENDERED_ATTRIBUTE)) afterFirstContentfulPaint(() => void start())
else void start()
