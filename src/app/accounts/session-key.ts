/** Where the device keeps the session it last knew of (session-store.ts); its own module, so a page's first script can look without loading the store. */
export const SESSION_STORAGE_KEY = 'brugerstemme.session.v1'
