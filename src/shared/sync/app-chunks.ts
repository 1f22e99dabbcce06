/**
 * The id of the inert template in a rendered page's HTML that holds the links to the app's own
 * chunks: put in the head once the page is on the screen where no service worker's precache
 * fetches them, so they are there (not run) before the person's first tap needs them
 * (src/app/start-on-use.ts). Its own module, so the page's first script does not carry it.
 */
export const APP_CHUNKS_ID = 'app-chunks'
