import { SERVER_RENDERED_ATTRIBUTE } from '../shared/sync/first-pull'
import { afterFirstContentfulPaint } from './ui/after-next-paint'
import './ui/styles/base.css'

// A page the server rendered (src/server/http/render-page.ts) can be read before the app runs,
// and the app starts when the person starts to use it (start-on-use.ts, which begins as it
// loads). That waits for the page to be on the screen: a request started while the frame is
// still on its way competes with it.
if (document.getElementById('app')?.hasAttribute(SERVER_RENDERED_ATTRIBUTE)) afterFirstContentfulPaint(() => void import('./start-on-use'))
else void import('./start-app').then(({ startApp }) => startApp())
